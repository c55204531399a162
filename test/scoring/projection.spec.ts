/** Projection of answers through the built-in crosswalks. */
import { projectAnswers } from '@tierstar/scoring';
import { answerAll, loadCatalogue, loadCrosswalk } from './load';

const meti = loadCatalogue('meti-scs');
const jama = loadCatalogue('jama-japia');
const ipa = loadCatalogue('ipa-sme-selfcheck');

describe('JAMA → METI projection (official citations, intersect links)', () => {
  const crosswalk = loadCrosswalk('jama-japia', 'meti-scs');

  it('suggests met for every METI criterion citing JAMA items when all JAMA items are met, never implied', () => {
    const projected = projectAnswers(crosswalk, answerAll(jama, 'met'));
    const metiIds = new Set(meti.criteria.map((c) => c.id));
    const linked = new Set(crosswalk.links.filter((l) => l.source !== 'hint').map((l) => l.to.itemId));
    expect(Object.keys(projected).sort()).toEqual([...linked].sort());
    for (const [id, p] of Object.entries(projected)) {
      expect(metiIds.has(id)).toBe(true);
      expect(p).toMatchObject({
        value: 'met',
        reused: true,
        confirmed: false,
        implied: false,
        via: crosswalk.id,
      });
      expect(p.from.length).toBeGreaterThan(0);
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
    expect(projected[metiId]).toMatchObject({ value: 'not_met', from: [jamaId] });
  });
});

describe('IPA → METI', () => {
  it('hint links never prefill', () => {
    expect(projectAnswers(loadCrosswalk('ipa-sme-selfcheck', 'meti-scs'), answerAll(ipa, 'met'))).toEqual({});
  });
});
