/** Projection of answers through the built-in crosswalks. */
import { projectAnswers, reuseAnswers } from '@tierstar/scoring';
import { answerAll, loadCatalogue, loadCrosswalk } from './load';

const meti = loadCatalogue('meti-scs');
const jama = loadCatalogue('jama-japia');
const ipa = loadCatalogue('ipa-sme-selfcheck');

describe('JAMA → METI projection (official citations, intersect links)', () => {
  const crosswalk = loadCrosswalk('jama-japia', 'meti-scs');

  it('labels every METI criterion citing JAMA items when all JAMA items are met, and pre-selects none', () => {
    const projected = projectAnswers(crosswalk, answerAll(jama, 'met'));
    const metiIds = new Set(meti.criteria.map((c) => c.id));
    const linked = new Set(crosswalk.links.filter((l) => l.source !== 'hint').map((l) => l.to.itemId));
    expect(Object.keys(projected).sort()).toEqual([...linked].sort());
    for (const [id, p] of Object.entries(projected)) {
      expect(metiIds.has(id)).toBe(true);
      expect(p).toMatchObject({
        suggested: 'met',
        preselect: null,
        reused: true,
        confirmed: false,
        implied: false,
        via: crosswalk.id,
      });
      expect(p.from.length).toBeGreaterThan(0);
      expect(p.label.ja).toMatch(/の関連項目/);
    }
  });

  it('a JAMA item not met turns the METI criterion citing only it into not_met', () => {
    const onlyLinks = new Map<string, string[]>();
    for (const l of crosswalk.links)
      onlyLinks.set(l.to.itemId, [...(onlyLinks.get(l.to.itemId) ?? []), l.from.itemId]);
    const single = [...onlyLinks].find(([, from]) => from.length === 1);
    if (single === undefined) throw new Error('no METI criterion with a single JAMA citation');
    const [metiId, [jamaId]] = single;
    const projected = projectAnswers(crosswalk, answerAll(jama, 'met', { [jamaId]: 'not_met' }));
    expect(projected[metiId]).toMatchObject({ suggested: 'not_met', from: [jamaId] });
  });

  it('a JAMA patching answer reused for 4-4-4-2 (14-day deadline) is labelled, never pre-selected as met', () => {
    const guideline = { ja: '自工会/部工会ガイドライン 2.3版', en: 'JAMA/JAPIA guideline 2.3' };
    const p = projectAnswers(crosswalk, answerAll(jama, 'met'), { sourceGuideline: guideline, target: meti })[
      '4-4-4-2'
    ];
    expect(p).toMatchObject({
      suggested: 'met',
      preselect: null,
      implied: false,
      from: ['No.123', 'No.124'],
    });
    expect(p?.label).toEqual({
      ja: '自工会/部工会ガイドライン 2.3版の関連項目の回答: No.123「実施している」、No.124「実施している」',
      en: 'Related items of JAMA/JAPIA guideline 2.3 were answered: No.123 "met", No.124 "met"',
    });
    // Every official link is intersect: the built-in crosswalk carries implied: false on each.
    expect(crosswalk.links.every((l) => l.implied === false)).toBe(true);
  });

  it('reuses answers only from assessments still within validity', () => {
    const guideline = { ja: '自工会/部工会ガイドライン', en: 'JAMA/JAPIA' };
    const sources = [
      { id: 'expired-2024', catalogueId: 'jama-japia', guideline, answers: answerAll(jama, 'not_met') },
      { id: 'valid-2026', catalogueId: 'jama-japia', guideline, answers: answerAll(jama, 'met') },
    ];
    const reused = reuseAnswers(sources, {
      targetCatalogueId: 'meti-scs',
      validSourceIds: ['valid-2026'],
      crosswalks: [crosswalk],
      target: meti,
    });
    const values = Object.values(reused);
    expect(values.length).toBeGreaterThan(100);
    expect(values.every((r) => r.sourceId === 'valid-2026' && r.preselect === null)).toBe(true);
    expect(
      reuseAnswers(sources, { targetCatalogueId: 'meti-scs', validSourceIds: [], crosswalks: [crosswalk] }),
    ).toEqual({});
  });
});

describe('IPA → METI', () => {
  it('hint links never prefill', () => {
    expect(projectAnswers(loadCrosswalk('ipa-sme-selfcheck', 'meti-scs'), answerAll(ipa, 'met'))).toEqual({});
  });
});
