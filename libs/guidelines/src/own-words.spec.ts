/**
 * Built-in texts must be TierStar's own words: no 20-character run may be copied from the publishers' text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { getCatalogue } from './registry';
import type { Catalogue } from './model';

const REFERENCE = resolve(__dirname, '../../../../shared/reference');
const RUN = 20;

/** Compare on normalized text so that spacing or full-width variants cannot hide a copy. */
const norm = (s: string): string => s.normalize('NFKC').replace(/[\s・]+/g, '');

function runs(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const n = norm(t);
    for (let i = 0; i + RUN <= n.length; i++) out.add(n.slice(i, i + RUN));
  }
  return out;
}

function copied(text: string, official: Set<string>): string | undefined {
  const n = norm(text);
  for (let i = 0; i + RUN <= n.length; i++) {
    const r = n.slice(i, i + RUN);
    if (official.has(r)) return r;
  }
  return undefined;
}

function builtInTexts(c: Catalogue): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, t: { ja: string; en: string } | undefined): void => {
    if (t) out.push({ where: `${where}.ja`, text: t.ja }, { where: `${where}.en`, text: t.en });
  };
  c.groups.forEach((g) => add(`group ${g.id} title`, g.title));
  c.requirements.forEach((r) => {
    add(`requirement ${r.id} title`, r.title);
    add(`requirement ${r.id} explanation`, r.explanation);
  });
  c.criteria.forEach((k) => {
    add(`criterion ${k.id} title`, k.title);
    add(`criterion ${k.id} explanation`, k.explanation);
    add(`criterion ${k.id} naRationale`, k.naRationale);
    add(`criterion ${k.id} whatToShow`, k.whatToShow);
    (k.freeMaterials ?? []).forEach((m, i) => add(`criterion ${k.id} freeMaterials[${i}].note`, m.note));
  });
  return out;
}

function oscalTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => oscalTexts(n, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'title' || k === 'prose' || k === 'value') && typeof v === 'string') out.push(v);
      else oscalTexts(v, out);
    }
  }
  return out;
}

describe('own words', () => {
  it(`no METI text shares a ${RUN}-character run with the official CSV`, () => {
    const rows = parse(readFileSync(`${REFERENCE}/meti-scs-criteria-2026-03-27.csv`), {
      bom: true,
      relax_column_count: true,
    });
    // Category/sub-category names (cols 1, 3) are short headings; requirement name, text and criterion text are prose.
    const official = runs(
      rows.slice(2).flatMap((r) => [r[1], r[3], r[7], r[8], r[11]].filter((s): s is string => !!s)),
    );
    const meti = getCatalogue('meti-scs');
    expect(meti).toBeDefined();
    const hits = builtInTexts(meti as Catalogue)
      .map((t) => ({ where: t.where, run: copied(t.text, official) }))
      .filter((h) => h.run !== undefined);
    expect(hits).toEqual([]);
  });

  it(`no JAMA text shares a ${RUN}-character run with the OSCAL transcription`, () => {
    const json: unknown = JSON.parse(
      readFileSync(`${REFERENCE}/oscal/jama-japia-cybersecurity-guidelines-v2.2.json`, 'utf8'),
    );
    const official = runs(oscalTexts(json));
    const jama = getCatalogue('jama-japia');
    expect(jama).toBeDefined();
    const hits = builtInTexts(jama as Catalogue)
      .map((t) => ({ where: t.where, run: copied(t.text, official) }))
      .filter((h) => h.run !== undefined);
    expect(hits).toEqual([]);
  });
});
