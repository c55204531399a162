import { describe, expect, it } from '@jest/globals';
import { addDays, daysUntil, formatDate, localized, parseTags } from './format';
import { canManageCampaigns, canViewCampaigns } from './roles';

describe('formatting helpers', () => {
  it('picks the text in the UI language, falling back to the other one', () => {
    expect(localized({ ja: '評価', en: 'Assessment' }, 'ja')).toBe('評価');
    expect(localized({ ja: '評価', en: 'Assessment' }, 'en')).toBe('Assessment');
    expect(localized({ ja: '評価', en: '' }, 'en')).toBe('評価');
    expect(localized({}, 'ja')).toBe('');
    expect(localized(undefined, 'ja')).toBe('');
  });

  it('keeps a due date on its day whatever the time zone', () => {
    expect(formatDate('2027-01-31', 'ja')).toContain('31');
    expect(formatDate('2027-01-31', 'en')).toContain('31');
    expect(formatDate('not a date', 'ja')).toBe('not a date');
  });

  it('counts days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysUntil('2027-01-10', '2027-01-01')).toBe(9);
    expect(daysUntil('2026-12-30', '2027-01-01')).toBe(-2);
  });

  it('mirrors the API roles', () => {
    expect(canViewCampaigns('evaluator')).toBe(true);
    expect(canManageCampaigns('evaluator')).toBe(false);
    expect(canManageCampaigns('procurement')).toBe(true);
    expect(canViewCampaigns('respondent')).toBe(false);
    expect(canViewCampaigns(undefined)).toBe(false);
  });

  it('splits tags on ASCII and Japanese commas, once each', () => {
    expect(parseTags(' press, 板金、press，塗装 ,, ')).toEqual(['press', '板金', '塗装']);
    expect(parseTags('')).toEqual([]);
  });
});
