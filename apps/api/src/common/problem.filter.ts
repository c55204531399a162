import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { localeOf } from './locale';
import { type LocalizedMessage, ProblemException } from './problem';

const GENERIC: Record<number, { code: string; message: LocalizedMessage }> = {
  400: { code: 'BAD_REQUEST', message: { ja: 'リクエストが正しくありません。', en: 'Bad request.' } },
  401: { code: 'AUTH_REQUIRED', message: { ja: 'ログインしてください。', en: 'Please log in.' } },
  403: {
    code: 'FORBIDDEN',
    message: { ja: 'この操作は許可されていません。', en: 'This action is not allowed.' },
  },
  404: { code: 'NOT_FOUND', message: { ja: '見つかりません。', en: 'Not found.' } },
  405: {
    code: 'METHOD_NOT_ALLOWED',
    message: { ja: 'この方法では操作できません。', en: 'Method not allowed.' },
  },
  409: {
    code: 'CONFLICT',
    message: { ja: '他の変更と競合しました。', en: 'Conflicts with another change.' },
  },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    message: { ja: 'データが大きすぎます。', en: 'The request body is too large.' },
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: { ja: 'この形式には対応していません。', en: 'Unsupported media type.' },
  },
  429: { code: 'RATE_LIMITED', message: { ja: '試行回数が多すぎます。', en: 'Too many requests.' } },
  500: {
    code: 'INTERNAL_ERROR',
    message: {
      ja: 'サーバーで問題が起きました。時間をおいて再度お試しください。',
      en: 'Something went wrong on our side. Please try again later.',
    },
  },
};

/** Turns every error into application/problem+json with a stable `code` (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const locale = localeOf(req);

    let status = 500;
    let code = GENERIC[500]!.code;
    let message = GENERIC[500]!.message;
    let errors: unknown[] | undefined;
    let extensions: Record<string, unknown> = {};

    if (exception instanceof ProblemException) {
      status = exception.httpStatus;
      code = exception.code;
      message = exception.localized;
      errors = exception.errors?.map((e) => ({ ...e, message: e.message[locale] }));
      for (const [k, v] of Object.entries(exception.headers ?? {})) res.setHeader(k, v);
      extensions = exception.extensions ?? {};
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const generic = GENERIC[status] ?? GENERIC[status >= 500 ? 500 : 400]!;
      code = generic.code;
      message = generic.message;
    }

    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // Refused before its body was read (an upload stopped by a guard or a limit): close the connection after
    // the answer instead of reading, and throwing away, the rest of a body nobody wants.
    if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');

    res
      .status(status)
      .type('application/problem+json')
      .json({
        ...extensions,
        type: `https://tierstar.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
        title: message.en,
        status,
        code,
        detail: message[locale],
        instance: req.originalUrl?.split('?')[0],
        requestId: req.id,
        ...(errors ? { errors } : {}),
      });
  }
}
