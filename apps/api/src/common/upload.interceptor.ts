import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  mixin,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import type { AuthContext, AuthedRequest } from '../auth/auth.types';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ProblemException } from './problem';

export interface UploadLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Problem code for a file over the limit. */
  tooLargeCode: string;
}

/**
 * Decides whether the caller may upload here, from the caller and the raw path parameters alone. Throws the
 * route's own 404/403 problem; resolves services through `services` (e.g. `services.get(EvidenceService,
 * { strict: false })`).
 */
export type UploadAuthorizer = (
  services: ModuleRef,
  auth: AuthContext,
  params: Record<string, string>,
) => Promise<unknown>;

export interface UploadOptions {
  limits: (config: AppConfig) => UploadLimits;
  /** Text fields the route reads besides the file (their names are checked by the DTO). Default none. */
  fields?: number;
  /**
   * The access check that runs BEFORE a byte of the body is read, so that a stranger's upload is refused
   * unread. `'route-guard'` only where a guard has already decided who may upload (OrgAccessGuard on
   * `/orgs/:orgId` routes with @OrgRoles).
   */
  authorize: UploadAuthorizer | 'route-guard';
}

/** Longest value of a text field, in bytes. */
export const UPLOAD_FIELD_BYTES = 256;
/** Header lines per multipart part (Content-Disposition, Content-Type, a few spare). */
const PART_HEADER_PAIRS = 8;

const invalid = (ja: string, en: string) => new ProblemException(400, 'UPLOAD_INVALID', { ja, en });

/**
 * One multipart file field named "file", read into memory after the access check, with every part of the
 * body bounded: the file by `maxBytes` (413 stating the limit; multer stops reading there), at most `fields`
 * text fields of at most 256 bytes each, no other file, at most `fields + 1` parts and 8 header lines per part.
 * Whenever the request is refused before its body was read to the end, ProblemFilter closes the connection
 * after the answer, so the server never reads the rest of an unwanted body.
 */
export function singleFileUpload(options: UploadOptions): Type<NestInterceptor> {
  const fields = options.fields ?? 0;

  @Injectable()
  class SingleFileUpload implements NestInterceptor {
    constructor(
      @Inject(APP_CONFIG) private readonly config: AppConfig,
      private readonly services: ModuleRef,
    ) {}

    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = ctx.switchToHttp().getRequest<AuthedRequest>();
      const res = ctx.switchToHttp().getResponse<Response>();
      // A refusal from here leaves the body unread; ProblemFilter then closes the connection.
      if (options.authorize !== 'route-guard') {
        if (!req.auth) {
          throw new ProblemException(401, 'AUTH_REQUIRED', {
            ja: 'ログインしてください。',
            en: 'Please log in.',
          });
        }
        await options.authorize(this.services, req.auth, req.params as Record<string, string>);
      }
      await this.read(req, res);
      return next.handle();
    }

    private read(req: AuthedRequest, res: Response): Promise<void> {
      const { maxBytes, tooLargeCode } = options.limits(this.config);
      const handler = multer({
        storage: multer.memoryStorage(),
        limits: {
          fileSize: maxBytes,
          files: 1,
          fields,
          fieldSize: UPLOAD_FIELD_BYTES,
          fieldNameSize: 100,
          parts: fields + 1,
          headerPairs: PART_HEADER_PAIRS,
        },
        defParamCharset: 'utf8',
      }).single('file');
      return new Promise<void>((resolve, reject) =>
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
          if (code === 'LIMIT_FIELD_VALUE') {
            return reject(
              new ProblemException(413, 'UPLOAD_FIELD_TOO_LARGE', {
                ja: `項目の値が長すぎます (上限 ${UPLOAD_FIELD_BYTES} バイト)。`,
                en: `A form field is too long (limit ${UPLOAD_FIELD_BYTES} bytes).`,
              }),
            );
          }
          if (code === 'LIMIT_FIELD_COUNT' || code === 'LIMIT_PART_COUNT' || code === 'LIMIT_FIELD_KEY') {
            return reject(
              invalid(
                `ファイル以外の項目が多すぎます (${fields} 個まで)。`,
                `Too many form fields besides the file (at most ${fields}).`,
              ),
            );
          }
          return reject(
            invalid(
              'ファイルを受け取れませんでした。1 つのファイルを "file" 欄で送ってください。',
              'The upload could not be read. Send one file in the "file" field.',
            ),
          );
        }),
      );
    }
  }
  return mixin(SingleFileUpload);
}
