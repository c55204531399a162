/**
 * Validation of catalogues and crosswalks (zod for the shape, plain code for the cross-references).
 *
 * Every problem is reported with the path of the offending value, e.g. `criteria[12].title.ja: empty`.
 */
import { relationImpliesMet } from '@tierstar/scoring';
import { z } from 'zod';
import type { Catalogue, Crosswalk, CrosswalkLink } from './model';
import { compareOfficialIds } from './order';

export interface ValidationIssue {
  /** Path of the offending value, e.g. `criteria[12].title.ja` (empty for the root). */
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Thrown when a built-in catalogue or crosswalk fails validation (a bug in the data, never user input). */
export class CatalogueValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`${subject} is invalid:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'CatalogueValidationError';
  }
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** `['criteria', 12, 'title', 'ja']` → `criteria[12].title.ja`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

const text = z.string().refine((s) => s.trim().length > 0, { error: 'empty' });
const localized = z.object({ ja: text, en: text });
const rank = z.number().int().min(0).max(99);

export const levelDefSchema = z.object({
  rank,
  label: localized,
  provisional: z.boolean().optional(),
});

export const groupSchema = z.object({
  id: text,
  title: localized,
  officialTitle: text.optional(),
  subgroups: z.array(z.object({ id: text, title: localized, officialTitle: text.optional() })).optional(),
});

export const requirementSchema = z.object({
  id: text,
  groupId: text,
  subgroupId: text.optional(),
  level: rank,
  title: localized,
  officialTitle: text.optional(),
  explanation: localized.optional(),
  officialText: text.optional(),
});

export const naPolicySchema = z.enum(['never', 'with_reason']);

export const freeMaterialSchema = z.object({
  publisher: text,
  title: localized,
  part: localized.optional(),
  note: localized,
});

export const csfSchema = z.enum(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);

export const criterionSchema = z.object({
  id: text,
  groupId: text,
  requirementId: text.optional(),
  level: rank,
  csf: csfSchema.optional(),
  title: localized,
  explanation: localized,
  officialText: text.optional(),
  sourceCatalogueId: text.optional(),
  naPolicy: naPolicySchema.optional(),
  naRationale: localized.optional(),
  whatToShow: localized.optional(),
  freeMaterials: z.array(freeMaterialSchema).optional(),
  relatedCriteria: z.array(text).optional(),
});

export const securityActionSchema = z.object({
  star: z.union([z.literal(1), z.literal(2)]),
  label: localized,
  requires: z.array(localized).min(1, { error: 'name at least one requirement' }),
  note: localized,
});

export const decisionSchema = z.object({
  itemId: text,
  field: text,
  chosen: text,
  alternatives: z.array(text),
  reason: text,
});

const isoDateOrEmpty = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'not an ISO date (YYYY-MM-DD)' });

export const catalogueSchema = z.object({
  id: text,
  version: text,
  title: localized,
  publisher: text,
  /** Empty when an imported file does not say (the importer cannot know). */
  publishedOn: isoDateOrEmpty,
  scoring: z.enum(['levels', 'points', 'checklist']),
  wording: z.enum(['own-words', 'official']),
  provisional: z.boolean().optional(),
  source: z.object({
    description: text,
    url: text.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: 'not a lower-case hex SHA-256' })
      .optional(),
  }),
  levels: z.array(levelDefSchema).min(1, { error: 'at least one level is needed' }),
  groups: z.array(groupSchema).min(1, { error: 'at least one group is needed' }),
  requirements: z.array(requirementSchema),
  criteria: z.array(criterionSchema).min(1, { error: 'at least one criterion is needed' }),
  decisions: z.array(decisionSchema),
  securityAction: securityActionSchema.optional(),
});

/** The shape of the data files: every part is optional so metadata and part files can be merged. */
export const cataloguePartSchema = z.object({
  groups: z.array(z.unknown()).optional(),
  requirements: z.array(z.unknown()).optional(),
  criteria: z.array(z.unknown()).optional(),
  decisions: z.array(z.unknown()).optional(),
});

const crosswalkEnd = z.object({ catalogueId: text, itemId: text });

export const crosswalkSchema = z.object({
  id: text,
  fromCatalogue: z.object({ id: text, version: text }),
  toCatalogue: z.object({ id: text, version: text }),
  description: localized,
  links: z.array(
    z.object({
      from: crosswalkEnd,
      to: crosswalkEnd,
      relation: z.enum(['equal', 'subset', 'superset', 'intersect']),
      source: z.enum(['official', 'tierstar', 'hint']),
      note: text.optional(),
      implied: z.boolean().optional(),
    }),
  ),
});

/** The derived `implied` flag of a link: a met source implies a met target (never through hints). */
export function linkImplies(link: Pick<CrosswalkLink, 'relation' | 'source'>): boolean {
  return link.source !== 'hint' && relationImpliesMet(link.relation);
}

const parseOptions = {
  error: (iss: { input?: unknown }): string | undefined => (iss.input === undefined ? 'missing' : undefined),
};

function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Validates shape and cross-references of a catalogue. Does not sort: order problems are reported. */
export function validateCatalogue(input: unknown): ValidationResult<Catalogue> {
  const parsed = catalogueSchema.safeParse(input, parseOptions);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const c: Catalogue = parsed.data;
  const issues = checkCatalogueReferences(c);
  return issues.length ? { ok: false, issues } : { ok: true, value: c };
}

function checkUnique(
  items: readonly { id: string }[],
  where: (i: number) => string,
  issues: ValidationIssue[],
): Map<string, number> {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      issues.push({
        path: `${where(i)}.id`,
        message: `duplicate id "${item.id}" (first at ${where(first)})`,
      });
    } else {
      seen.set(item.id, i);
    }
  });
  return seen;
}

function checkOrder(
  items: readonly { id: string }[],
  where: (i: number) => string,
  issues: ValidationIssue[],
  bucket: (i: number) => string = () => '',
): void {
  const last = new Map<string, string>();
  items.forEach((item, i) => {
    const b = bucket(i);
    const prev = last.get(b);
    if (prev !== undefined && compareOfficialIds(prev, item.id) > 0) {
      issues.push({
        path: `${where(i)}.id`,
        message: `"${item.id}" is out of official order (comes after "${prev}")`,
      });
    }
    last.set(b, item.id);
  });
}

function checkCatalogueReferences(c: Catalogue): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ranks = new Set<number>();
  c.levels.forEach((l, i) => {
    if (ranks.has(l.rank))
      issues.push({ path: `levels[${i}].rank`, message: `duplicate level rank ${l.rank}` });
    ranks.add(l.rank);
    if (l.provisional && !c.provisional) {
      issues.push({
        path: `levels[${i}].provisional`,
        message: 'a catalogue with a provisional level must itself be marked provisional',
      });
    }
  });
  const rankList = [...ranks].sort((a, b) => a - b).join(', ');

  const groups = checkUnique(c.groups, (i) => `groups[${i}]`, issues);
  const subgroupOwner = new Map<string, string>();
  c.groups.forEach((g, gi) => {
    (g.subgroups ?? []).forEach((s, si) => {
      if (subgroupOwner.has(s.id)) {
        issues.push({
          path: `groups[${gi}].subgroups[${si}].id`,
          message: `duplicate subgroup id "${s.id}"`,
        });
      }
      subgroupOwner.set(s.id, g.id);
    });
  });
  const requirements = checkUnique(c.requirements, (i) => `requirements[${i}]`, issues);
  const criteria = checkUnique(c.criteria, (i) => `criteria[${i}]`, issues);

  c.requirements.forEach((r, i) => {
    const at = `requirements[${i}]`;
    if (!groups.has(r.groupId))
      issues.push({ path: `${at}.groupId`, message: `unknown group "${r.groupId}"` });
    if (r.subgroupId !== undefined && subgroupOwner.get(r.subgroupId) !== r.groupId) {
      issues.push({
        path: `${at}.subgroupId`,
        message: `unknown subgroup "${r.subgroupId}" in group "${r.groupId}"`,
      });
    }
    if (!ranks.has(r.level)) {
      issues.push({
        path: `${at}.level`,
        message: `level ${r.level} is not one of the catalogue's levels (${rankList})`,
      });
    }
  });

  c.criteria.forEach((k, i) => {
    const at = `criteria[${i}]`;
    if (!groups.has(k.groupId))
      issues.push({ path: `${at}.groupId`, message: `unknown group "${k.groupId}"` });
    if (!ranks.has(k.level)) {
      issues.push({
        path: `${at}.level`,
        message: `level ${k.level} is not one of the catalogue's levels (${rankList})`,
      });
    }
    if (c.wording === 'own-words') {
      // Built-in catalogues state the N/A rule and the reasoning for it on every criterion.
      if (k.naPolicy === undefined) {
        issues.push({ path: `${at}.naPolicy`, message: 'missing: say whether "not applicable" is allowed' });
      }
      if (k.naRationale === undefined) {
        issues.push({ path: `${at}.naRationale`, message: 'missing: give the reasoning for the N/A rule' });
      }
    } else if (k.naRationale !== undefined && k.naPolicy === undefined) {
      issues.push({ path: `${at}.naRationale`, message: 'given without a naPolicy' });
    }
    const related = new Set<string>();
    (k.relatedCriteria ?? []).forEach((id, ri) => {
      const where = `${at}.relatedCriteria[${ri}]`;
      if (id === k.id) issues.push({ path: where, message: 'a criterion cannot refer to itself' });
      else if (!criteria.has(id)) issues.push({ path: where, message: `unknown criterion "${id}"` });
      else if (related.has(id)) issues.push({ path: where, message: `"${id}" listed twice` });
      related.add(id);
    });
    if (k.requirementId !== undefined) {
      const ri = requirements.get(k.requirementId);
      const r = ri === undefined ? undefined : c.requirements[ri];
      if (!r) {
        issues.push({ path: `${at}.requirementId`, message: `unknown requirement "${k.requirementId}"` });
      } else {
        if (r.groupId !== k.groupId) {
          issues.push({
            path: `${at}.groupId`,
            message: `"${k.groupId}" differs from the group "${r.groupId}" of requirement "${r.id}"`,
          });
        }
        if (k.level < r.level) {
          issues.push({
            path: `${at}.level`,
            message: `level ${k.level} is below the level ${r.level} of requirement "${r.id}"`,
          });
        }
      }
    }
  });

  checkOrder(c.groups, (i) => `groups[${i}]`, issues);
  checkOrder(c.requirements, (i) => `requirements[${i}]`, issues);
  // Composed profiles (★5) keep each source catalogue's items in that catalogue's official order.
  checkOrder(
    c.criteria,
    (i) => `criteria[${i}]`,
    issues,
    (i) => c.criteria[i]?.sourceCatalogueId ?? '',
  );

  c.decisions.forEach((d, i) => {
    const known =
      d.itemId === '*' || criteria.has(d.itemId) || requirements.has(d.itemId) || groups.has(d.itemId);
    if (!known) issues.push({ path: `decisions[${i}].itemId`, message: `unknown item "${d.itemId}"` });
  });
  return issues;
}

/** Validates a crosswalk's shape and, when the catalogues are given, that every linked item exists. */
export function validateCrosswalk(
  input: unknown,
  catalogues?: { from: Catalogue; to: Catalogue },
): ValidationResult<Crosswalk> {
  const parsed = crosswalkSchema.safeParse(input, parseOptions);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const x: Crosswalk = parsed.data;
  const issues: ValidationIssue[] = [];
  const ids = catalogues
    ? {
        from: new Set(catalogues.from.criteria.map((k) => k.id)),
        to: new Set(catalogues.to.criteria.map((k) => k.id)),
      }
    : undefined;
  if (catalogues) {
    if (catalogues.from.id !== x.fromCatalogue.id || catalogues.from.version !== x.fromCatalogue.version) {
      issues.push({
        path: 'fromCatalogue',
        message: `does not match ${catalogues.from.id} ${catalogues.from.version}`,
      });
    }
    if (catalogues.to.id !== x.toCatalogue.id || catalogues.to.version !== x.toCatalogue.version) {
      issues.push({
        path: 'toCatalogue',
        message: `does not match ${catalogues.to.id} ${catalogues.to.version}`,
      });
    }
  }
  const seen = new Set<string>();
  x.links.forEach((l, i) => {
    const at = `links[${i}]`;
    if (l.from.catalogueId !== x.fromCatalogue.id) {
      issues.push({ path: `${at}.from.catalogueId`, message: `expected "${x.fromCatalogue.id}"` });
    }
    if (l.to.catalogueId !== x.toCatalogue.id) {
      issues.push({ path: `${at}.to.catalogueId`, message: `expected "${x.toCatalogue.id}"` });
    }
    if (ids && !ids.from.has(l.from.itemId)) {
      issues.push({ path: `${at}.from.itemId`, message: `unknown item "${l.from.itemId}"` });
    }
    if (ids && !ids.to.has(l.to.itemId)) {
      issues.push({ path: `${at}.to.itemId`, message: `unknown item "${l.to.itemId}"` });
    }
    const key = `${l.from.itemId}→${l.to.itemId}`;
    if (seen.has(key)) issues.push({ path: at, message: `duplicate link ${key}` });
    seen.add(key);
    if (l.implied !== undefined && l.implied !== linkImplies(l)) {
      issues.push({
        path: `${at}.implied`,
        message: `must be ${String(linkImplies(l))} for a ${l.source} "${l.relation}" link (it is derived from the relation)`,
      });
    }
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { ...x, links: x.links.map((l) => ({ ...l, implied: linkImplies(l) })) } };
}
