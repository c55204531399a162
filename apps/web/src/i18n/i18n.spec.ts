import { describe, expect, it } from '@jest/globals';
import en from './en.json';
import ja from './ja.json';
import { leafEntries, placeholders } from './keys';

const catalogues = { ja, en };

describe('translations', () => {
  const jaKeys = leafEntries(ja)
    .map(([key]) => key)
    .sort();
  const enKeys = leafEntries(en)
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
    const enByKey = new Map(leafEntries(en));
    for (const [key, value] of leafEntries(ja)) {
      expect({ key, placeholders: placeholders(String(enByKey.get(key))) }).toEqual({
        key,
        placeholders: placeholders(String(value)),
      });
    }
  });

  it('Japanese messages are in Japanese (except names that stay the same in both languages)', () => {
    const enByKey = new Map(leafEntries(en));
    const translated = leafEntries(ja).filter(([key, value]) => enByKey.get(key) !== value);
    expect(translated.length).toBeGreaterThan(50);
    for (const [key, value] of translated) {
      expect({ key, japanese: /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(String(value)) }).toEqual({
        key,
        japanese: true,
      });
    }
  });
});
