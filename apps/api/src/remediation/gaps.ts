import type { EntityManager } from 'typeorm';

/** Statuses in which an item still waits for the supplier to act. */
const ACTIVE = ['open', 'planned', 'in_progress', 'risk_accepted'];

/**
 * Turns the gaps of a submitted assessment (the score snapshot's `gaps`: criteria in scope that are not
 * satisfied) into remediation items, inside the submit transaction. Idempotent: one item per (assessment,
 * criterion), so resubmitting never duplicates. Items are never deleted (their history stays):
 * - a gap the resubmission closed moves an item still waiting on the supplier (open, planned, in_progress,
 *   risk_accepted) to `done` (event `gap_closed`); the buyer still verifies it;
 * - a gap that is back (the verified answer was changed to unmet again) moves a `verified` item back to
 *   `in_progress` (event `gap_reopened`). A `done` item stays: its answer changes only when the buyer verifies.
 * Returns the ids of the items created.
 */
export async function syncRemediationGaps(
  m: EntityManager,
  assessmentId: string,
  actorId: string | null,
  now: Date,
): Promise<string[]> {
  const [row] = await m.query<{ gaps: string[] }[]>(
    'SELECT gaps FROM score_snapshots WHERE assessment_id = $1',
    [assessmentId],
  );
  const gaps = row?.gaps ?? [];

  const created = await m.query<{ id: string }[]>(
    `WITH ins AS (
       INSERT INTO remediation_items (assessment_id, buyer_id, supplier_id, criterion_id)
       SELECT a.id, a.buyer_id, a.supplier_id, g.c
         FROM assessments a, unnest($2::text[]) AS g(c)
        WHERE a.id = $1
       ON CONFLICT (assessment_id, criterion_id) DO NOTHING
       RETURNING id, criterion_id
     ), ev AS (
       INSERT INTO remediation_events (item_id, actor_id, action, from_status, to_status, data)
       SELECT id, $3::uuid, 'created', NULL, 'open', jsonb_build_object('criterionId', criterion_id) FROM ins
     )
     SELECT id FROM ins`,
    [assessmentId, gaps, actorId],
  );

  // Closed gaps: the supplier's answer now satisfies the criterion.
  await m.query(
    `WITH up AS (
       UPDATE remediation_items i SET status = 'done', version = i.version + 1, updated_at = $5
         FROM (SELECT id, status FROM remediation_items
                WHERE assessment_id = $1 AND NOT (criterion_id = ANY($2::text[])) AND status::text = ANY($4::text[])
                FOR UPDATE) old
        WHERE i.id = old.id
       RETURNING i.id, old.status::text AS from_status
     )
     INSERT INTO remediation_events (item_id, actor_id, action, from_status, to_status, data)
     SELECT id, $3::uuid, 'gap_closed', from_status, 'done', '{}'::jsonb FROM up`,
    [assessmentId, gaps, actorId, ACTIVE, now],
  );

  // Gaps that are back after being closed.
  await m.query(
    `WITH up AS (
       UPDATE remediation_items i
          SET status = 'in_progress', verified_by = NULL, verified_at = NULL, version = i.version + 1,
              updated_at = $4
         FROM (SELECT id, status FROM remediation_items
                WHERE assessment_id = $1 AND criterion_id = ANY($2::text[]) AND status = 'verified'
                FOR UPDATE) old
        WHERE i.id = old.id
       RETURNING i.id, old.status::text AS from_status
     )
     INSERT INTO remediation_events (item_id, actor_id, action, from_status, to_status, data)
     SELECT id, $3::uuid, 'gap_reopened', from_status, 'in_progress', '{}'::jsonb FROM up`,
    [assessmentId, gaps, actorId, now],
  );
  return created.map((c) => c.id);
}
