import type { EntityManager } from 'typeorm';
import { contactHeldSql } from '../network/supplier-requests';

/**
 * Records the invitation email (with a fresh emailed link, issued when it is sent) to the contact of every
 * assessment `filter` selects (SQL over `a` assessments, `c` campaigns; `$1…` from `params`), except those
 * whose link waits for the supplier's decision (network/supplier-requests.ts), due at `now` (the Clock's).
 * `dedupe` is the SQL for each email's dedupe key. Returns the outbox ids to dispatch after commit.
 */
export async function recordInvitations(
  m: EntityManager,
  filter: string,
  params: unknown[],
  now: Date,
  dedupe = `'invite:' || a.id || ':0'`,
): Promise<string[]> {
  const at = `$${params.length + 1}`;
  const rows = await m.query<{ id: string }[]>(
    `INSERT INTO mail_outbox (dedupe_key, kind, organization_id, assessment_id, to_email, locale, payload,
                              available_at, created_at)
     SELECT ${dedupe}, 'assessment-invitation', a.buyer_id, a.id, a.contact_email, c.locale::text,
            jsonb_build_object('accessLink', true, 'data', jsonb_build_object(
              'buyerName', b.name, 'supplierName', s.name, 'campaignTitle', c.title, 'message', c.message,
              'supportOffered', c.support_offered, 'catalogueTitle', c.catalogue->'title'->>c.locale::text,
              'targetLabel', (SELECT lv->'label'->>c.locale::text FROM jsonb_array_elements(c.catalogue->'levels') lv
                               WHERE (lv->>'rank')::int = a.target_level LIMIT 1),
              'dueDate', to_char(c.due_date, 'YYYY-MM-DD'))),
            ${at}::timestamptz, ${at}::timestamptz
       FROM assessments a
       JOIN campaigns c ON c.id = a.campaign_id
       JOIN organizations b ON b.id = a.buyer_id
       JOIN organizations s ON s.id = a.supplier_id
      WHERE (${filter}) AND a.contact_email IS NOT NULL AND NOT ${contactHeldSql('a')}
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [...params, now],
  );
  return rows.map((r) => r.id);
}
