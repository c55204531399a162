import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ProblemException, problem } from '../common/problem';
import { MetricsService } from './metrics.service';
import { bearerMatches } from './operators';

/**
 * Prometheus scrape endpoint: `Authorization: Bearer <METRICS_TOKEN>`; 404 while METRICS_TOKEN is empty.
 * Not a session route and not part of the web client's API (hence left out of the OpenAPI document).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response) {
    if (!this.metrics.enabled) throw problem.notFound();
    if (!bearerMatches(authorization, this.config.METRICS_TOKEN)) {
      throw new ProblemException(
        401,
        'AUTH_REQUIRED',
        { ja: '有効なトークンが必要です。', en: 'A valid bearer token is required.' },
        undefined,
        { 'WWW-Authenticate': 'Bearer realm="metrics"' },
      );
    }
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  }
}
