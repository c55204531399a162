import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isSupplierSide, loadAccess } from '../assessments/assessment-access';
import { CampaignCatalogues } from '../assessments/campaign-catalogues';
import { ProblemException } from '../common/problem';
import { K_ANONYMITY } from './anonymity';
import type { BenchmarkDto } from './dto/insights.dto';

/** k-anonymity: no peer figure is shown unless it summarises at least this many suppliers. */
export const MINIMUM_PEERS = K_ANONYMITY;

/**
 * How a supplier compares with its peers: other organizations of the same size band, each with its latest
 * assessment on the same catalogue that a buyer accepted. Sign-up is open, so a peer must be hard to fake: the
 * peer has a member whose email is verified, and the accepting buyer has one too and is neither the peer itself,
 * nor the asking supplier, nor any organization the asking user belongs to (no self-made peers, no self-accepted
 * answers). Organizations the asking user belongs to are never peers. Below MINIMUM_PEERS nothing about peers is
 * revealed.
 */
@Injectable()
export class BenchmarkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogues: CampaignCatalogues,
  ) {}

  async benchmark(userId: string, assessmentId: string): Promise<BenchmarkDto> {
    const m = this.db.manager;
    const a = await loadAccess(m, assessmentId, userId);
    if (!isSupplierSide(a)) {
      throw new ProblemException(403, 'ROLE_REQUIRED', {
        ja: '比較を見られるのは回答した取引先だけです。',
        en: 'Only the supplier who answered can see its benchmark.',
      });
    }
    const ctx = await this.catalogues.get(m, a.campaignId);
    const [own] = await m.query<{ categories: Record<string, { met: number; applicable: number }> }[]>(
      'SELECT categories FROM score_snapshots WHERE assessment_id = $1',
      [a.id],
    );
    const rows = await m.query<{ peers: number; group_id: string | null; n: number; avg: number | null }[]>(
      `WITH me AS (
         SELECT a.supplier_id, c.catalogue_id, o.size_band
           FROM assessments a JOIN campaigns c ON c.id = a.campaign_id JOIN organizations o ON o.id = a.supplier_id
          WHERE a.id = $1
       ),
       peers AS (
         SELECT DISTINCT ON (a.supplier_id) a.id
           FROM me
           JOIN organizations o ON o.size_band = me.size_band AND o.id <> me.supplier_id
           JOIN assessments a ON a.supplier_id = o.id AND a.status = 'accepted'
                             AND a.buyer_id <> a.supplier_id AND a.buyer_id <> me.supplier_id
           JOIN campaigns c ON c.id = a.campaign_id AND c.catalogue_id = me.catalogue_id
          WHERE EXISTS (SELECT 1 FROM memberships ms JOIN users u ON u.id = ms.user_id
                         WHERE ms.organization_id = o.id AND u.email_verified_at IS NOT NULL)
            AND EXISTS (SELECT 1 FROM memberships ms JOIN users u ON u.id = ms.user_id
                         WHERE ms.organization_id = a.buyer_id AND u.email_verified_at IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM memberships ms
                             WHERE ms.user_id = $2 AND ms.organization_id IN (o.id, a.buyer_id))
          ORDER BY a.supplier_id, coalesce(a.submitted_at, a.created_at) DESC, a.id
       ),
       n AS (SELECT count(*)::int AS peers FROM peers)
       SELECT n.peers, x.group_id, x.n, x.avg
         FROM n LEFT JOIN (
           SELECT g.key AS group_id, count(*)::int AS n, avg((g.value->>'met')::float8 / (g.value->>'applicable')::float8) AS avg
             FROM peers p
             JOIN score_snapshots s ON s.assessment_id = p.id
             CROSS JOIN LATERAL jsonb_each(s.categories) g
            WHERE (g.value->>'applicable')::int > 0
            GROUP BY g.key
         ) x ON n.peers >= ${MINIMUM_PEERS}`,
      [a.id, userId],
    );
    const peers = rows[0]?.peers ?? 0;
    const enoughData = peers >= MINIMUM_PEERS;
    const byGroup = new Map(rows.filter((r) => r.group_id !== null).map((r) => [r.group_id!, r]));
    return {
      enoughData,
      peers: enoughData ? peers : 0,
      minimumPeers: MINIMUM_PEERS,
      categories: ctx.catalogue.groups.map((g) => {
        const t = own?.categories[g.id];
        const peer = enoughData ? byGroup.get(g.id) : undefined;
        return {
          groupId: g.id,
          rate: t && t.applicable > 0 ? t.met / t.applicable : null,
          peerAverage: peer && peer.n >= MINIMUM_PEERS ? peer.avg : null,
        };
      }),
    };
  }
}
