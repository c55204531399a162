import { getCatalogue, getCrosswalk, type Catalogue, type Crosswalk } from '@tierstar/guidelines';
import { type AnswerValue, type CrosswalkInput, type ScoringCatalogueInput } from '@tierstar/scoring';

/** A built-in catalogue, typed as the scoring input (proves `Catalogue` satisfies `ScoringCatalogueInput`). */
export function loadCatalogue(id: string, version?: string): Catalogue {
  const cat = getCatalogue(id, version);
  if (cat === undefined) throw new Error(`built-in catalogue ${id} is missing`);
  return cat;
}

export function loadCrosswalk(fromId: string, toId: string): Crosswalk {
  const x = getCrosswalk(fromId, toId);
  if (x === undefined) throw new Error(`crosswalk ${fromId} → ${toId} is missing`);
  return x;
}

// Compile-time proof that the guidelines model satisfies the structural inputs of @tierstar/scoring.
export const modelFitsScoring: [(c: Catalogue) => ScoringCatalogueInput, (x: Crosswalk) => CrosswalkInput] = [
  (c) => c,
  (x) => x,
];

/** Every criterion answered `value`, then `overrides` (which must name real criteria). */
export function answerAll(
  cat: ScoringCatalogueInput,
  value: AnswerValue,
  overrides: Record<string, AnswerValue> = {},
): Record<string, AnswerValue> {
  const ids = new Set(cat.criteria.map((c) => c.id));
  for (const id of Object.keys(overrides)) {
    if (!ids.has(id)) throw new Error(`test uses unknown ${cat.id} criterion ${id}`);
  }
  return { ...Object.fromEntries(cat.criteria.map((c) => [c.id, value])), ...overrides };
}
