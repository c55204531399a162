import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Catalogue } from '@tierstar/guidelines';
import type { DataSource } from 'typeorm';
import { assertCanAnswer, loadAccess } from '../assessments/assessment-access';
import type { ConsentLevel } from '../assessments/assessment.entity';
import { audit } from '../audit/audit';
import type { CampaignStatus } from '../campaigns/campaign.entity';
import { assertDueDate, CampaignsService } from '../campaigns/campaigns.service';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem';
import type { ConsentDto, ForwardDto, ForwardListDto, ForwardResultDto } from './dto/cascade.dto';

const iso = (d: Date | string) => new Date(d).toISOString();

const forwardRole = () =>
  new ProblemException(403, 'ROLE_REQUIRED', {
    ja: '依頼を転送できるのは取引先の管理者または調達担当者だけです。',
    en: "Only the supplier's admins and procurement staff can forward a campaign.",
  });

const alreadyForwarded = () =>
  new ProblemException(409, 'ALREADY_FORWARDED', {
    ja: '選んだ取引先にはこの依頼をすでに転送しています。',
    en: 'This assessment has already been forwarded to every supplier you selected.',
  });

/**
 * The cascade: a Tier 1 forwards the campaign it received to its own suppliers, who become its Tier 1 and the
 * original buyer's Tier 2; each Tier 2 decides what that original buyer may see (upstream consent).
 */
@Injectable()
export class CascadeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates and launches, in one transaction, a campaign of the assessment's supplier to its direct suppliers,
   * with the parent campaign's catalogue snapshot and the assessment's target level. Forwards of one assessment
   * are serialised on its row, so two at once never create two assessments for one supplier.
   */
  async forward(userId: string, assessmentId: string, dto: ForwardDto): Promise<ForwardResultDto> {
    assertDueDate(dto.dueDate, this.clock.today());
    const result = await this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId);
      if (!a.supplierRoles.some((r) => r === 'admin' || r === 'procurement')) throw forwardRole();
      const [parent] = await m.query<
        { campaign_id: string; title: string; locale: 'ja' | 'en'; catalogue: Catalogue }[]
      >(
        `SELECT c.id AS campaign_id, c.title, c.locale, c.catalogue
           FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
          WHERE a.id = $1
          FOR UPDATE OF a`,
        [a.id],
      );
      const sel = dto.selection;
      const candidates = await m.query<
        { supplier_id: string; tier: number; contact_email: string | null; forwarded: boolean }[]
      >(
        `SELECT l.supplier_id, 1 AS tier, l.contact_email,
                EXISTS (SELECT 1 FROM campaigns c JOIN assessments x ON x.campaign_id = c.id
                         WHERE c.parent_assessment_id = $2 AND x.supplier_id = l.supplier_id) AS forwarded
           FROM supply_links l
          WHERE l.buyer_id = $1 AND l.status = 'active'
            AND ($3::boolean OR l.tags && $4::text[] OR l.supplier_id = ANY($5::uuid[]))
          ORDER BY l.supplier_id`,
        [a.supplierId, a.id, sel.all === true, sel.tags ?? [], sel.supplierIds ?? []],
      );
      const chosen = candidates.filter((c) => !c.forwarded);
      const skipped = candidates.filter((c) => c.forwarded).map((c) => c.supplier_id);
      if (chosen.length === 0 && skipped.length > 0) throw alreadyForwarded();
      const campaignId = await this.campaigns.insertCampaign(m, {
        buyerId: a.supplierId,
        userId,
        title: dto.title ?? parent!.title,
        message: dto.message,
        supportOffered: dto.supportOffered,
        catalogue: parent!.catalogue,
        dueDate: dto.dueDate,
        locale: parent!.locale,
        suppliers: chosen,
        targetLevel: a.targetLevel,
        parentCampaignId: parent!.campaign_id,
        parentAssessmentId: a.id,
      });
      const launched = await this.campaigns.launchIn(m, a.supplierId, campaignId, userId);
      await audit(m, {
        organizationId: a.supplierId,
        actorUserId: userId,
        action: 'assessment.forwarded',
        entityType: 'assessment',
        entityId: a.id,
        after: { campaignId, suppliers: chosen.length, skipped: skipped.length },
      });
      return { campaignId, skipped, ...launched };
    });
    await this.campaigns.dispatch(result.outboxIds);
    return {
      campaignId: result.campaignId,
      assessments: result.assessments,
      invitations: result.invitations,
      skippedSupplierIds: result.skipped,
    };
  }

  /** Campaigns forwarded from the assessment, with their assessments by status and by consent. */
  async forwards(userId: string, assessmentId: string): Promise<ForwardListDto> {
    const a = await loadAccess(this.db.manager, assessmentId, userId);
    if (!a.supplierRoles.length) throw forwardRole();
    const rows = await this.db.query<
      {
        id: string;
        title: string;
        status: CampaignStatus;
        due_date: string;
        created_at: Date;
        launched_at: Date | null;
        supplier_count: number;
        status_counts: Record<string, number> | null;
        consent_counts: Record<string, number> | null;
      }[]
    >(
      `SELECT c.id, c.title, c.status, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.created_at, c.launched_at,
              (SELECT count(*)::int FROM campaign_suppliers cs WHERE cs.campaign_id = c.id) AS supplier_count,
              (SELECT jsonb_object_agg(x.status, x.n) FROM
                 (SELECT status, count(*)::int AS n FROM assessments WHERE campaign_id = c.id GROUP BY status) x
              ) AS status_counts,
              (SELECT jsonb_object_agg(x.upstream_consent, x.n) FROM
                 (SELECT upstream_consent, count(*)::int AS n FROM assessments WHERE campaign_id = c.id
                   GROUP BY upstream_consent) x
              ) AS consent_counts
         FROM campaigns c
        WHERE c.parent_assessment_id = $1 AND c.buyer_id = $2
        ORDER BY c.created_at DESC, c.id`,
      [a.id, a.supplierId],
    );
    return {
      items: rows.map((r) => ({
        campaignId: r.id,
        title: r.title,
        status: r.status,
        dueDate: r.due_date,
        createdAt: iso(r.created_at),
        launchedAt: r.launched_at ? iso(r.launched_at) : null,
        supplierCount: r.supplier_count,
        statusCounts: r.status_counts ?? {},
        consentCounts: r.consent_counts ?? {},
      })),
    };
  }

  /** Sets what the upstream buyer may see; every view reads the current value, so it applies at once. */
  async setConsent(userId: string, assessmentId: string, level: ConsentLevel): Promise<ConsentDto> {
    return this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId);
      assertCanAnswer(a);
      const [before] = await m.query<{ upstream_consent: ConsentLevel; consent_updated_at: Date | null }[]>(
        'SELECT upstream_consent, consent_updated_at FROM assessments WHERE id = $1 FOR UPDATE',
        [a.id],
      );
      if (before!.upstream_consent === level) {
        return {
          level,
          updatedAt: before!.consent_updated_at ? iso(before!.consent_updated_at) : null,
        };
      }
      const [row] = await m.query<{ consent_updated_at: Date }[]>(
        `WITH u AS (
           UPDATE assessments SET upstream_consent = $2, consent_updated_at = $3 WHERE id = $1
           RETURNING consent_updated_at)
         SELECT consent_updated_at FROM u`,
        [a.id, level, this.clock.now()],
      );
      await audit(m, {
        organizationId: a.supplierId,
        actorUserId: userId,
        action: 'assessment.consent_changed',
        entityType: 'assessment',
        entityId: a.id,
        before: { upstreamConsent: before!.upstream_consent },
        after: { upstreamConsent: level },
      });
      return { level, updatedAt: iso(row!.consent_updated_at) };
    });
  }
}
