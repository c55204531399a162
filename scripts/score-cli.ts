/**
 * Pure part of the `npm run score` command: argument parsing, answers-file validation, scoring and output
 * formatting. No I/O here: `runCli` gets file reading and catalogue loading injected (see scripts/score.ts).
 *
 *   npm run score -- --catalogue <id>[@version] --answers <file.json> [--target 3|4|5]
 *
 * Exit codes: 0 scored; 2 bad invocation or input (missing/unknown arguments, unknown catalogue, unreadable file,
 * bad JSON, unknown criterion ids or answer values); 1 unexpected failure.
 */
import {
  ANSWER_VALUES,
  checkAnswerRecord,
  compileCatalogue,
  scoreAssessment,
  type CompiledCatalogue,
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

/** Validates the text of an answers file `{"answers": {"<criterion id>": "met|…"}}` against a catalogue. */
export function parseAnswersFile(
  text: string,
  catalogue: CompiledCatalogue,
  fileName: string,
): Parsed<Record<string, (typeof ANSWER_VALUES)[number]>> {
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
  const answers =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as { answers?: unknown }).answers
      : undefined;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
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
  const checked = checkAnswerRecord(catalogue, answers as Record<string, unknown>);
  if (checked.ok) return { ok: true, value: checked.answers };
  const errors: CliMessage[] = [];
  const where = `${catalogue.id}@${catalogue.version}`;
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
  return { ok: false, errors };
}

/** The printed JSON for a result. */
export function formatResult(result: ScoreResult): Record<string, unknown> {
  const head = { catalogue: result.catalogueId, version: result.version };
  switch (result.kind) {
    case 'levels':
      return {
        ...head,
        ...(result.provisional ? { provisional: true } : {}),
        level: result.level,
        target: result.target,
        levels: Object.fromEntries(
          result.levels.map((l) => [
            String(l.rank),
            {
              met: l.met,
              applicable: l.applicable,
              percent: l.percent,
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
      };
    case 'points':
      return {
        ...head,
        points: result.points,
        maxPoints: result.maxPoints,
        band: result.band,
        unknown: result.unknown,
        unanswered: result.unanswered,
        groups: result.groups,
        gaps: result.gaps,
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
      };
  }
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

  const result = scoreAssessment(catalogue, answers.value, { target });
  return { exitCode: 0, stdout: `${JSON.stringify(formatResult(result), null, 2)}\n`, stderr: '' };
}
