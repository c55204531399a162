/**
 * The catalogue model shared by built-in catalogues, importers, the API and (structurally) libs/scoring.
 *
 * A catalogue is one dated version of one guideline. Items are keyed by their official IDs and kept in
 * official order. Built-in catalogues carry TierStar's own-words text (`wording: 'own-words'`); catalogues
 * produced by an importer from an official file a user loaded carry the publisher's text
 * (`wording: 'official'`).
 */

export type Locale = 'ja' | 'en';

export interface LocalizedText {
  ja: string;
  en: string;
}

/** Stable identifiers of the built-in catalogue families. Imported catalogues may use other ids. */
export type BuiltInCatalogueId =
  'meti-scs' | 'jama-japia' | 'ipa-sme-selfcheck' | 'ipa-5kajo' | 'scs-star5-provisional';

/**
 * How a catalogue is scored:
 * - `levels`: cumulative levels (METI ★3/★4/★5, JAMA Lv1–3); a level is reached when every criterion at or
 *   below it is satisfied.
 * - `points`: IPA self-check style, 4/2/0/−1 points per item with bands.
 * - `checklist`: a flat list (e.g. SECURITY ACTION 5か条); reached when every item is satisfied.
 */
export type ScoringKind = 'levels' | 'points' | 'checklist';

/** NIST CSF 2.0 functions, as given per criterion in the METI file. */
export type CsfFunction = 'GV' | 'ID' | 'PR' | 'DE' | 'RS' | 'RC';

export interface LevelDef {
  /** Numeric rank used by scoring: METI 3,4,5; JAMA 1,2,3; single-level catalogues 1. */
  rank: number;
  label: LocalizedText;
  /** True for levels no publisher has defined yet (★5). Shown as provisional wherever it appears. */
  provisional?: boolean;
}

export interface CatalogueGroup {
  /** Official id: METI category "1".."7"; JAMA label "1".."24"; IPA group "1".."3". */
  id: string;
  /** TierStar's own heading. */
  title: LocalizedText;
  /**
   * The publisher's short heading, kept as an identifier beside our own (e.g. METI 大分類 "ガバナンスの整備",
   * JAMA label "方針"). Japanese, as published.
   */
  officialTitle?: string;
  /** Optional finer grouping (METI 中分類 e.g. "1-1"). */
  subgroups?: { id: string; title: LocalizedText; officialTitle?: string }[];
}

export interface CatalogueRequirement {
  /** Official requirement id, e.g. METI "4-1-3". */
  id: string;
  groupId: string;
  subgroupId?: string;
  /** Lowest level at which the requirement appears (METI: 3 or 4). */
  level: number;
  /** TierStar's own heading. */
  title: LocalizedText;
  /** The publisher's short requirement name (METI 要求事項名, e.g. "アカウントロック制御"), as published. */
  officialTitle?: string;
  explanation?: LocalizedText;
  /** Publisher's wording, present only in catalogues imported from an official file. */
  officialText?: string;
}

/**
 * Whether a criterion may be answered "not applicable" (same values as `NaPolicy` in libs/scoring):
 * `never` for what every organisation must do (policy, roles, incident response, backups…); `with_reason` where
 * the scheme scopes the criterion to something an organisation may not have (servers, remote access, Wi-Fi,
 * cloud services holding confidential data, in-house development…), and then only with a stated reason.
 */
export type NaPolicy = 'never' | 'with_reason';

/** A pointer to free material that helps with a criterion. Named by title and publisher; no unverified links. */
export interface FreeMaterial {
  /** e.g. "IPA". */
  publisher: string;
  /** The material's title (ja as published) with an English rendering. */
  title: LocalizedText;
  /** Where it sits, e.g. "appendix 5 of the SME guidelines". */
  part?: LocalizedText;
  /** How it helps with this criterion (our words). */
  note: LocalizedText;
}

export interface Criterion {
  /** Official id: METI "4-1-3-2", JAMA "No.120", IPA "1".."25", 5か条 "1".."5". */
  id: string;
  groupId: string;
  requirementId?: string;
  /** Rank of the level that first requires this criterion (see LevelDef.rank). */
  level: number;
  csf?: CsfFunction;
  /** One-line title in our own words (or official title in imported catalogues). */
  title: LocalizedText;
  /** Short plain-language explanation an SME owner understands. */
  explanation: LocalizedText;
  /** Publisher's wording, present only in catalogues imported from an official file. */
  officialText?: string;
  /** For composed profiles (★5): the catalogue this item comes from. */
  sourceCatalogueId?: string;
  /** Whether "not applicable" is allowed. Built-in (own-words) catalogues state it for every criterion. */
  naPolicy?: NaPolicy;
  /** Why that rule (our words): what the scheme scopes out, or why every organisation must do it. */
  naRationale?: LocalizedText;
  /** The evidence an expert would expect to see (e.g. a log sample showing six months' retention). */
  whatToShow?: LocalizedText;
  /** Free material that helps (IPA's templates and guides), where one exists. */
  freeMaterials?: FreeMaterial[];
  /** Criteria this one refers to (e.g. the 18 yearly checks a yearly report covers), in official order. */
  relatedCriteria?: string[];
}

/** A choice we made where sources disagree, recorded in the catalogue itself. */
export interface CatalogueDecision {
  itemId: string;
  field: string;
  chosen: string;
  alternatives: string[];
  reason: string;
}

/**
 * A SECURITY ACTION rung (IPA's self-declaration, ★一つ星 / ★★二つ星). Declarations are made to IPA and recorded
 * (declaration id and date), never computed from answers.
 */
export interface SecurityActionRung {
  /** 1 = ★一つ星 (one star), 2 = ★★二つ星 (two stars). */
  star: 1 | 2;
  label: LocalizedText;
  /** What a company must have done before it declares this rung. */
  requires: LocalizedText[];
  /** What to record, and what the declaration is not. */
  note: LocalizedText;
}

export interface Catalogue {
  id: string;
  version: string;
  title: LocalizedText;
  publisher: string;
  /** ISO date the publisher issued this version. */
  publishedOn: string;
  scoring: ScoringKind;
  wording: 'own-words' | 'official';
  /** True for profiles that are not an official scheme (★5). */
  provisional?: boolean;
  /** Where the facts (ids, levels, counts) come from. */
  source: { description: string; url?: string; sha256?: string };
  levels: LevelDef[];
  groups: CatalogueGroup[];
  requirements: CatalogueRequirement[];
  /** All criteria in official order. */
  criteria: Criterion[];
  decisions: CatalogueDecision[];
  /** The SECURITY ACTION rung this catalogue prepares for (IPA 5か条 → ★1, 自社診断 → ★2). */
  securityAction?: SecurityActionRung;
}

/** NIST IR 8278 relationship types, read as "source item <relation> target item". */
export type CrosswalkRelation = 'equal' | 'subset' | 'superset' | 'intersect';

export interface CrosswalkLink {
  from: { catalogueId: string; itemId: string };
  to: { catalogueId: string; itemId: string };
  relation: CrosswalkRelation;
  /**
   * `official`: the link itself is printed in a publisher's file (e.g. the JAMA column of the METI file).
   * `tierstar`: our own judgement. `hint`: a loose pointer only (IPA 25 ↔ METI); never used to prefill.
   */
  source: 'official' | 'tierstar' | 'hint';
  note?: string;
  /**
   * Derived, set on every link the library hands out: a `met` answer to the source implies `met` for the
   * target. True only for non-hint links whose relation is `equal` or `superset` (the source covers the
   * target); `subset` (the target asks for more, e.g. a stricter deadline) and `intersect` never imply it.
   * Data files may leave it out; when present it must match the relation.
   */
  implied?: boolean;
}

export interface Crosswalk {
  id: string;
  fromCatalogue: { id: string; version: string };
  toCatalogue: { id: string; version: string };
  description: LocalizedText;
  links: CrosswalkLink[];
}
