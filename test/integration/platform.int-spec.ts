import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { JOB, QUEUE } from '../../apps/api/src/queues/queues';
import { REDIS } from '../../apps/api/src/redis/redis.module';
import type Redis from 'ioredis';
import { createTestApp, type TestApp } from '../support/test-app';
import { testClock } from '../support/clock';
import { pollUntil } from '../support/poll';

describe('platform: health, problem+json, queues, docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'all' });
  });
  afterAll(() => t.close());

  it('reports database and Redis state', async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up', role: 'all' });
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('answers unknown routes with problem+json and echoes the request id', async () => {
    const res = await request(t.url)
      .get('/api/nope')
      .set('X-Request-Id', 'req-123')
      .set('Accept-Language', 'en')
      .expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Not found.',
      requestId: 'req-123',
    });
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await request(t.url).get('/api/docs/json').expect(200);
    expect(res.body.paths['/api/orgs/{orgId}/network']).toBeDefined();
  });

  it('runs BullMQ jobs in a ROLE=all process', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUE.system));
    const job = await queue.add(JOB.heartbeat, { requestedAt: testClock(t).now().toISOString() });
    const done = await pollUntil(async () => ((await job.isCompleted()) ? true : null));
    expect(done).toBe(true);
    const redis = t.app.get<Redis>(REDIS);
    expect(await redis.get('worker:last-heartbeat')).toMatch(/^\d{4}-/);
  });
});
