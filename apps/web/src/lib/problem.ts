import type ja from '../i18n/ja.json';

/**
 * RFC 9457 problem details as the API sends them (`application/problem+json`). The OpenAPI document does not
 * describe error bodies, so this shape is checked at run time rather than taken from the generated schema.
 */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  errors?: unknown;
}

export type ErrorCode = Exclude<keyof (typeof ja)['errors'], 'title' | 'unknown' | 'network'>;
const GENERIC_KEYS = new Set(['title', 'unknown', 'network']);

/** One problem with one field, or with one row (and column) of an uploaded file. */
export interface RowError {
  row?: number;
  field?: string;
  message: string;
}

/** What to show for a failure: a translated message (by key) or the server's own words. */
export type FailureMessage =
  { key: `errors.${ErrorCode}` | 'errors.unknown' | 'errors.network' } | { text: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value.status === 'number' && typeof value.code === 'string';
}

/** Picks the message for any failure: problem+json (by `code`, else `detail`), network error, or unknown. */
export function failureMessage(failure: unknown, knownCodes: ReadonlySet<string>): FailureMessage {
  if (isProblem(failure)) {
    if (knownCodes.has(failure.code) && !GENERIC_KEYS.has(failure.code)) {
      return { key: `errors.${failure.code as ErrorCode}` };
    }
    if (typeof failure.detail === 'string' && failure.detail.trim() !== '') return { text: failure.detail };
    return { key: 'errors.unknown' };
  }
  // fetch() rejects with a TypeError when the server can't be reached.
  if (failure instanceof TypeError) return { key: 'errors.network' };
  return { key: 'errors.unknown' };
}

/** Per-row / per-field errors (`errors: [{row, field | column, message}]`), if the problem has any. */
export function rowErrors(failure: unknown): RowError[] {
  if (!isRecord(failure) || !Array.isArray(failure.errors)) return [];
  return failure.errors.flatMap((entry: unknown): RowError[] => {
    if (!isRecord(entry) || typeof entry.message !== 'string') return [];
    const field =
      typeof entry.field === 'string'
        ? entry.field
        : typeof entry.column === 'string'
          ? entry.column
          : undefined;
    return [
      {
        message: entry.message,
        ...(typeof entry.row === 'number' ? { row: entry.row } : {}),
        ...(field !== undefined ? { field } : {}),
      },
    ];
  });
}

export function isAbort(failure: unknown): boolean {
  return isRecord(failure) && failure.name === 'AbortError';
}
