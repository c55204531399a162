import { getCrosswalk } from '@tierstar/guidelines';
import { isAnswerValue, projectAnswers, type AnswerRecord, type AnswerValue } from '@tierstar/scoring';
import type { EntityManager } from 'typeorm';
import type { SuggestionDto } from './dto/assessment.dto';
import type { ScoringContext } from './snapshot';
import type { FrozenAnswer } from './submission.entity';

interface EarlierRow {
  assessment_id: string;
  catalogue_id: string;
  campaign_title: string;
  answers: FrozenAnswer[];
}

/**
 * Answers the same supplier gave before, offered for criteria not answered yet: from its most recent
 * submitted assessment (any buyer: the answers are the supplier's own) that the viewer may read — any of them
 * for a member of the supplier, only those the viewer is a guest of for a guest — copied when the catalogue is the same,
 * projected through the crosswalk otherwise (never through hint links). Suggestions are never answers: the
 * person confirms each one, which saves it with provenance `prefill`.
 */
export async function suggestAnswers(
  m: EntityManager,
  assessment: { id: string; supplierId: string; targetLevel: number | null },
  viewer: { userId: string; supplierMember: boolean },
  ctx: ScoringContext,
  answered: ReadonlySet<string>,
  inScope: (criterionId: string) => boolean,
): Promise<SuggestionDto[]> {
  const [earlier] = await m.query<EarlierRow[]>(
    `SELECT a.id AS assessment_id, c.catalogue_id, c.title AS campaign_title, s.answers
       FROM assessment_submissions s
       JOIN assessments a ON a.id = s.assessment_id
       JOIN campaigns c ON c.id = a.campaign_id
      WHERE a.supplier_id = $1 AND a.id <> $2
        AND ($3::boolean OR EXISTS (SELECT 1 FROM assessment_guests g WHERE g.assessment_id = a.id AND g.user_id = $4))
      ORDER BY s.submitted_at DESC
      LIMIT 1`,
    [assessment.supplierId, assessment.id, viewer.supplierMember, viewer.userId],
  );
  if (!earlier) return [];
  const open = (id: string) => !answered.has(id) && inScope(id);
  const source = `assessment:${earlier.assessment_id}`;

  if (earlier.catalogue_id === ctx.catalogue.id) {
    return earlier.answers
      .filter(
        (a) => open(a.criterionId) && ctx.compiled.indexById.has(a.criterionId) && isAnswerValue(a.value),
      )
      .map((a) => ({
        criterionId: a.criterionId,
        value: a.value as AnswerValue,
        note: a.note,
        naReason: a.naReason,
        source,
        sourceLabel: earlier.campaign_title,
        implied: true,
      }));
  }

  const crosswalk = getCrosswalk(earlier.catalogue_id, ctx.catalogue.id);
  if (!crosswalk) return [];
  const usable = { ...crosswalk, links: crosswalk.links.filter((l) => l.source !== 'hint') };
  const record: Record<string, AnswerValue> = {};
  for (const a of earlier.answers) if (isAnswerValue(a.value)) record[a.criterionId] = a.value;
  const projected = projectAnswers(usable, record as AnswerRecord, {
    sourceCatalogueId: earlier.catalogue_id,
    targetCatalogueId: ctx.catalogue.id,
  });
  return ctx.catalogue.criteria
    .filter((c) => projected[c.id] && open(c.id))
    .map((c) => {
      const p = projected[c.id]!;
      return {
        criterionId: c.id,
        value: p.value,
        note: '',
        naReason: p.value === 'not_applicable' ? `${earlier.catalogue_id}: ${p.from.join(', ')}` : '',
        source: `crosswalk:${p.via}`,
        sourceLabel: `${earlier.campaign_title} (${earlier.catalogue_id} ${p.from.join(', ')})`,
        implied: p.implied,
      };
    });
}
