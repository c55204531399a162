import { HttpException } from '@nestjs/common';

export interface LocalizedMessage {
  ja: string;
  en: string;
}

/** One problem with one field or row of the input. */
export interface ProblemFieldError {
  field?: string;
  row?: number;
  column?: string;
  message: string;
}

/**
 * An error the API reports as RFC 9457 problem+json. `code` is stable: clients and tests key on it; the
 * message is chosen from `message` by the caller's locale.
 */
export class ProblemException extends HttpException {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly localized: LocalizedMessage,
    readonly errors?: { field?: string; row?: number; column?: string; message: LocalizedMessage }[],
    readonly headers?: Record<string, string>,
    /** Extra members of the problem object (RFC 9457 extensions), e.g. the current value on a conflict. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(localized.en, httpStatus);
  }
}

export const problem = {
  fileRequired: () =>
    new ProblemException(400, 'FILE_REQUIRED', {
      ja: 'ファイルを選んでください。',
      en: 'Attach the file in the "file" field.',
    }),
  notFound: (what: LocalizedMessage = { ja: '見つかりません。', en: 'Not found.' }) =>
    new ProblemException(404, 'NOT_FOUND', what),
  validation: (errors: NonNullable<ProblemException['errors']>) =>
    new ProblemException(
      400,
      'VALIDATION_FAILED',
      { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
      errors,
    ),
};
