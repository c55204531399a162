import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CascadeModule } from './cascade/cascade.module';
import { CataloguesModule } from './catalogues/catalogues.module';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { dataSourceOptions } from './database/data-source-options';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { InsightsModule } from './insights/insights.module';
import { MailModule } from './mail/mail.module';
import { NetworkModule } from './network/network.module';
import { OpsModule } from './ops/ops.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';
import { RemindersModule } from './reminders/reminders.module';
import { RemediationModule } from './remediation/remediation.module';

/**
 * Request-log fields that carry secrets: session and CSRF cookies, bearer tokens (organization API tokens,
 * the metrics token), proxy credentials. pino replaces them with "[Redacted]".
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export interface AppModuleOptions {
  /** Where the JSON log lines go (default: stdout). Tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const pinoOptions = {
      level: config.LOG_LEVEL,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: LOG_REDACT_PATHS,
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
    };
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: options.logDestination ? [pinoOptions, options.logDestination] : pinoOptions,
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.DATABASE_URL), autoLoadEntities: false }),
        DatabaseModule,
        RedisModule,
        QueuesModule.forRoot(config),
        MailModule,
        OutboxModule.forRoot({ runsWorkers: config.ROLE !== 'api' }),
        EvidenceModule,
        ApiTokensModule,
        AssessmentsModule,
        AuthModule,
        CampaignsModule,
        CascadeModule,
        CataloguesModule,
        HealthModule,
        InsightsModule,
        NetworkModule,
        OpsModule,
        OrganizationsModule,
        RemediationModule,
        RemindersModule.forRoot({ runsWorkers: config.ROLE !== 'api' }),
      ],
    };
  }
}
