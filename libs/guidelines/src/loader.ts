/**
 * Builds a catalogue from its data files: `catalogue.json` (metadata, may hold items too) plus any part files
 * (`{groups, requirements, criteria}`). Items are merged, sorted into official order, validated and frozen.
 */
import type { Catalogue } from './model';
import { compareOfficialIds, sortOfficial } from './order';
import {
  CatalogueValidationError,
  cataloguePartSchema,
  formatPath,
  validateCatalogue,
  type ValidationIssue,
  type ValidationResult,
} from './schema';

type Part = { groups?: unknown[]; requirements?: unknown[]; criteria?: unknown[]; decisions?: unknown[] };

function idOf(x: unknown): string {
  return typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string'
    ? (x as { id: string }).id
    : '';
}

function sourceOf(x: unknown): string {
  return typeof x === 'object' &&
    x !== null &&
    typeof (x as { sourceCatalogueId?: unknown }).sourceCatalogueId === 'string'
    ? (x as { sourceCatalogueId: string }).sourceCatalogueId
    : '';
}

/** Merges metadata and part files, sorts into official order and validates. Does not throw. */
export function assembleCatalogue(
  meta: unknown,
  parts: readonly unknown[] = [],
): ValidationResult<Catalogue> {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return { ok: false, issues: [{ path: '', message: 'catalogue metadata must be an object' }] };
  }
  const merged: Required<Part> = { groups: [], requirements: [], criteria: [], decisions: [] };
  const issues: ValidationIssue[] = [];
  [meta, ...parts].forEach((p, i) => {
    const parsed = cataloguePartSchema.safeParse(p);
    if (!parsed.success) {
      for (const iss of parsed.error.issues) {
        issues.push({
          path: `${i === 0 ? 'catalogue' : `part[${i - 1}]`}.${formatPath(iss.path)}`,
          message: iss.message,
        });
      }
      return;
    }
    const part: Part = parsed.data;
    merged.groups.push(...(part.groups ?? []));
    merged.requirements.push(...(part.requirements ?? []));
    merged.criteria.push(...(part.criteria ?? []));
    merged.decisions.push(...(part.decisions ?? []));
  });
  if (issues.length) return { ok: false, issues };
  const criteria = [...merged.criteria].sort((a, b) => {
    const sa = sourceOf(a);
    const sb = sourceOf(b);
    if (sa !== sb) return sa === '' ? -1 : sb === '' ? 1 : sa < sb ? -1 : 1;
    return compareOfficialIds(idOf(a), idOf(b));
  });
  return validateCatalogue({
    ...meta,
    groups: sortOfficial(merged.groups, idOf),
    requirements: sortOfficial(merged.requirements, idOf),
    criteria,
    decisions: merged.decisions,
  });
}

/** Like {@link assembleCatalogue} but throws a {@link CatalogueValidationError} and returns a frozen catalogue. */
export function buildCatalogue(meta: unknown, parts: readonly unknown[] = []): Catalogue {
  const result = assembleCatalogue(meta, parts);
  if (!result.ok) {
    const m = meta as { id?: unknown; version?: unknown } | null;
    throw new CatalogueValidationError(`catalogue ${String(m?.id)} ${String(m?.version)}`, result.issues);
  }
  return deepFreeze(result.value);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
