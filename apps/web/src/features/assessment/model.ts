import { isProblem } from '../../lib/problem';
import type { Answer, AnswerValue, AssessmentStatus, Catalogue, Criterion, Level, Suggestion } from './types';

/** Answer choices in the order shown: from "done" to "don't know". */
export const ANSWER_CHOICES: readonly AnswerValue[] = [
  'met',
  'partial',
  'not_met',
  'not_applicable',
  'unknown',
];

/** Statuses in which the supplier may still change answers. */
export const EDITABLE_STATUSES: ReadonlySet<AssessmentStatus> = new Set([
  'invited',
  'in_progress',
  'returned',
]);

/** Evidence the API accepts (decided from the file's content); shown to the user and used as the picker filter. */
export const EVIDENCE_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.xlsx,.docx,.pptx,.csv,.txt,application/pdf,image/png,image/jpeg,image/gif,image/webp';
export const EVIDENCE_MAX_MB = 10;

/** Milliseconds of quiet typing before a note or reason is saved. */
export const TEXT_SAVE_DELAY_MS = 700;

export interface LocalizedText {
  ja: string;
  en: string;
}

/**
 * Picks the text in the UI language from a `{ ja, en }` object, falling back to Japanese (the catalogues' source
 * language). Takes any object because the API schema describes these objects loosely.
 */
export function localized(text: object, language: string): string {
  const { ja, en } = text as Partial<Record<keyof LocalizedText, unknown>>;
  const pick = (value: unknown) => (typeof value === 'string' ? value : '');
  return (language.startsWith('en') ? pick(en) : pick(ja)) || pick(ja) || pick(en);
}

export function levelLabel(levels: readonly Level[], rank: number | null, language: string): string | null {
  if (rank === null) return null;
  const level = levels.find((l) => l.rank === rank);
  return level ? localized(level.label, language) : `★${rank}`;
}

export interface Section {
  groupId: string;
  title: object;
  criteria: Criterion[];
}

/** Criteria in scope by category, in catalogue order; categories with nothing in scope are left out. */
export function sectionsOf(catalogue: Catalogue): Section[] {
  const byGroup = new Map<string, Criterion[]>();
  for (const criterion of catalogue.criteria) {
    const list = byGroup.get(criterion.groupId);
    if (list) list.push(criterion);
    else byGroup.set(criterion.groupId, [criterion]);
  }
  const sections: Section[] = [];
  for (const group of catalogue.groups) {
    const criteria = byGroup.get(group.id);
    if (criteria) sections.push({ groupId: group.id, title: group.title, criteria });
    byGroup.delete(group.id);
  }
  // Criteria whose category the catalogue does not list still get shown, under their category id.
  for (const [id, criteria] of byGroup) sections.push({ groupId: id, title: { ja: id, en: id }, criteria });
  return sections;
}

/** What the person has entered for one criterion (possibly not saved yet). */
export interface Draft {
  value: AnswerValue | null;
  note: string;
  naReason: string;
}

export function draftOf(answer: Answer | undefined): Draft {
  return answer
    ? { value: answer.value, note: answer.note, naReason: answer.naReason }
    : { value: null, note: '', naReason: '' };
}

/** Why a draft cannot be saved yet, or null when it can. */
export function draftBlocker(draft: Draft): 'noValue' | 'naReason' | null {
  if (draft.value === null) return 'noValue';
  if (draft.value === 'not_applicable' && draft.naReason.trim() === '') return 'naReason';
  return null;
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return a.value === b.value && a.note.trim() === b.note.trim() && a.naReason.trim() === b.naReason.trim();
}

export function upsertAnswer(answers: readonly Answer[], answer: Answer): Answer[] {
  const index = answers.findIndex((a) => a.criterionId === answer.criterionId);
  if (index < 0) return [...answers, answer];
  const next = [...answers];
  next[index] = answer;
  return next;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const ANSWER_VALUE_SET: ReadonlySet<string> = new Set(ANSWER_CHOICES);

/** The other person's answer carried by a 409 ANSWER_CONFLICT, or null for any other failure. */
export function conflictingAnswer(failure: unknown): Answer | null {
  if (!isProblem(failure) || failure.code !== 'ANSWER_CONFLICT') return null;
  const current = (failure as unknown as Record<string, unknown>).current;
  if (
    !isRecord(current) ||
    typeof current.version !== 'number' ||
    typeof current.value !== 'string' ||
    !ANSWER_VALUE_SET.has(current.value)
  ) {
    return null;
  }
  return {
    criterionId: typeof current.criterionId === 'string' ? current.criterionId : '',
    value: current.value as AnswerValue,
    note: typeof current.note === 'string' ? current.note : '',
    naReason: typeof current.naReason === 'string' ? current.naReason : '',
    version: current.version,
    provenance: (typeof current.provenance === 'string'
      ? current.provenance
      : 'form') as Answer['provenance'],
    source: typeof current.source === 'string' ? current.source : null,
    updatedAt: typeof current.updatedAt === 'string' ? current.updatedAt : '',
  };
}

export function hasCode(failure: unknown, code: string): boolean {
  return isProblem(failure) && failure.code === code;
}

/** A reused answer still waiting for the person to confirm it (none once the criterion has its own answer). */
export function pendingSuggestion(
  suggestions: readonly Suggestion[],
  criterionId: string,
  answered: boolean,
): Suggestion | undefined {
  return answered ? undefined : suggestions.find((s) => s.criterionId === criterionId);
}

export function byId<T extends { criterionId: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.criterionId, item]));
}

export function groupBy<T extends { criterionId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.criterionId);
    if (list) list.push(item);
    else map.set(item.criterionId, [item]);
  }
  return map;
}

export const criterionAnchor = (criterionId: string) => `criterion-${criterionId}`;

/** Human file size, e.g. "12 KB", "1.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
