import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  mixin,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ProblemException } from './problem';

export interface UploadLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Problem code for a file over the limit. */
  tooLargeCode: string;
}

/**
 * Reads one multipart file field named "file" into memory, refusing files over `maxBytes` with a 413 problem
 * that states the limit (multer stops reading at the limit, so an oversized upload never fills memory).
 */
export function singleFileUpload(limits: (config: AppConfig) => UploadLimits): Type<NestInterceptor> {
  @Injectable()
  class SingleFileUpload implements NestInterceptor {
    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const { maxBytes, tooLargeCode } = limits(this.config);
      const req = ctx.switchToHttp().getRequest<Request>();
      const res = ctx.switchToHttp().getResponse<Response>();
      const handler = multer({
        storage: multer.memoryStorage(),
        limits: { fileSize: maxBytes, files: 1 },
        defParamCharset: 'utf8',
      }).single('file');
      await new Promise<void>((resolve, reject) =>
        handler(req, res, (err: unknown) => {
          if (!err) return resolve();
          const code = (err as { code?: string }).code;
          const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
          if (code === 'LIMIT_FILE_SIZE') {
            return reject(
              new ProblemException(413, tooLargeCode, {
                ja: `ファイルが大きすぎます (上限 ${mb} MB)。`,
                en: `The file is too large (limit ${mb} MB).`,
              }),
            );
          }
          return reject(
            new ProblemException(400, 'UPLOAD_INVALID', {
              ja: 'ファイルを受け取れませんでした。1 つのファイルを "file" 欄で送ってください。',
              en: 'The upload could not be read. Send one file in the "file" field.',
            }),
          );
        }),
      );
      return next.handle();
    }
  }
  return mixin(SingleFileUpload);
}
