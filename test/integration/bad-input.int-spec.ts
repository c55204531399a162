import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Response } from 'supertest';
import { HOLIDAY_DATA_YEARS } from '../../apps/api/src/reminders/calendar/business-calendar';
import { testClock } from '../support/clock';
import { launchCampaign, makeNetwork, metiStar3Ids } from '../support/campaign-fixtures';
import { makeUser, PASSWORD } from '../support/factories';
import { fillPath, type LiveRoute, liveRoutes, openApiPath } from '../support/routes';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

/**
 * Bad input anywhere answers 4xx application/problem+json, never a 5xx. Every route of the running router
 * (read from the router, so a new route is covered without being listed here) is called by a signed-in admin
 * of the buyer and of the supplier with malformed bodies (none, invalid JSON, wrong top-level types, every
 * documented field given every wrong type, huge strings, deep nesting, other content types), malformed path
 * values (not a UUID, very long, unicode, broken percent-encoding) and malformed query values.
 */
jest.setTimeout(900_000);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const OPENAPI = JSON.parse(readFileSync(resolve(__dirname, '../../docs/openapi.json'), 'utf8')) as OpenApi;

function deref(s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; i < 10; i++) {
    if (cur.$ref) cur = OPENAPI.components.schemas[cur.$ref.split('/').pop()!] ?? {};
    else if (cur.allOf?.length) cur = cur.allOf[0]!;
    else if (cur.oneOf?.length) cur = cur.oneOf[0]!;
    else if (cur.anyOf?.length) cur = cur.anyOf[0]!;
    else break;
  }
  return cur;
}

/** A plausible value for a schema: its example, default or first enum value, else one of its type. */
function sample(schema: Schema | undefined, depth = 0): unknown {
  const s = deref(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      return s.format === 'uuid' ? '00000000-0000-4000-8000-000000000001' : 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return depth > 3 ? [] : [sample(s.items, depth + 1)];
    default: {
      if (depth > 3 || !s.properties) return {};
      return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sample(v, depth + 1)]));
    }
  }
}

const HUGE = 'あ'.repeat(300_000); // 900 kB of UTF-8: under the 1 MB body limit
const WEIRD = '\u0000\u202e日本語🚀\ud800';

/** Values of the wrong type, or of the right type and absurd, for a schema. */
function wrongs(schema: Schema | undefined): unknown[] {
  const s = deref(schema);
  const common = [null, { nested: { deep: true } }];
  switch (s.type) {
    case 'string':
      return [...common, 12345, true, ['x'], '', HUGE, WEIRD, ...(s.enum ? ['not-one-of-them'] : [])];
    case 'integer':
    case 'number':
      return [...common, '1', 1.5, -1, 1e308, -1e308, [1], true];
    case 'boolean':
      return [...common, 'true', 0];
    case 'array':
      return [...common, 'x', [null], [{}], [HUGE], Array.from({ length: 2000 }, () => sample(s.items))];
    default:
      return [...common.slice(0, 1), 'x', 7, [], ['x'], { unknown: 1 }];
  }
}

interface Variant {
  label: string;
  /** Raw body text (sent as is) or a value sent as JSON. */
  raw?: string | Buffer;
  json?: unknown;
  contentType?: string;
}

function deepNesting(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** Malformed bodies every route with a body is sent. */
const GENERIC_BODIES: Variant[] = [
  { label: 'no body' },
  { label: 'empty JSON object', json: {} },
  { label: 'invalid JSON', raw: '{"a":', contentType: 'application/json' },
  { label: 'JSON array', json: [] },
  { label: 'JSON array of an object', json: [{}] },
  { label: 'JSON null', raw: 'null', contentType: 'application/json' },
  { label: 'JSON string', raw: '"x"', contentType: 'application/json' },
  { label: 'JSON number', raw: '42', contentType: 'application/json' },
  { label: 'deep nesting', raw: deepNesting(5000), contentType: 'application/json' },
  { label: 'unknown huge field', json: { zz: HUGE } },
  { label: 'over the body limit', raw: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' },
  {
    label: 'prototype keys',
    raw: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}',
    contentType: 'application/json',
  },
  { label: 'form-urlencoded', raw: 'a=1&b[c]=2', contentType: 'application/x-www-form-urlencoded' },
  { label: 'plain text', raw: 'hello', contentType: 'text/plain' },
  {
    label: 'UTF-16 JSON',
    raw: Buffer.from('{"a":1}', 'utf16le'),
    contentType: 'application/json; charset=utf-16',
  },
  {
    label: 'broken multipart',
    raw: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nab',
    contentType: 'multipart/form-data; boundary=x',
  },
  { label: 'multipart without boundary', raw: 'abc', contentType: 'multipart/form-data' },
];

/** Malformed values put in one path parameter at a time (`raw` ones are not percent-encoded). */
const BAD_PATH_VALUES: { label: string; value: string; raw?: boolean }[] = [
  { label: 'not a UUID', value: 'not-a-uuid' },
  { label: 'very long', value: 'x'.repeat(4000) },
  { label: 'unicode', value: WEIRD.replace('\ud800', '') },
  { label: 'broken percent-encoding', value: '%E0%A4%A', raw: true },
  { label: 'encoded slash and NUL', value: '..%2F..%2F%00', raw: true },
  { label: 'UUID-looking but upper-case and braced', value: '{0000000A-0000-4000-8000-00000000000A}' },
];

const BAD_QUERY_VALUES: { label: string; query: (name: string) => string }[] = [
  { label: 'very long', query: (n) => `${n}=${'x'.repeat(4000)}` },
  { label: 'repeated', query: (n) => `${n}=1&${n}=2` },
  { label: 'nested', query: (n) => `${n}[a]=1` },
  { label: 'unicode', query: (n) => `${n}=${encodeURIComponent(WEIRD.replace('\ud800', ''))}` },
  { label: 'broken percent-encoding', query: (n) => `${n}=%E0%A4%A` },
  { label: 'empty', query: (n) => `${n}=` },
  { label: 'NUL', query: (n) => `${n}=a%00b` },
];

const isProblem = (res: Response) =>
  String(res.headers['content-type'] ?? '').includes('application/problem+json') &&
  typeof (res.body as { code?: unknown }).code === 'string';

describe('bad input anywhere answers 4xx problem+json, never 5xx', () => {
  let t: TestApp;
  let routes: LiveRoute[];
  let ids: Record<string, string>;
  let adminEmail: string;
  let requests = 0;

  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    routes = liveRoutes(t.app);

    // A buyer with two suppliers; one admin of the buyer and of both suppliers, so that every route is
    // reached as a member with the strongest role on either side.
    const net = await makeNetwork(t.db, 2);
    const admin = await makeUser(t.db, net.buyer, 'admin');
    adminEmail = admin.email;
    for (const s of net.suppliers) {
      await t.db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'admin')`, [
        admin.id,
        s.org.id,
      ]);
    }
    const client = await (await browser(t)).login(admin.email, PASSWORD);
    const campaignId = await launchCampaign(client, net.buyer.id);
    const [open, submitted] = net.suppliers;
    const assessmentOf = async (supplierId: string) =>
      (
        await t.db.query<{ id: string }[]>(
          'SELECT id FROM assessments WHERE campaign_id = $1 AND supplier_id = $2',
          [campaignId, supplierId],
        )
      )[0]!.id;
    const openId = await assessmentOf(open!.org.id);
    const submittedId = await assessmentOf(submitted!.org.id);
    const star3 = metiStar3Ids();
    for (const id of star3) {
      await client
        .put(`/api/assessments/${submittedId}/answers/${encodeURIComponent(id)}`, {
          value: id === star3[0] ? 'not_met' : 'met',
          baseVersion: 0,
        })
        .expect(200);
    }
    const today = testClock(t).today();
    await client
      .post(`/api/assessments/${submittedId}/submit`, {
        declaration: { name: '山田 太郎', title: '代表取締役', date: today },
      })
      .expect(204);
    const [item] = await t.db.query<{ id: string }[]>(
      'SELECT id FROM remediation_items WHERE assessment_id = $1',
      [submittedId],
    );
    const evidence = await client.agent
      .post(`/api/assessments/${openId}/answers/${encodeURIComponent(star3[1]!)}/evidence`)
      .set('X-CSRF-Token', (client as unknown as { csrf: string }).csrf)
      .attach('file', Buffer.from('a,b\n1,2\n'), 'list.csv')
      .expect(201);
    const token = await client.post(`/api/orgs/${net.buyer.id}/api-tokens`, { name: 'BI' }).expect(201);
    const [link] = await t.db.query<{ id: string }[]>(
      'SELECT id FROM supply_links WHERE buyer_id = $1 AND supplier_id = $2',
      [net.buyer.id, open!.org.id],
    );
    ids = {
      orgId: net.buyer.id,
      campaignId,
      assessmentId: openId,
      criterionId: star3[2]!,
      evidenceId: evidence.body.id as string,
      itemId: item!.id,
      supplierId: open!.org.id,
      linkId: link!.id,
      tokenId: token.body.id as string,
      importId: '00000000-0000-4000-8000-000000000002',
      id: 'meti-scs',
      version: 'latest',
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Signing out ends the session every other request needs: that route is called with sessions of its own. */
  const isSignOut = (r: LiveRoute) => r.path === '/api/auth/logout';
  let main: TestBrowser;
  const clientFor = async (r: LiveRoute): Promise<TestBrowser> =>
    isSignOut(r) ? (await browser(t)).login(adminEmail, PASSWORD) : main;

  async function send(client: TestBrowser, method: string, url: string, variant: Variant): Promise<Response> {
    requests++;
    const csrf = (client as unknown as { csrf: string }).csrf;
    let req = client.agent[method.toLowerCase() as 'post'](url)
      .set('X-CSRF-Token', csrf)
      .set('Accept-Language', 'en');
    if (variant.contentType) req = req.set('Content-Type', variant.contentType);
    if (variant.raw !== undefined) return req.send(variant.raw);
    if (variant.json !== undefined) return req.send(variant.json as object);
    return req;
  }

  function judge(res: Response, what: string, failures: string[]): void {
    if (res.status >= 500)
      failures.push(`${what} → ${res.status} ${String(res.body?.code ?? res.text).slice(0, 120)}`);
    else if (res.status >= 400 && !isProblem(res))
      failures.push(`${what} → ${res.status} without problem+json`);
  }

  const operation = (r: LiveRoute): Operation | undefined =>
    OPENAPI.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];

  const bodyVariants = (r: LiveRoute): Variant[] => {
    const op = operation(r);
    const schema = op?.requestBody?.content['application/json']?.schema;
    if (!schema) return GENERIC_BODIES;
    const base = sample(schema) as Record<string, unknown>;
    const props = deref(schema).properties ?? {};
    const perField: Variant[] = Object.entries(props).flatMap(([name, prop]) => {
      const own = wrongs(prop).map((w) => ({
        label: `${name}: ${JSON.stringify(w)?.slice(0, 30)}`,
        json: { ...base, [name]: w },
      }));
      // One level down: the fields of an object field.
      const inner = deref(prop).properties ?? {};
      const nested = Object.entries(inner).flatMap(([sub, subProp]) =>
        wrongs(subProp).map((w) => ({
          label: `${name}.${sub}: ${JSON.stringify(w)?.slice(0, 30)}`,
          json: { ...base, [name]: { ...(sample(prop) as object), [sub]: w } },
        })),
      );
      return [...own, ...nested];
    });
    return [...GENERIC_BODIES, { label: 'documented sample', json: base }, ...perField];
  };

  it('enumerates the live router: every documented operation is among its routes', () => {
    const live = new Set(routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    const documented = Object.entries(OPENAPI.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.filter((d) => !live.has(d))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(documented.length);
  });

  it('answers the cases that used to be 500 with 400 problems', async () => {
    const anonymous = await browser(t);
    for (const body of [undefined, {}, { organization: [], user: [] }]) {
      const res = await anonymous.post('/api/signup', body).set('Accept-Language', 'en');
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const deep = await anonymous.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', (anonymous as unknown as { csrf: string }).csrf)
      .set('Content-Type', 'application/json')
      .send(deepNesting(5000));
    expect([deep.status, deep.body.code]).toEqual([400, 'INPUT_TOO_DEEP']);
    const nul = await anonymous.post('/api/auth/login', {
      email: 'a\u0000@example.jp',
      password: 'x'.repeat(12),
    });
    expect([nul.status, nul.body.code]).toEqual([400, 'INVALID_TEXT']);
    const surrogate = await anonymous.post('/api/auth/login', {
      email: '\ud800@example.jp',
      password: 'x'.repeat(12),
    });
    expect([surrogate.status, surrogate.body.code]).toEqual([400, 'INVALID_TEXT']);
  });

  it('lists upcoming reminders of a campaign due beyond the holiday calendar instead of failing', async () => {
    const client = await (await browser(t)).login(adminEmail, PASSWORD);
    const dueDate = `${HOLIDAY_DATA_YEARS.last + 1}-06-30`;
    const campaignId = await launchCampaign(client, ids.orgId!, { dueDate });
    const [a] = await t.db.query<{ id: string }[]>('SELECT id FROM assessments WHERE campaign_id = $1', [
      campaignId,
    ]);
    const res = await client.get(`/api/assessments/${a!.id}/reminders`).expect(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('malformed bodies on every route with a body', async () => {
    main = await (await browser(t)).login(adminEmail, PASSWORD);
    const failures: string[] = [];
    const withBody = routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(withBody.length).toBeGreaterThan(25);
    for (const r of [...withBody.filter((x) => !isSignOut(x)), ...withBody.filter(isSignOut)]) {
      const url = fillPath(r, ids);
      for (const v of bodyVariants(r)) {
        const res = await send(await clientFor(r), r.method, url, v);
        judge(res, `${r.method} ${r.path} [${v.label}]`, failures);
      }
    }
    expect(failures).toEqual([]);
  });

  it('malformed path values on every route with parameters', async () => {
    main = await (await browser(t)).login(adminEmail, PASSWORD);
    const failures: string[] = [];
    const withParams = routes.filter((r) => r.params.length > 0);
    expect(withParams.length).toBeGreaterThan(40);
    for (const r of [...withParams.filter((x) => !isSignOut(x)), ...withParams.filter(isSignOut)]) {
      const schema = operation(r)?.requestBody?.content['application/json']?.schema;
      const body: Variant = schema ? { label: 'sample', json: sample(schema) } : { label: 'none' };
      for (const param of r.params) {
        for (const bad of BAD_PATH_VALUES) {
          const url = fillPath(r, { ...ids, [param]: bad.value }, bad.raw ? new Set([param]) : new Set());
          const res = await send(
            await clientFor(r),
            r.method,
            url,
            r.method === 'GET' ? { label: 'none' } : body,
          );
          judge(res, `${r.method} ${r.path} [${param} ${bad.label}]`, failures);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('malformed query values on every GET route, documented parameters and unknown ones', async () => {
    main = await (await browser(t)).login(adminEmail, PASSWORD);
    const failures: string[] = [];
    const gets = routes.filter((r) => r.method === 'GET');
    for (const r of gets) {
      const names = (operation(r)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const url = fillPath(r, ids);
      for (const name of [...names, 'zz_unknown']) {
        for (const bad of BAD_QUERY_VALUES) {
          const res = await send(main, 'GET', `${url}?${bad.query(name)}`, { label: 'none' });
          judge(res, `GET ${r.path} [?${name} ${bad.label}]`, failures);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1500);
  });
});
