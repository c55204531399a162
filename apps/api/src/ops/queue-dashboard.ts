import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { SESSION_COOKIE } from '../auth/auth.types';
import { SessionService } from '../auth/session.service';
import { authRequired } from '../auth/session.guard';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ProblemException, problem } from '../common/problem';
import { AppQueues } from './app-queues';
import { parseOperatorEmails } from './operators';

/** Where the dashboard is served (outside Nest's router: bull-board brings its own Express app). */
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * The dashboard page loads only its own scripts, styles and images; its JSON config sits in a non-executed
 * `<script type="application/json">`. It also links Google Fonts, which this policy leaves out on purpose
 * (no third-party requests from an operator console; the page falls back to system fonts).
 */
const dashboardCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  },
});

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * bull-board for every queue the app declares, read-only (no retry, clean, pause, add), for platform
 * operators only: a signed-in, verified account whose email is in OPERATOR_EMAILS. Anyone else signed in gets 404
 * (the dashboard's existence is not revealed), nobody signed in gets 401.
 */
@Injectable()
export class QueueDashboard {
  private readonly operators: ReadonlySet<string>;

  constructor(
    private readonly queues: AppQueues,
    private readonly sessions: SessionService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.operators = parseOperatorEmails(config.OPERATOR_EMAILS);
  }

  /** Mounts the dashboard on the Express app (after cookie-parser, before Nest's routes). */
  mount(app: NestExpressApplication): void {
    app.use(
      QUEUE_DASHBOARD_PATH,
      (req: Request, _res: Response, next: NextFunction) => {
        this.authorize(req).then(() => next(), next);
      },
      (req: Request, res: Response, next: NextFunction) => {
        if (!READ_METHODS.has(req.method)) {
          return next(
            new ProblemException(
              405,
              'READ_ONLY',
              { ja: 'キュー画面は閲覧専用です。', en: 'The queue dashboard is read-only.' },
              undefined,
              { Allow: 'GET, HEAD' },
            ),
          );
        }
        res.setHeader('Cache-Control', 'no-store');
        next();
      },
      dashboardCsp,
      this.router(),
    );
  }

  private router(): Express {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'TierStar queues', hideDocsLink: true } },
    });
    const router = serverAdapter.getRouter() as Express;
    router.disable('x-powered-by');
    return router;
  }

  private async authorize(req: Request): Promise<void> {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const auth = token ? await this.sessions.resolve(token) : null;
    if (!auth) throw authRequired();
    if (this.operators.size > 0) {
      // Only a verified account counts: its owner proved the mailbox named in OPERATOR_EMAILS.
      const [user] = await this.db.query<{ email: string }[]>(
        `SELECT email FROM users WHERE id = $1 AND email_verified_at IS NOT NULL`,
        [auth.userId],
      );
      if (user && this.operators.has(user.email)) return;
    }
    throw problem.notFound();
  }
}

/** Serves the queue dashboard (see QueueDashboard); called once from configureApp. */
export function mountQueueDashboard(app: NestExpressApplication): void {
  app.get(QueueDashboard).mount(app);
}
