import { describe, expect, it } from '@jest/globals';
import assessmentEn from '../features/assessment/i18n/en.json';
import assessmentJa from '../features/assessment/i18n/ja.json';
import campaignsEn from '../features/campaigns/i18n/en.json';
import campaignsJa from '../features/campaigns/i18n/ja.json';
import insightsEn from '../features/insights/i18n/en.json';
import insightsJa from '../features/insights/i18n/ja.json';
import remediationEn from '../features/remediation/i18n/en.json';
import remediationJa from '../features/remediation/i18n/ja.json';
import en from './en.json';
import ja from './ja.json';
import { leafEntries, placeholders } from './keys';

// Every namespace merged under its name, so one set of checks covers them all.
const all = {
  ja: {
    translation: ja,
    assessment: assessmentJa,
    campaigns: campaignsJa,
    remediation: remediationJa,
    insights: insightsJa,
  },
  en: {
    translation: en,
    assessment: assessmentEn,
    campaigns: campaignsEn,
    remediation: remediationEn,
    insights: insightsEn,
  },
};
const catalogues = all;

describe('translations', () => {
  const jaKeys = leafEntries(all.ja)
    .map(([key]) => key)
    .sort();
  const enKeys = leafEntries(all.en)
    .map(([key]) => key)
    .sort();

  it('ja and en have exactly the same keys', () => {
    expect(enKeys).toEqual(jaKeys);
    expect(jaKeys.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(catalogues))('%s has only non-empty string values', (_name, messages) => {
    for (const [key, value] of leafEntries(messages)) {
      expect({ key, type: typeof value }).toEqual({ key, type: 'string' });
      expect({ key, empty: String(value).trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('ja and en use the same {{placeholders}} in every message', () => {
    const enByKey = new Map(leafEntries(all.en));
    for (const [key, value] of leafEntries(all.ja)) {
      expect({ key, placeholders: placeholders(String(enByKey.get(key))) }).toEqual({
        key,
        placeholders: placeholders(String(value)),
      });
    }
  });

  it('Japanese messages are in Japanese (except names that stay the same in both languages)', () => {
    const enByKey = new Map(leafEntries(all.en));
    const translated = leafEntries(all.ja).filter(([key, value]) => enByKey.get(key) !== value);
    expect(translated.length).toBeGreaterThan(50);
    for (const [key, value] of translated) {
      expect({ key, japanese: /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(String(value)) }).toEqual({
        key,
        japanese: true,
      });
    }
  });
});
