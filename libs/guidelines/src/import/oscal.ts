/**
 * Importer for NIST OSCAL 1.x catalogs (JSON): `catalog.groups` (nested) and `catalog.controls` (nested).
 *
 * Mapping:
 * - top-level OSCAL groups → catalogue groups; deeper groups → subgroups of their top-level group;
 * - without groups, top-level controls are grouped by a label prop (`ラベル` / `label`, e.g. "6 事故時の手順"),
 *   or each top-level control is its own group;
 * - a control with a level prop, or without nested controls, is a criterion; any other control is a
 *   requirement containing the criteria nested in it;
 * - the level comes from a prop (default: `レベル`, then `level`); values like `Lv2`, `★3`, `2`;
 * - the id comes from the `No.` prop when it holds a short id the control id does not already end with,
 *   otherwise from the control id.
 */
import type {
  Catalogue,
  CatalogueDecision,
  CatalogueGroup,
  CatalogueRequirement,
  Criterion,
  LevelDef,
  ScoringKind,
} from '../model';
import {
  type CatalogueMetaOptions,
  decodeText,
  finishImport,
  type ImportInput,
  type ImportMessage,
  type ImportResult,
  isEmptyInput,
  msg,
  normalizeCell,
} from './types';

export interface OscalImportOptions extends CatalogueMetaOptions {
  /** Prop name(s) holding the level; the first present on a control wins. Default `['レベル', 'level']`. */
  levelProp?: string | string[];
  /** Prop holding the item number; default `No.`. */
  idProp?: string;
  /** Prop naming the group of a top-level control; default `['ラベル', 'label']`. */
  groupProp?: string | string[];
  /** Allowed levels. Default: the levels found in the file. */
  levels?: LevelDef[];
  /**
   * What to do with a criterion whose level prop is blank (e.g. `Lv`): place it at the highest level (default,
   * recorded as a catalogue decision and a warning), at the lowest, or reject the file.
   */
  blankLevel?: 'highest' | 'lowest' | 'reject';
  scoring?: ScoringKind;
}

interface OscalProp {
  name: string;
  value: string;
}
interface OscalPart {
  name?: string;
  title?: string;
  prose?: string;
  parts?: OscalPart[];
}
interface OscalControl {
  id: string;
  title: string;
  props: OscalProp[];
  parts: OscalPart[];
  controls: unknown[];
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function readProps(v: unknown): OscalProp[] {
  return asArray(v)
    .filter(isObject)
    .map((p) => ({ name: str(p['name']), value: str(p['value']) }))
    .filter((p) => p.name);
}

function readParts(v: unknown): OscalPart[] {
  return asArray(v)
    .filter(isObject)
    .map((p) => ({
      name: str(p['name']),
      title: str(p['title']),
      prose: str(p['prose']),
      parts: readParts(p['parts']),
    }));
}

/** Flattens parts into readable text: named sections become 【name】 headings, items become lines. */
function partsText(parts: readonly OscalPart[]): string[] {
  const lines: string[] = [];
  for (const p of parts) {
    const heading = p.title || (p.name && !['item', 'statement', 'guidance'].includes(p.name) ? p.name : '');
    if (heading) lines.push(`【${heading}】`);
    if (p.prose?.trim()) lines.push(p.prose.trim());
    lines.push(...partsText(p.parts ?? []));
  }
  return lines;
}

/** Longest group label or level value read through a pattern. */
const MAX_LABEL = 500;
const LEVEL_VALUE = /^(lv|level|レベル|★|☆)?\s*(?:\.\s*)?(\d+)?$/i;

export function importOscalCatalog(input: ImportInput, options: OscalImportOptions = {}): ImportResult {
  if (isEmptyInput(input)) {
    return { ok: false, errors: [{ where: 'file', message: msg('the file is empty', 'ファイルが空です') }] };
  }
  let root: unknown;
  try {
    root = JSON.parse(decodeText(input));
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        { where: 'file', message: msg(`not valid JSON: ${text}`, `JSON として読み取れません: ${text}`) },
      ],
    };
  }
  const catalog = isObject(root) ? root['catalog'] : undefined;
  if (!isObject(catalog)) {
    return {
      ok: false,
      errors: [
        {
          where: 'catalog',
          message: msg(
            'missing "catalog" object: not an OSCAL catalog',
            'OSCAL カタログではありません("catalog" がありません)',
          ),
        },
      ],
    };
  }
  const metadata = isObject(catalog['metadata']) ? catalog['metadata'] : {};
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const decisions: CatalogueDecision[] = [];

  const levelProps = [options.levelProp ?? ['レベル', 'level']].flat();
  const groupProps = [options.groupProp ?? ['ラベル', 'label']].flat();
  const idProp = options.idProp ?? 'No.';

  const groups = new Map<string, CatalogueGroup>();
  const requirements = new Map<string, CatalogueRequirement & { where: string }>();
  const criteria: (Criterion & { where: string; rawLevel: string | undefined })[] = [];
  const seenIds = new Map<string, string>();
  const levelStyle = new Map<number, string>();

  const readControl = (v: unknown, where: string): OscalControl | undefined => {
    if (!isObject(v)) {
      errors.push({
        where,
        message: msg('a control must be an object', 'control はオブジェクトである必要があります'),
      });
      return undefined;
    }
    const id = str(v['id']).trim();
    if (!id) {
      errors.push({ where: `${where}.id`, message: msg('missing control id', 'control の id がありません') });
      return undefined;
    }
    return {
      id,
      title: str(v['title']).trim(),
      props: readProps(v['props']),
      parts: readParts(v['parts']),
      controls: asArray(v['controls']),
    };
  };

  const claimId = (id: string, where: string): boolean => {
    const first = seenIds.get(id);
    if (first !== undefined) {
      errors.push({
        where,
        message: msg(
          `duplicate id "${id}" (first at ${first})`,
          `番号「${id}」が重複しています(最初は ${first})`,
        ),
      });
      return false;
    }
    seenIds.set(id, where);
    return true;
  };

  const visit = (
    raw: unknown,
    where: string,
    ctx: { groupId: string; subgroupId?: string; requirementId?: string },
  ): void => {
    const ctrl = readControl(raw, where);
    if (!ctrl) return;
    const prop = (names: string[]): OscalProp | undefined =>
      names.map((n) => ctrl.props.find((p) => p.name === n)).find((p) => p !== undefined);
    const levelProp = prop(levelProps);
    const text = partsText(ctrl.parts).join('\n');
    const isCriterion = levelProp !== undefined || ctrl.controls.length === 0;

    if (!isCriterion) {
      const reqWhere = `${where} (${ctrl.id})`;
      if (claimId(`requirement:${ctrl.id}`, reqWhere)) {
        const statement = ctrl.parts.find((p) => p.name === '要求事項' || p.name === 'statement');
        const explanation = statement ? partsText([statement]).slice(1).join('\n') || text : text;
        const title = ctrl.title || explanation.split('\n')[0] || ctrl.id;
        requirements.set(ctrl.id, {
          id: ctrl.id,
          groupId: ctx.groupId,
          ...(ctx.subgroupId ? { subgroupId: ctx.subgroupId } : {}),
          level: Number.POSITIVE_INFINITY,
          title: { ja: title, en: title },
          ...(explanation ? { explanation: { ja: explanation, en: explanation } } : {}),
          ...(text ? { officialText: text } : {}),
          where: reqWhere,
        });
      }
      ctrl.controls.forEach((c, i) =>
        visit(c, `${where}.controls[${i}]`, { ...ctx, requirementId: ctrl.id }),
      );
      return;
    }

    const numberProp = ctrl.props.find((p) => p.name === idProp)?.value.trim() ?? '';
    const numberIsId = /^[\w.-]{1,20}$/.test(numberProp);
    const id = numberIsId && !ctrl.id.endsWith(numberProp) ? numberProp : ctrl.id;
    const title =
      ctrl.title ||
      (!numberIsId && numberProp ? numberProp : '') ||
      text.split('\n').find((l) => !l.startsWith('【')) ||
      '';
    const at = `${where} (${id})`;
    if (!title) {
      errors.push({
        where: `${at}.title`,
        message: msg('empty title and no text', 'タイトルも本文もありません'),
      });
    }
    if (claimId(id, at) && title) {
      criteria.push({
        id,
        groupId: ctx.groupId,
        ...(ctx.requirementId ? { requirementId: ctx.requirementId } : {}),
        level: 0,
        title: { ja: title, en: title },
        explanation: { ja: text || title, en: text || title },
        officialText: text || title,
        where: at,
        rawLevel: levelProp?.value,
      });
    }
    ctrl.controls.forEach((c, i) => visit(c, `${where}.controls[${i}]`, ctx));
  };

  const collectSubgroups = (gs: unknown[], where: string, top: CatalogueGroup): void => {
    gs.forEach((g, i) => {
      const at = `${where}.groups[${i}]`;
      if (!isObject(g) || !str(g['id'])) {
        errors.push({ where: `${at}.id`, message: msg('missing group id', 'group の id がありません') });
        return;
      }
      const id = str(g['id']);
      const title = str(g['title']) || id;
      top.subgroups = [...(top.subgroups ?? []), { id, title: { ja: title, en: title } }];
      asArray(g['controls']).forEach((c, j) =>
        visit(c, `${at}.controls[${j}]`, { groupId: top.id, subgroupId: id }),
      );
      collectSubgroups(asArray(g['groups']), at, top);
    });
  };

  asArray(catalog['groups']).forEach((g, i) => {
    const at = `catalog.groups[${i}]`;
    if (!isObject(g) || !str(g['id'])) {
      errors.push({ where: `${at}.id`, message: msg('missing group id', 'group の id がありません') });
      return;
    }
    const id = str(g['id']);
    const title = str(g['title']) || id;
    if (groups.has(id)) {
      errors.push({
        where: `${at}.id`,
        message: msg(`duplicate group id "${id}"`, `グループ番号「${id}」が重複しています`),
      });
      return;
    }
    const group: CatalogueGroup = { id, title: { ja: title, en: title } };
    groups.set(id, group);
    asArray(g['controls']).forEach((c, j) => visit(c, `${at}.controls[${j}]`, { groupId: id }));
    collectSubgroups(asArray(g['groups']), at, group);
  });

  asArray(catalog['controls']).forEach((c, i) => {
    const at = `catalog.controls[${i}]`;
    let groupId = '';
    if (isObject(c)) {
      const props = readProps(c['props']);
      const label = groupProps.map((n) => props.find((p) => p.name === n)).find((p) => p !== undefined);
      // Length first: a label longer than any group heading meets no pattern.
      const m =
        label && label.value.length <= MAX_LABEL ? /^(\S+)\s+(\S.*)$/.exec(normalizeCell(label.value)) : null;
      if (m) {
        groupId = m[1] ?? '';
        if (!groups.has(groupId))
          groups.set(groupId, { id: groupId, title: { ja: m[2] ?? '', en: m[2] ?? '' } });
      } else if (str(c['id'])) {
        groupId = str(c['id']);
        const title = str(c['title']) || groupId;
        if (!groups.has(groupId)) groups.set(groupId, { id: groupId, title: { ja: title, en: title } });
      }
    }
    visit(c, at, { groupId });
  });

  if (errors.length) return { ok: false, errors };
  if (!criteria.length) {
    return {
      ok: false,
      errors: [{ where: 'catalog', message: msg('no controls found', 'control がありません') }],
    };
  }

  // Levels.
  const hasLevels = criteria.some((k) => k.rawLevel !== undefined);
  const parsedLevel = (k: (typeof criteria)[number]): number | 'blank' | 'unknown' => {
    if (!hasLevels) return 1;
    if ((k.rawLevel ?? '').length > MAX_LABEL) return 'unknown';
    const raw = normalizeCell(k.rawLevel ?? '');
    const m = LEVEL_VALUE.exec(raw);
    if (!m) return 'unknown';
    if (m[2] === undefined) return 'blank';
    const rank = Number.parseInt(m[2], 10);
    if (!levelStyle.has(rank)) levelStyle.set(rank, m[1] ?? '');
    return rank;
  };
  const ranks = criteria.map(parsedLevel);
  const allowed = options.levels?.map((l) => l.rank) ?? [
    ...new Set(ranks.filter((r): r is number => typeof r === 'number')),
  ];
  allowed.sort((a, b) => a - b);
  const allowedSet = new Set(allowed);
  criteria.forEach((k, i) => {
    const r = ranks[i];
    if (r === 'unknown' || (typeof r === 'number' && !allowedSet.has(r))) {
      errors.push({
        where: `${k.where}.props`,
        message: msg(
          `unknown level value "${k.rawLevel ?? ''}"`,
          `レベル「${k.rawLevel ?? ''}」は不明な値です`,
        ),
      });
    } else if (r === 'blank') {
      const policy = options.blankLevel ?? 'highest';
      if (policy === 'reject' || !allowed.length) {
        errors.push({ where: `${k.where}.props`, message: msg('level is blank', 'レベルが空欄です') });
        return;
      }
      const chosen = policy === 'highest' ? (allowed[allowed.length - 1] as number) : (allowed[0] as number);
      k.level = chosen;
      const other = allowed.filter((a) => a !== chosen).map(String);
      decisions.push({
        itemId: k.id,
        field: 'level',
        chosen: String(chosen),
        alternatives: other,
        reason: `The level is blank in the imported file; placed at the ${policy} level (${chosen}).`,
      });
      warnings.push({
        where: `${k.where}.props`,
        message: msg(
          `level is blank; placed at level ${chosen}`,
          `レベルが空欄のため、レベル ${chosen} として扱います`,
        ),
      });
    } else {
      k.level = r;
    }
  });
  if (errors.length) return { ok: false, errors };

  const levels: LevelDef[] =
    options.levels ??
    (hasLevels
      ? allowed.map((rank) => {
          const style = normalizeCell(levelStyle.get(rank) ?? '');
          const label =
            style === '★' || style === '☆' ? `★${rank}` : /^lv$/i.test(style) ? `Lv${rank}` : `レベル${rank}`;
          return { rank, label: { ja: label, en: label.replace('レベル', 'Level ') } };
        })
      : [{ rank: 1, label: { ja: '全項目', en: 'All items' } }]);

  // Requirement levels: the lowest level of the criteria inside; requirements without criteria are dropped.
  for (const k of criteria) {
    const r = k.requirementId ? requirements.get(k.requirementId) : undefined;
    if (r && k.level < r.level) r.level = k.level;
  }
  const reqs = [...requirements.values()]
    .filter((r) => Number.isFinite(r.level))
    .map(({ where: _w, ...r }) => r);
  const keptReqIds = new Set(reqs.map((r) => r.id));

  const title = str(metadata['title']).trim() || 'OSCAL catalog';
  const published = (str(metadata['published']) || str(metadata['last-modified'])).slice(0, 10);
  const parties = asArray(metadata['parties']).filter(isObject);
  const creatorIds = asArray(metadata['responsible-parties'])
    .filter(isObject)
    .filter((rp) => str(rp['role-id']) === 'creator')
    .flatMap((rp) => asArray(rp['party-uuids']).map(str));
  const creator = parties.find((p) => creatorIds.includes(str(p['uuid']))) ?? parties[0];
  const uuid = str(catalog['uuid']);

  const catalogue: Catalogue = {
    id: options.id ?? (uuid ? `oscal-${uuid.slice(0, 8)}` : 'oscal-import'),
    version: options.version ?? (str(metadata['version']).trim() || 'imported'),
    title: options.title ?? { ja: title, en: title },
    publisher: options.publisher ?? (str(creator?.['name']).trim() || 'unknown'),
    publishedOn: options.publishedOn ?? (/^\d{4}-\d{2}-\d{2}$/.test(published) ? published : ''),
    scoring: options.scoring ?? (levels.length > 1 ? 'levels' : 'checklist'),
    wording: 'official',
    source: {
      description:
        options.source?.description ??
        `Imported from the OSCAL ${str(metadata['oscal-version']) || ''} catalog "${title}"${options.fileName ? ` (${options.fileName})` : ''}.`,
      ...(options.source?.url ? { url: options.source.url } : {}),
      ...(options.source?.sha256 ? { sha256: options.source.sha256 } : {}),
    },
    levels,
    groups: [...groups.values()],
    requirements: reqs,
    criteria: criteria.map(({ where: _w, rawLevel: _r, requirementId, ...k }) => ({
      ...k,
      ...(requirementId && keptReqIds.has(requirementId) ? { requirementId } : {}),
    })),
    decisions,
  };
  return finishImport(catalogue, [], warnings);
}
