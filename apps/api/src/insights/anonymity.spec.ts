import { countsAnonymous, groupShown, GroupTally, K_ANONYMITY, overdueShown } from './anonymity';

describe('anonymity rules for upstream aggregates', () => {
  it('k is 5', () => {
    expect(K_ANONYMITY).toBe(5);
  });

  it('none suppliers count only without a narrowing filter (catalogue and tier do not narrow)', () => {
    expect(countsAnonymous({})).toBe(true);
    for (const f of [{ campaignId: 'c' }, { tag: 'press' }, { criticality: 'high' }, { region: '愛知県' }]) {
      expect(countsAnonymous(f)).toBe(false);
    }
    expect(countsAnonymous({ tag: '' })).toBe(true);
  });

  it('a group with 1 to 4 non-full suppliers is hidden; 0 or 5 and more are shown', () => {
    expect(groupShown({ summary: 0, none: 0 })).toBe(true);
    for (let n = 1; n < K_ANONYMITY; n++) {
      expect(groupShown({ summary: n, none: 0 })).toBe(false);
      expect(groupShown({ summary: 0, none: n })).toBe(false);
    }
    expect(groupShown({ summary: 5, none: 0 })).toBe(true);
    expect(groupShown({ summary: 0, none: 5 })).toBe(true);
    expect(groupShown({ summary: 3, none: 2 })).toBe(false);
  });

  it('visible summary rows cannot hide a few none suppliers: 1 to 4 none hide the group whatever the total', () => {
    expect(groupShown({ summary: 4, none: 1 })).toBe(false);
    expect(groupShown({ summary: 40, none: 4 })).toBe(false);
    expect(groupShown({ summary: 40, none: 5 })).toBe(true);
  });

  it('overdue totals over summary suppliers only in unfiltered answers', () => {
    expect(overdueShown({ summary: 0, none: 0 }, false)).toBe(true);
    expect(overdueShown({ summary: 6, none: 0 }, false)).toBe(false);
    expect(overdueShown({ summary: 6, none: 0 }, true)).toBe(true);
    expect(overdueShown({ summary: 2, none: 0 }, true)).toBe(false);
    expect(overdueShown({ summary: 0, none: 5 }, true)).toBe(true);
  });

  it('tallies count summary and none only', () => {
    const t = new GroupTally();
    t.add('direct');
    t.add('full', 3);
    t.add('summary', 2);
    t.add('none');
    expect({ summary: t.summary, none: t.none }).toEqual({ summary: 2, none: 1 });
  });
});
