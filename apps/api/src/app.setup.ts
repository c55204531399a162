import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from 'nestjs-pino';
import { type AppConfig, parseTrustProxy } from './config/config';
import { ProblemException } from './common/problem';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation.pipe';
import { mountQueueDashboard } from './ops/queue-dashboard';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TierStar API')
    .setDescription(
      'Supply-chain cybersecurity ratings (METI SCS ★3–★5, JAMA/JAPIA, IPA). Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('tierstar_session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/** Everything main.ts and the tests share: prefix, parsers, security headers, validation, errors, docs, web. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  // Which proxies may name the client's address (X-Forwarded-For): rate limits and logs depend on it.
  app.set('trust proxy', parseTrustProxy(config.TRUST_PROXY) ?? false);
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use(express.json({ limit: '1mb' }));
  app.use(bodyParserErrors);
  mountQueueDashboard(app); // /api/admin/queues: operators only, own CSP, read-only
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/json' });

  const webDist = config.WEB_DIST ? resolve(config.WEB_DIST) : '';
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(webDist, 'index.html'));
    });
  }
}

/** Body-parser failures become problems with their own codes (before Nest maps them to a bare 400). */
function bodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    next(
      new ProblemException(400, 'MALFORMED_JSON', {
        ja: 'JSON の形式が正しくありません。',
        en: 'The request body is not valid JSON.',
      }),
    );
  } else if (type === 'entity.too.large') {
    next(
      new ProblemException(413, 'PAYLOAD_TOO_LARGE', {
        ja: 'データが大きすぎます。',
        en: 'The request body is too large.',
      }),
    );
  } else if (typeof type === 'string') {
    next(
      new ProblemException(400, 'BAD_REQUEST', { ja: 'リクエストが正しくありません。', en: 'Bad request.' }),
    );
  } else {
    next(err);
  }
}
