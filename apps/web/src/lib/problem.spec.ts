import { describe, expect, it } from '@jest/globals';
import ja from '../i18n/ja.json';
import { failureMessage, rowErrors } from './problem';

const known = new Set(Object.keys(ja.errors));
const problem = (extra: Record<string, unknown>) => ({
  type: 'about:blank',
  title: 'Error',
  status: 400,
  ...extra,
});

describe('failureMessage', () => {
  it('uses the translation for a known code', () => {
    expect(failureMessage(problem({ code: 'AUTH_INVALID_CREDENTIALS', detail: 'x' }), known)).toEqual({
      key: 'errors.AUTH_INVALID_CREDENTIALS',
    });
  });

  it('falls back to detail for an unknown code', () => {
    expect(failureMessage(problem({ code: 'SOMETHING_NEW', detail: 'Server says no' }), known)).toEqual({
      text: 'Server says no',
    });
  });

  it('never treats generic keys as codes', () => {
    expect(failureMessage(problem({ code: 'title' }), known)).toEqual({ key: 'errors.unknown' });
  });

  it('recognises network failures', () => {
    expect(failureMessage(new TypeError('Failed to fetch'), known)).toEqual({ key: 'errors.network' });
    expect(failureMessage('weird', known)).toEqual({ key: 'errors.unknown' });
  });
});

describe('rowErrors', () => {
  it('keeps well-formed entries only', () => {
    const failure = problem({
      code: 'VALIDATION_FAILED',
      errors: [
        { row: 3, field: 'corporateNumber', message: 'must be 13 digits' },
        { nope: true },
        { message: 'm' },
        { row: 4, column: '法人番号', message: '桁数が違います' },
      ],
    });
    expect(rowErrors(failure)).toEqual([
      { row: 3, field: 'corporateNumber', message: 'must be 13 digits' },
      { message: 'm' },
      { row: 4, field: '法人番号', message: '桁数が違います' },
    ]);
    expect(rowErrors(undefined)).toEqual([]);
  });
});
