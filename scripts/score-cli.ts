/**
 * Pure part of the `npm run score` command: argument parsing, answers-file validation, scoring and output
 * formatting. No I/O here: `runCli` gets file reading and catalogue loading injected (see scripts/score.ts).
 *
 *   npm run score -- --catalogue <id>[@version] --answers <file.json> [--target 3|4|5]
 *
 * The answers file: `{"answers": {"<id>": "<answer>" | {"value": "<answer>", "naReason": "…"}},
 * "naReasons": {"<id>": "…"}, "review": {"confirmed": ["<id>"], "acceptedNa": ["<id>"]}}` — only `answers` is
 * required. "Not applicable" counts only where the criterion allows it and with a reason (the same rule as the
 * API); `review` gives the confirmed level.
 *
 * Exit codes: 0 scored; 2 bad invocation or input (missing/unknown arguments, unknown catalogue, unreadable file,
 * bad JSON, unknown criterion ids or answer values), or a "not applicable" the catalogue does not allow or that
 * has no reason — then the result is still printed, with those answers counted as unmet, and stderr names the
 * ids; 1 unexpected failure.
 */
import {
  ANSWER_VALUES,
  checkAnswerRecord,
  compileCatalogue,
  scoreAssessment,
  type AnswerValue,
  type CompiledCatalogue,
  type ReviewInput,
  type ScoreResult,
  type ScoringCatalogueInput,
} from '@tierstar/scoring';

export const USAGE =
  'usage: npm run score -- --catalogue <id>[@version] --answers <file.json> [--target <level>]';
export const USAGE_JA =
  '使い方: npm run score -- --catalogue <ID>[@版] --answers <ファイル.json> [--target <レベル>]';

/** One problem, in English and Japanese. */
export interface CliMessage {
  en: string;
  ja: string;
}

export interface CliArgs {
  catalogueId: string;
  version?: string;
  answersPath: string;
  target?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: CliMessage[] };

const list = (xs: readonly unknown[]): string =>
  xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');

/** Parses `--catalogue`, `--answers`, `--target` (also in `--name=value` form). */
export function parseArgs(argv: readonly string[]): Parsed<CliArgs> {
  const errors: CliMessage[] = [];
  const values = new Map<string, string>();
  const known = new Set(['catalogue', 'answers', 'target']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (m === null) {
      errors.push({ en: `unexpected argument: ${arg}`, ja: `不明な引数です: ${arg}` });
      continue;
    }
    const name = m[1];
    if (!known.has(name)) {
      errors.push({ en: `unknown option: --${name}`, ja: `不明なオプションです: --${name}` });
      continue;
    }
    let value = m[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        errors.push({ en: `option --${name} needs a value`, ja: `オプション --${name} に値がありません` });
        continue;
      }
      value = next;
      i++;
    }
    if (values.has(name))
      errors.push({ en: `option --${name} given twice`, ja: `オプション --${name} が重複しています` });
    values.set(name, value);
  }

  for (const name of ['catalogue', 'answers']) {
    if (!values.has(name) && !errors.some((e) => e.en.includes(`--${name} `))) {
      errors.push({ en: `missing required option --${name}`, ja: `必須オプション --${name} がありません` });
    }
  }

  const catalogue = values.get('catalogue') ?? '';
  const at = catalogue.indexOf('@');
  const catalogueId = at < 0 ? catalogue : catalogue.slice(0, at);
  const version = at < 0 ? undefined : catalogue.slice(at + 1);
  if (values.has('catalogue') && (catalogueId === '' || version === '')) {
    errors.push({
      en: `--catalogue must be <id> or <id>@<version>, got: ${catalogue}`,
      ja: `--catalogue は <ID> または <ID>@<版> で指定してください: ${catalogue}`,
    });
  }

  let target: number | undefined;
  const rawTarget = values.get('target');
  if (rawTarget !== undefined) {
    target = /^\d+$/.test(rawTarget) ? Number(rawTarget) : undefined;
    if (target === undefined) {
      errors.push({
        en: `--target must be a level number, got: ${rawTarget}`,
        ja: `--target はレベルの数字で指定してください: ${rawTarget}`,
      });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { catalogueId, version, answersPath: values.get('answers') ?? '', target } };
}

/** What an answers file holds, validated against the catalogue. */
export interface AnswersFile {
  answers: Record<string, AnswerValue>;
  /** Reasons for N/A answers, from `naReasons` and from `{"value", "naReason"}` entries. */
  naReasons: Record<string, string>;
  /** The reviewer's confirmations, when the file has a `review` section. */
  review?: ReviewInput;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Validates the text of an answers file against a catalogue: `{"answers": {"<criterion id>": "met|…"}}`, where an
 * answer may also be `{"value": "not_applicable", "naReason": "…"}`, plus optional `naReasons` and `review`.
 */
export function parseAnswersFile(
  text: string,
  catalogue: CompiledCatalogue,
  fileName: string,
): Parsed<AnswersFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        {
          en: `${fileName} is not valid JSON: ${reason}`,
          ja: `${fileName} は正しいJSONではありません: ${reason}`,
        },
      ],
    };
  }
  const raw = isObject(json) ? json.answers : undefined;
  if (!isObject(raw)) {
    return {
      ok: false,
      errors: [
        {
          en: `${fileName} must hold an object {"answers": {"<criterion id>": "<answer>"}}`,
          ja: `${fileName} は {"answers": {"<評価基準ID>": "<回答>"}} の形のオブジェクトにしてください`,
        },
      ],
    };
  }
  const errors: CliMessage[] = [];
  const where = `${catalogue.id}@${catalogue.version}`;
  const naReasons: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const badEntries: string[] = [];
  for (const [id, entry] of Object.entries(raw)) {
    if (isObject(entry)) {
      values[id] = entry.value;
      if (entry.naReason !== undefined) {
        if (typeof entry.naReason === 'string') naReasons[id] = entry.naReason;
        else badEntries.push(id);
      }
    } else values[id] = entry;
  }
  const checked = checkAnswerRecord(catalogue, values);
  if (!checked.ok) {
    if (checked.unknownIds.length > 0) {
      errors.push({
        en: `unknown criterion id(s) for ${where}: ${list(checked.unknownIds)}`,
        ja: `${where} にない評価基準IDです: ${list(checked.unknownIds)}`,
      });
    }
    if (checked.invalidValues.length > 0) {
      const items = checked.invalidValues.map((v) => `${v.id}=${JSON.stringify(v.value)}`).join(', ');
      errors.push({
        en: `unknown answer value(s): ${items} (allowed: ${ANSWER_VALUES.join(', ')})`,
        ja: `不明な回答値です: ${items}(使える値: ${ANSWER_VALUES.join(', ')})`,
      });
    }
  }

  const fileRoot = json as Record<string, unknown>;
  const idList = (field: string, value: unknown): string[] | undefined => {
    if (Array.isArray(value) && value.every((x) => typeof x === 'string')) {
      const unknown = value.filter((id) => !catalogue.indexById.has(id));
      if (unknown.length > 0) {
        errors.push({
          en: `${field}: unknown criterion id(s) for ${where}: ${list(unknown)}`,
          ja: `${field}: ${where} にない評価基準IDです: ${list(unknown)}`,
        });
      }
      return value;
    }
    errors.push({
      en: `${field} must be a list of criterion ids`,
      ja: `${field} は評価基準IDの配列にしてください`,
    });
    return undefined;
  };

  if (fileRoot.naReasons !== undefined) {
    if (!isObject(fileRoot.naReasons)) {
      errors.push({
        en: 'naReasons must be an object {"<criterion id>": "<reason>"}',
        ja: 'naReasons は {"<評価基準ID>": "<理由>"} の形にしてください',
      });
    } else {
      const unknown: string[] = [];
      for (const [id, reason] of Object.entries(fileRoot.naReasons)) {
        if (!catalogue.indexById.has(id)) unknown.push(id);
        else if (typeof reason !== 'string') badEntries.push(id);
        else naReasons[id] ??= reason;
      }
      if (unknown.length > 0) {
        errors.push({
          en: `naReasons: unknown criterion id(s) for ${where}: ${list(unknown)}`,
          ja: `naReasons: ${where} にない評価基準IDです: ${list(unknown)}`,
        });
      }
    }
  }
  if (badEntries.length > 0) {
    errors.push({
      en: `N/A reasons must be text: ${list(badEntries)}`,
      ja: `「該当しない」の理由は文字列にしてください: ${list(badEntries)}`,
    });
  }

  let review: ReviewInput | undefined;
  if (fileRoot.review !== undefined) {
    if (!isObject(fileRoot.review)) {
      errors.push({
        en: 'review must be an object {"confirmed": [...], "acceptedNa": [...]}',
        ja: 'review は {"confirmed": [...], "acceptedNa": [...]} の形にしてください',
      });
    } else {
      const confirmed = idList('review.confirmed', fileRoot.review.confirmed ?? []);
      const acceptedNa = idList('review.acceptedNa', fileRoot.review.acceptedNa ?? []);
      if (confirmed && acceptedNa) review = { confirmed, acceptedNa };
    }
  }

  if (errors.length > 0 || !checked.ok) return { ok: false, errors };
  return { ok: true, value: { answers: checked.answers, naReasons, ...(review ? { review } : {}) } };
}

/** The printed JSON for a result. */
export function formatResult(
  result: ScoreResult,
  options: { reviewed?: boolean } = {},
): Record<string, unknown> {
  const head = { catalogue: result.catalogueId, version: result.version };
  switch (result.kind) {
    case 'levels':
      return {
        ...head,
        ...(result.provisional ? { provisional: true } : {}),
        level: result.level,
        ...(options.reviewed ? { confirmedLevel: result.confirmedLevel } : {}),
        target: result.target,
        levels: Object.fromEntries(
          result.levels.map((l) => [
            String(l.rank),
            {
              met: l.met,
              applicable: l.applicable,
              percent: l.percent,
              notApplicable: l.notApplicable,
              ...(l.provisional ? { provisional: true } : {}),
            },
          ]),
        ),
        categories: result.categories.map(({ id, met, applicable, percent }) => ({
          id,
          met,
          applicable,
          percent,
        })),
        gaps: result.gaps,
        na: result.na,
      };
    case 'points':
      return {
        ...head,
        points: result.points,
        maxPoints: result.maxPoints,
        band: result.band,
        bandAdvice: result.bandAdvice,
        unknown: result.unknown,
        unanswered: result.unanswered,
        groups: result.groups,
        gaps: result.gaps,
        na: result.na,
      };
    case 'checklist':
      return {
        ...head,
        satisfied: result.satisfied,
        met: result.met,
        applicable: result.applicable,
        percent: result.percent,
        unanswered: result.unanswered,
        gaps: result.gaps,
        na: result.na,
      };
  }
}

/** The stderr lines for N/A answers that do not count (empty when there are none). */
export function naProblems(result: ScoreResult): CliMessage[] {
  const out: CliMessage[] = [];
  if (result.na.notAllowed.length > 0) {
    const ids = result.na.notAllowed.join(', ');
    out.push({
      en: `"not applicable" is not allowed for: ${ids} (these criteria apply to every organisation; counted as not met)`,
      ja: `次の項目は「該当しない」を選べません: ${ids}(どの組織にも当てはまる項目のため、未実施として数えました)`,
    });
  }
  if (result.na.reasonMissing.length > 0) {
    const ids = result.na.reasonMissing.join(', ');
    out.push({
      en: `"not applicable" needs a reason for: ${ids} (add it under "naReasons"; counted as not met)`,
      ja: `次の項目は「該当しない」の理由がありません: ${ids}("naReasons" に書いてください。未実施として数えました)`,
    });
  }
  return out;
}

export interface CliDeps {
  /** Returns the file's text; throws when it cannot be read. */
  readFile(path: string): string;
  /** Returns the catalogue, or throws / returns undefined when there is none with that id and version. */
  loadCatalogue(id: string, version?: string): ScoringCatalogueInput | undefined;
  /** Ids offered in the "unknown catalogue" message. */
  catalogueIds?: readonly string[];
}

export interface CliOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

function fail(errors: readonly CliMessage[], usage = true): CliOutcome {
  const lines = errors.flatMap((e) => [`error: ${e.en}`, `エラー: ${e.ja}`]);
  if (usage) lines.push(USAGE, USAGE_JA);
  return { exitCode: 2, stdout: '', stderr: `${lines.join('\n')}\n` };
}

export function runCli(argv: readonly string[], deps: CliDeps): CliOutcome {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return fail(parsed.errors);
  const { catalogueId, version, answersPath, target } = parsed.value;
  const name = version === undefined ? catalogueId : `${catalogueId}@${version}`;

  let input: ScoringCatalogueInput | undefined;
  try {
    input = deps.loadCatalogue(catalogueId, version);
  } catch {
    input = undefined;
  }
  if (input === undefined) {
    const known = deps.catalogueIds === undefined ? '' : ` (known: ${deps.catalogueIds.join(', ')})`;
    const knownJa = deps.catalogueIds === undefined ? '' : `(登録済み: ${deps.catalogueIds.join(', ')})`;
    return fail(
      [{ en: `unknown catalogue: ${name}${known}`, ja: `不明なカタログです: ${name}${knownJa}` }],
      false,
    );
  }
  const catalogue = compileCatalogue(input);

  if (target !== undefined) {
    if (catalogue.kind !== 'levels') {
      return fail(
        [
          {
            en: `--target applies only to level catalogues; ${name} is scored by ${catalogue.kind}`,
            ja: `--target はレベル制のカタログにだけ使えます(${name} の採点方式: ${catalogue.kind})`,
          },
        ],
        false,
      );
    }
    if (!catalogue.ranks.includes(target)) {
      return fail(
        [
          {
            en: `--target ${target} is not a level of ${name} (levels: ${catalogue.ranks.join(', ')})`,
            ja: `--target ${target} は ${name} のレベルではありません(レベル: ${catalogue.ranks.join(', ')})`,
          },
        ],
        false,
      );
    }
  }

  let text: string;
  try {
    text = deps.readFile(answersPath);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return fail(
      [{ en: `cannot read ${answersPath}: ${reason}`, ja: `${answersPath} を読み込めません: ${reason}` }],
      false,
    );
  }
  const answers = parseAnswersFile(text, catalogue, answersPath);
  if (!answers.ok) return fail(answers.errors, false);

  const { answers: values, naReasons, review } = answers.value;
  const result = scoreAssessment(catalogue, values, { target, naReasons, ...(review ? { review } : {}) });
  const stdout = `${JSON.stringify(formatResult(result, { reviewed: review !== undefined }), null, 2)}\n`;
  const problems = naProblems(result);
  if (problems.length > 0) {
    return {
      exitCode: 2,
      stdout,
      stderr: `${problems.flatMap((e) => [`error: ${e.en}`, `エラー: ${e.ja}`]).join('\n')}\n`,
    };
  }
  return { exitCode: 0, stdout, stderr: '' };
}
