import { ProblemException } from './problem';

/** An opaque paging cursor: the JSON of `value` in base64url. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; anything else (or a value `accept` refuses) is 400 INVALID_CURSOR. */
export function decodeCursor<T>(raw: string, accept: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (accept(value)) return value;
  } catch {
    // fall through to the problem below
  }
  throw new ProblemException(
    400,
    'INVALID_CURSOR',
    { ja: 'ページ指定が正しくありません。', en: 'The cursor is invalid.' },
    [{ field: 'cursor', message: { ja: '不正なカーソルです。', en: 'invalid cursor' } }],
  );
}
