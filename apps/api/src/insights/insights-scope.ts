import { countsAnonymous } from './anonymity';
import type { InsightsFilterDto } from './dto/insights.dto';

/** Remediation statuses that no longer count as open (the item is closed or its risk is accepted). */
export const CLOSED_REMEDIATION = ['done', 'verified', 'risk_accepted'];

/**
 * The SQL of the suppliers a buyer sees in its insights, as CTEs ending in `entries` (one row per supplier:
 * assessment_id, supplier_id, tier, via_id, consent, target_level), with its parameters. Tier is relative to
 * the viewer: Tier 1 = assessments of its own campaigns, Tier 2 = assessments of campaigns forwarded from
 * them. Only submitted/accepted assessments of the one catalogue count; filters apply before choosing one
 * assessment per supplier (nearest tier, then latest). Every row is anchored on `campaigns.buyer_id = $1`.
 *
 * Tag and criticality are the viewer's own: they filter on the viewer's link to the supplier (Tier 1) or to
 * the Tier 1 that forwarded the campaign (Tier 2), never on a Tier 1's private links to its own suppliers.
 * With any narrowing filter, suppliers whose consent is `none` are left out entirely (see anonymity.ts);
 * `anonymous` says whether they are in.
 */
export function entriesSql(
  orgId: string,
  catalogueId: string,
  f: InsightsFilterDto,
  supplierId?: string,
): { cte: string; params: unknown[]; anonymous: boolean } {
  const params: unknown[] = [orgId, catalogueId, f.campaignId ?? null];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const only = supplierId ? `AND a.supplier_id = ${p(supplierId)}::uuid` : '';
  const link: string[] = [];
  if (f.tag) link.push(`${p(f.tag)}::text = ANY (l.tags)`);
  if (f.criticality) link.push(`l.criticality = ${p(f.criticality)}::criticality`);
  const linkJoin = link.length
    ? `JOIN supply_links l ON l.buyer_id = $1
                          AND l.supplier_id = (CASE WHEN x.tier = 1 THEN x.supplier_id ELSE x.via_id END)
                          AND ${link.join(' AND ')}`
    : '';
  const anonymous = countsAnonymous(f);
  const regionJoin = f.region
    ? `JOIN organizations ro ON ro.id = x.supplier_id AND ro.region = ${p(f.region)}::text`
    : '';
  const cte = `
    roots AS (
      SELECT id FROM campaigns
       WHERE buyer_id = $1 AND catalogue_id = $2 AND ($3::uuid IS NULL OR id = $3::uuid)
    ),
    cand AS (
      SELECT a.id AS assessment_id, a.supplier_id, 1 AS tier, a.buyer_id AS via_id, 'direct'::text AS consent,
             a.target_level, coalesce(a.submitted_at, a.created_at) AS at
        FROM roots r JOIN assessments a ON a.campaign_id = r.id
       WHERE a.status IN ('submitted', 'accepted') ${only}
      UNION ALL
      SELECT a.id, a.supplier_id, 2, a.buyer_id, a.upstream_consent::text, a.target_level,
             coalesce(a.submitted_at, a.created_at)
        FROM roots r
        JOIN campaigns c ON c.parent_campaign_id = r.id AND c.catalogue_id = $2
        JOIN assessments a ON a.campaign_id = c.id
       WHERE a.status IN ('submitted', 'accepted') ${only}
    ),
    picked AS (
      SELECT DISTINCT ON (x.supplier_id) x.assessment_id, x.supplier_id, x.tier, x.via_id, x.consent, x.target_level
        FROM cand x ${linkJoin} ${regionJoin}
       ORDER BY x.supplier_id, x.tier, x.at DESC, x.assessment_id
    ),
    entries AS (SELECT * FROM picked ${anonymous ? '' : "WHERE consent <> 'none'"})`;
  return { cte, params, anonymous };
}
