import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { AuthedRequest } from './auth.types';
import { RateLimiter, type WindowLimit } from './rate-limiter';

/** The public routes that look up a secret or hash a password, each with its per-address limit. */
export type IpLimitedRoute = 'signup' | 'signup-verify' | 'invitation' | 'link-redeem';

interface IpPolicy {
  limit: WindowLimit;
  /** A request that succeeded gives its unit back: only failures (wrong or used tokens, bad passwords) count. */
  refundOnSuccess: boolean;
}

/**
 * Per-address limits. Sign-up counts every request (each one sends an email); the others count failures
 * only, within the login window: 5 × LOGIN_MAX_ATTEMPTS, the same budget an address has for failed logins.
 */
export function ipPolicy(route: IpLimitedRoute, config: AppConfig): IpPolicy {
  const failures = { max: config.LOGIN_MAX_ATTEMPTS * 5, windowMs: config.LOGIN_WINDOW_SECONDS * 1000 };
  if (route === 'signup') return { limit: { max: 20, windowMs: 3600_000 }, refundOnSuccess: false };
  return { limit: failures, refundOnSuccess: true };
}

/** The client's address as Express sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
export function clientAddress(req: AuthedRequest): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}

const IP_LIMIT_KEY = 'tierstar:ip-limit';

@Injectable()
export class IpRateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<IpLimitedRoute | undefined>(IP_LIMIT_KEY, context.getHandler());
    if (!route) return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const policy = ipPolicy(route, this.config);
    const key = this.limiter.key(`ip-${route}`, clientAddress(req));
    // Runs before the body is validated and before the handler: the charge comes first, atomically.
    return from(
      (async () => {
        await this.limiter.consume([{ key, limit: policy.limit }]);
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        if (policy.refundOnSuccess) await this.limiter.refund([key]);
        return result;
      })(),
    );
  }
}

/** Limits requests to this route per client address (see ipPolicy), before anything else runs. */
export const IpRateLimit = (route: IpLimitedRoute) =>
  applyDecorators(SetMetadata(IP_LIMIT_KEY, route), UseInterceptors(IpRateLimitInterceptor));
