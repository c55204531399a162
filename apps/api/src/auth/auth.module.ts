import { Module } from '@nestjs/common';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfGuard } from './csrf.guard';
import { IpRateLimitInterceptor } from './ip-rate-limit';
import { OrgAccessGuard } from './org-access.guard';
import { PasswordHasher } from './password-hasher';
import { RateLimiter } from './rate-limiter';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';

@Module({
  imports: [ApiTokensModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordHasher,
    RateLimiter,
    IpRateLimitInterceptor,
    SessionService,
    // Order matters: CSRF, then session, then tenant membership.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: OrgAccessGuard },
  ],
  exports: [AuthService, PasswordHasher, RateLimiter, IpRateLimitInterceptor, SessionService],
})
export class AuthModule {}
