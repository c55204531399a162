/**
 * What the built-in catalogues tell an SME and a buyer beyond ids and levels: the N/A rule and its reasoning on
 * every criterion, the evidence to show for every METI ★3 criterion, pointers to free material, the publishers'
 * short headings, and plain text without bare cross-references.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { assembleCatalogue } from './loader';
import metiMeta from '../data/meti-scs/2026-03-27/catalogue.json';
import metiPart1 from '../data/meti-scs/2026-03-27/part-1.json';
import metiPart2 from '../data/meti-scs/2026-03-27/part-2.json';
import { getCatalogue } from './registry';
import type { Catalogue, Criterion, LocalizedText } from './model';

const REFERENCE = resolve(__dirname, '../../../../shared/reference');

function must(id: string): Catalogue {
  const c = getCatalogue(id);
  if (!c) throw new Error(`catalogue ${id} not found`);
  return c;
}

const BUILT_IN = ['meti-scs', 'jama-japia', 'ipa-sme-selfcheck', 'ipa-5kajo', 'scs-star5-provisional'];

/** Texts a person reads, per criterion, in both languages. */
function readable(k: Criterion): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const add = (field: string, t: LocalizedText | undefined) => {
    if (t) out.push({ field: `${field}.ja`, text: t.ja }, { field: `${field}.en`, text: t.en });
  };
  add('title', k.title);
  add('explanation', k.explanation);
  add('naRationale', k.naRationale);
  add('whatToShow', k.whatToShow);
  for (const [i, m] of (k.freeMaterials ?? []).entries()) add(`freeMaterials[${i}].note`, m.note);
  return out;
}

describe('N/A rule on every built-in criterion', () => {
  it.each(BUILT_IN)('%s: every criterion says whether N/A is allowed, and why', (id) => {
    const c = must(id);
    for (const k of c.criteria) {
      expect([k.id, k.naPolicy]).toEqual([k.id, expect.stringMatching(/^(never|with_reason)$/)]);
      expect(k.naRationale?.ja.length).toBeGreaterThan(10);
      expect(k.naRationale?.en.length).toBeGreaterThan(10);
    }
  });

  it('METI: all 153 criteria carry a rule; policy, roles, incident response and backups never allow N/A', () => {
    const meti = must('meti-scs');
    expect(meti.criteria.filter((k) => k.naPolicy !== undefined)).toHaveLength(153);
    const never = (prefix: string) =>
      meti.criteria.filter((k) => k.id.startsWith(prefix)).every((k) => k.naPolicy === 'never');
    // Roles (1-2-1), policy (1-3-1), oversight (1-4-1), incident response (6-1-1), backups (4-3-4),
    // recovery (7-1-1), patching (4-4-4), anti-malware (4-4-5), passwords (4-1-5).
    for (const p of [
      '1-2-1-',
      '1-3-1-',
      '1-4-1-',
      '6-1-1-',
      '4-3-4-',
      '7-1-1-',
      '4-4-4-',
      '4-4-5-',
      '4-1-5-',
    ]) {
      expect([p, never(p)]).toEqual([p, true]);
    }
  });

  it('METI: what a company may lack is N/A with a reason: servers, remote work, cloud with confidential data, development', () => {
    const meti = must('meti-scs');
    const policy = (id: string) => meti.criteria.find((k) => k.id === id)?.naPolicy;
    for (const id of [
      '3-1-1-2', // server inventory
      '4-1-8-1', // server room
      '3-1-5-1', // remote-work rules
      '4-1-3-5', // MFA for access from outside
      '3-1-3-1', // requirements for outside services holding confidential data
      '4-1-3-2', // MFA for cloud services holding important confidential data
      '4-1-2-4', // development admin rights kept out of production
    ]) {
      expect([id, policy(id)]).toEqual([id, 'with_reason']);
    }
  });
});

describe('what to show for the 81 METI ★3 criteria', () => {
  const meti = must('meti-scs');
  const star3 = meti.criteria.filter((k) => k.level === 3);

  it('every ★3 criterion names the evidence an expert would expect, in Japanese and English', () => {
    expect(star3).toHaveLength(81);
    for (const k of star3) {
      expect([k.id, (k.whatToShow?.ja.length ?? 0) > 15]).toEqual([k.id, true]);
      expect([k.id, (k.whatToShow?.en.length ?? 0) > 25]).toEqual([k.id, true]);
    }
    // Specific, not one sentence pasted everywhere.
    expect(new Set(star3.map((k) => k.whatToShow?.ja)).size).toBe(81);
  });

  it('points to IPA free material by title where one exists, without invented links', () => {
    const withMaterial = star3.filter((k) => (k.freeMaterials ?? []).length > 0);
    expect(withMaterial.length).toBeGreaterThan(30);
    const policy = star3.find((k) => k.id === '1-3-1-1');
    expect(policy?.freeMaterials?.map((m) => m.title.ja)).toContain('情報セキュリティ基本方針(サンプル)');
    const incident = star3.find((k) => k.id === '6-1-1-1');
    expect(incident?.freeMaterials?.map((m) => m.title.ja)).toContain(
      '中小企業のためのセキュリティインシデント対応の手引き',
    );
    for (const k of meti.criteria) {
      for (const m of k.freeMaterials ?? []) {
        expect(m.publisher).toBe('IPA');
        expect(JSON.stringify(m)).not.toMatch(/https?:/);
      }
    }
  });
});

describe('plain words', () => {
  it.each(BUILT_IN)('%s: no bare cross-reference to another criterion id in what people read', (id) => {
    const bare = /\b\d+-\d+-\d+(?:-\d+)?\b|No\.\s?\d+/;
    const hits = must(id).criteria.flatMap((k) =>
      readable(k)
        .filter((t) => bare.test(t.text))
        .map((t) => `${k.id} ${t.field}: ${t.text}`),
    );
    expect(hits).toEqual([]);
  });

  it('1-4-1-1 spells out its 18 yearly checks and lists them as related criteria', () => {
    const k = must('meti-scs').criteria.find((c) => c.id === '1-4-1-1');
    expect(k?.relatedCriteria).toHaveLength(18);
    expect(k?.explanation.ja).toContain('18点');
    expect(k?.explanation.en).toContain('The 18 checks');
    const rows: string[][] = parse(readFileSync(`${REFERENCE}/meti-scs-criteria-2026-03-27.csv`), {
      bom: true,
      relax_column_count: true,
    });
    const official = rows.find((r) => r[10] === '1-4-1-1')?.[11] ?? '';
    const cited = [...official.matchAll(/(?<!\d)\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}/g)].map((m) => m[0]);
    expect(k?.relatedCriteria).toEqual(cited);
  });

  it('related criteria exist in the same catalogue', () => {
    for (const id of BUILT_IN) {
      const c = must(id);
      const ids = new Set(c.criteria.map((k) => k.id));
      for (const k of c.criteria)
        for (const r of k.relatedCriteria ?? []) expect([k.id, ids.has(r)]).toEqual([k.id, true]);
    }
  });

  it('IPA self-check item 8 offers a safe way instead of a password sent after the file (PPAP)', () => {
    const k = must('ipa-sme-selfcheck').criteria.find((c) => c.id === '8');
    expect(k?.explanation.ja).toMatch(/クラウドストレージの共有リンク/);
    expect(k?.explanation.ja).toMatch(/前もって/);
    expect(k?.explanation.en).toMatch(/cloud-storage link/);
    expect(k?.explanation.en).toMatch(/agreed with the recipient beforehand/);
    // It does not tell people to send the password "another way" after the file as the recommended practice.
    expect(k?.explanation.en).not.toMatch(/password is shared another way/);
    expect(k?.explanation.en).toMatch(/is not used/);
  });
});

describe('official headings beside our own', () => {
  it('METI categories, sub-categories and requirements carry the names of the official file', () => {
    const rows: string[][] = parse(readFileSync(`${REFERENCE}/meti-scs-criteria-2026-03-27.csv`), {
      bom: true,
      relax_column_count: true,
    });
    const data = rows.slice(2).filter((r) => r[0]);
    const meti = must('meti-scs');
    for (const g of meti.groups) {
      expect([g.id, g.officialTitle]).toEqual([g.id, data.find((r) => r[0] === g.id)?.[1]]);
      for (const s of g.subgroups ?? []) {
        expect([s.id, s.officialTitle]).toEqual([s.id, data.find((r) => r[2] === s.id)?.[3]]);
      }
    }
    expect(meti.requirements).toHaveLength(43);
    for (const r of meti.requirements) {
      expect([r.id, r.officialTitle]).toEqual([r.id, data.find((row) => row[4] === r.id)?.[7]?.trim()]);
      expect(r.officialTitle).not.toBe(r.title.ja);
    }
  });

  it('JAMA labels and IPA groups carry their official names', () => {
    const jama = must('jama-japia');
    expect(jama.groups.map((g) => g.officialTitle)).toHaveLength(24);
    expect(jama.groups[0]?.officialTitle).toBe('方針');
    expect(jama.groups[23]?.officialTitle).toBe('バックアップ・復元(リストア)');
    expect(must('ipa-sme-selfcheck').groups.map((g) => g.officialTitle)).toEqual([
      '基本的対策',
      '従業員としての対策',
      '組織としての対策',
    ]);
  });
});

describe('SECURITY ACTION rungs', () => {
  it('★1 is the 5か条 declaration; ★2 needs the self-check and a published basic policy; both are declarations', () => {
    const one = must('ipa-5kajo').securityAction;
    const two = must('ipa-sme-selfcheck').securityAction;
    expect(one?.star).toBe(1);
    expect(two?.star).toBe(2);
    expect(two?.requires.map((r) => r.ja).join(' ')).toMatch(/自社診断/);
    expect(two?.requires.map((r) => r.ja).join(' ')).toMatch(/基本方針/);
    expect(two?.requires.map((r) => r.en).join(' ')).toMatch(/published/);
    for (const r of [one, two]) {
      expect(r?.note.en).toMatch(/declaration/);
      expect(r?.note.en).toMatch(/not an IPA certification/);
      expect(r?.note.ja).not.toMatch(/認定/);
    }
  });
});

describe('loader schema for the new fields', () => {
  it('refuses the METI data when a criterion loses its N/A rule', () => {
    const [first, ...rest] = metiPart1.criteria;
    const { naPolicy: _dropped, ...withoutRule } = first as Record<string, unknown>;
    const r = assembleCatalogue(metiMeta, [{ ...metiPart1, criteria: [withoutRule, ...rest] }, metiPart2]);
    expect(r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'criteria[0].naPolicy: missing: say whether "not applicable" is allowed',
    ]);
  });
});
