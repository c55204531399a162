import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import { recordInvitations } from '../campaigns/invitations';
import { Clock } from '../common/clock';
import { ProblemException, problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxService } from '../outbox/outbox.service';
import { normalizeEmail } from '../users/email';
import type {
  AcceptSupplierRequestDto,
  SupplierRequestDecisionDto,
  SupplierRequestDto,
  SupplierRequestListDto,
} from './dto/supplier-request.dto';

const requestNotFound = () => problem.notFound({ ja: 'この依頼は見つかりません。', en: 'No such request.' });

const mergeConflict = () =>
  new ProblemException(409, 'SUPPLIER_REQUEST_CONFLICT', {
    ja: 'この依頼元とは、別の経路 (取引先経由) ですでに同じ依頼でつながっているため、承認できません。依頼元にご連絡ください。',
    en: 'This buyer already reaches you through another supplier in the same campaign, so the request cannot be accepted. Please contact the buyer.',
  });

interface PendingLink {
  id: string;
  buyer_id: string;
  supplier_id: string;
  contact_email: string | null;
  corporate_number: string;
  requested_name: string;
}

/**
 * Buyers' requests to have an organization as a supplier (supply links carrying its 法人番号, still `pending`),
 * as its admins see and decide them. See supplier-requests.ts for the model.
 */
@Injectable()
export class SupplierRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async list(orgId: string): Promise<SupplierRequestListDto> {
    const rows = await this.db.query<
      {
        id: string;
        buyer_id: string;
        buyer_name: string;
        requested_name: string;
        corporate_number: string;
        contact_email: string | null;
        created_at: Date;
        assessments: SupplierRequestDto['assessments'];
      }[]
    >(
      `SELECT l.id, b.id AS buyer_id, b.name AS buyer_name, r.name AS requested_name, l.corporate_number,
              l.contact_email, l.created_at,
              (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'campaignTitle', c.title, 'dueDate', to_char(c.due_date, 'YYYY-MM-DD'), 'status', a.status)
                        ORDER BY c.due_date, c.id), '[]'::jsonb)
                 FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
                WHERE a.buyer_id = l.buyer_id AND a.supplier_id = l.supplier_id) AS assessments
         FROM organizations o
         JOIN supply_links l ON l.corporate_number = o.corporate_number AND l.request_status = 'pending'
         JOIN organizations b ON b.id = l.buyer_id
         JOIN organizations r ON r.id = l.supplier_id
        WHERE o.id = $1
        ORDER BY l.created_at, l.id
        LIMIT 200`,
      [orgId],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        buyer: { id: r.buyer_id, name: r.buyer_name },
        requestedName: r.requested_name,
        corporateNumber: r.corporate_number,
        contactEmail: r.contact_email,
        requestedAt: new Date(r.created_at).toISOString(),
        assessments: r.assessments,
      })),
    };
  }

  /**
   * Accepts: the buyer's record of the supplier (if it had one of its own) is folded into this organization
   * (its campaigns, assessments and remediation move over, the record goes), the link now points here, and the
   * contact (the buyer's, or `contactEmail` if the admin names their own) gets the invitations that waited.
   */
  async accept(
    orgId: string,
    requestId: string,
    actorUserId: string,
    dto: AcceptSupplierRequestDto,
  ): Promise<SupplierRequestDecisionDto> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (m) => {
      const link = await this.lockPending(m, orgId, requestId);
      const contact = dto.contactEmail ? normalizeEmail(dto.contactEmail) : link.contact_email;
      if (link.supplier_id !== orgId) await this.fold(m, link, orgId);
      await m.query(
        `UPDATE supply_links SET supplier_id = $2, request_status = NULL, contact_email = $3, updated_at = $4
          WHERE id = $1`,
        [link.id, orgId, contact, now],
      );
      if (contact !== link.contact_email) {
        // The contact the supplier named answers from now on: open assessments and drafts of this buyer.
        const open = await m.query<{ id: string }[]>(
          `UPDATE assessments SET contact_email = $3, updated_at = $4
            WHERE buyer_id = $1 AND supplier_id = $2 AND status IN ('invited', 'in_progress', 'returned')
            RETURNING id`,
          [link.buyer_id, orgId, contact, now],
        );
        await m.query(
          `UPDATE assessment_access_tokens SET revoked_at = $2
            WHERE assessment_id = ANY($1::uuid[]) AND used_at IS NULL AND revoked_at IS NULL`,
          [open.map((r) => r.id), now],
        );
        await m.query(
          `UPDATE campaign_suppliers cs SET contact_email = $3
             FROM campaigns c
            WHERE c.id = cs.campaign_id AND c.buyer_id = $1 AND c.status = 'draft' AND cs.supplier_id = $2`,
          [link.buyer_id, orgId, contact],
        );
      }
      const outboxIds = await recordInvitations(
        m,
        `a.buyer_id = $1 AND a.supplier_id = $2 AND a.status IN ('invited', 'in_progress', 'returned')
         AND NOT EXISTS (SELECT 1 FROM mail_outbox o
                          WHERE o.assessment_id = a.id AND o.kind = 'assessment-invitation'
                            AND o.to_email = a.contact_email)`,
        [link.buyer_id, orgId],
        now,
        `'invite:' || a.id || ':' || a.contact_email`,
      );
      await audit(m, {
        organizationId: orgId,
        actorUserId,
        action: 'supplier_request.accepted',
        entityType: 'supply_link',
        entityId: link.id,
        before: { contactEmail: link.contact_email },
        after: { buyerId: link.buyer_id, contactEmail: contact },
      });
      return { outboxIds, contact };
    });
    await this.outbox.dispatch(result.outboxIds);
    return { invitations: result.outboxIds.length, contactEmail: result.contact };
  }

  /**
   * Declines: nothing is sent to the buyer's contact any more (unused links revoked, unsent emails with a link
   * dropped). The buyer is not told: its view of the link does not change.
   */
  async decline(orgId: string, requestId: string, actorUserId: string): Promise<SupplierRequestDecisionDto> {
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      const link = await this.lockPending(m, orgId, requestId);
      await m.query(`UPDATE supply_links SET request_status = 'declined', updated_at = $2 WHERE id = $1`, [
        link.id,
        now,
      ]);
      const assessments = await m.query<{ id: string }[]>(
        'SELECT id FROM assessments WHERE buyer_id = $1 AND supplier_id = $2',
        [link.buyer_id, link.supplier_id],
      );
      const ids = assessments.map((a) => a.id);
      await m.query(
        `UPDATE assessment_access_tokens SET revoked_at = $2
          WHERE assessment_id = ANY($1::uuid[]) AND used_at IS NULL AND revoked_at IS NULL`,
        [ids, now],
      );
      await m.query(
        `DELETE FROM mail_outbox
          WHERE assessment_id = ANY($1::uuid[]) AND status = 'pending' AND payload->>'accessLink' = 'true'`,
        [ids],
      );
      await audit(m, {
        organizationId: orgId,
        actorUserId,
        action: 'supplier_request.declined',
        entityType: 'supply_link',
        entityId: link.id,
        after: { buyerId: link.buyer_id },
      });
    });
    return { invitations: 0, contactEmail: null };
  }

  /** Emails this organization's admins that a buyer asks for them (called when the request is recorded). */
  async notifyAdmins(m: EntityManager, linkId: string): Promise<string[]> {
    const rows = await m.query<
      {
        email: string;
        locale: 'ja' | 'en';
        buyer_name: string;
        requested_name: string;
        corporate_number: string;
        contact_email: string | null;
      }[]
    >(
      `SELECT DISTINCT u.email, u.locale, b.name AS buyer_name, r.name AS requested_name, l.corporate_number,
              l.contact_email
         FROM supply_links l
         JOIN organizations o ON o.corporate_number = l.corporate_number
         JOIN memberships ms ON ms.organization_id = o.id AND ms.role = 'admin'
         JOIN users u ON u.id = ms.user_id
         JOIN organizations b ON b.id = l.buyer_id
         JOIN organizations r ON r.id = l.supplier_id
        WHERE l.id = $1 AND l.request_status = 'pending'`,
      [linkId],
    );
    return this.outbox.record(
      m,
      rows.map((r) => ({
        dedupeKey: `supplier-request:${linkId}:${r.email}`,
        kind: 'supplier-request',
        organizationId: null,
        toEmail: r.email,
        locale: r.locale,
        payload: {
          data: {
            buyerName: r.buyer_name,
            requestedName: r.requested_name,
            corporateNumber: r.corporate_number,
            contactEmail: r.contact_email,
            link: `${this.config.PUBLIC_URL}/my`,
          },
        },
      })),
    );
  }

  dispatch(ids: string[]): Promise<void> {
    return this.outbox.dispatch(ids);
  }

  /** The pending request (a link carrying this organization's 法人番号), locked; anything else is 404. */
  private async lockPending(m: EntityManager, orgId: string, requestId: string): Promise<PendingLink> {
    const [link] = await m.query<PendingLink[]>(
      `SELECT l.id, l.buyer_id, l.supplier_id, l.contact_email, l.corporate_number, r.name AS requested_name
         FROM supply_links l
         JOIN organizations o ON o.id = $1 AND o.corporate_number = l.corporate_number
         JOIN organizations r ON r.id = l.supplier_id
        WHERE l.id = $2 AND l.request_status = 'pending'
          FOR UPDATE OF l`,
      [orgId, requestId],
    );
    if (!link) throw requestNotFound();
    return link;
  }

  /**
   * Moves everything the buyer's own record of the supplier holds into the organization, then removes the
   * record when nothing refers to it any more (it never has members, links of its own or campaigns).
   */
  private async fold(m: EntityManager, link: PendingLink, orgId: string): Promise<void> {
    const record = link.supplier_id;
    const [clash] = await m.query(
      `SELECT 1 FROM campaign_suppliers x
         JOIN campaign_suppliers y ON y.campaign_id = x.campaign_id AND y.supplier_id = $2
        WHERE x.supplier_id = $1
       UNION ALL
       SELECT 1 FROM supply_links WHERE buyer_id = $3 AND supplier_id = $2
        LIMIT 1`,
      [record, orgId, link.buyer_id],
    );
    if (clash) throw mergeConflict();
    for (const table of ['campaign_suppliers', 'assessments', 'remediation_items']) {
      await m.query(`UPDATE ${table} SET supplier_id = $2 WHERE supplier_id = $1`, [record, orgId]);
    }
    for (const table of ['audit_events', 'mail_outbox']) {
      await m.query(`UPDATE ${table} SET organization_id = $2 WHERE organization_id = $1`, [record, orgId]);
    }
    await m.query('UPDATE supply_links SET supplier_id = $2 WHERE id = $1', [link.id, orgId]);
    await m.query(
      `DELETE FROM organizations o
        WHERE o.id = $1 AND o.corporate_number IS NULL
          AND NOT EXISTS (SELECT 1 FROM memberships WHERE organization_id = o.id)
          AND NOT EXISTS (SELECT 1 FROM supply_links WHERE supplier_id = o.id OR buyer_id = o.id)
          AND NOT EXISTS (SELECT 1 FROM campaigns WHERE buyer_id = o.id)
          AND NOT EXISTS (SELECT 1 FROM assessments WHERE supplier_id = o.id OR buyer_id = o.id)`,
      [record],
    );
  }
}
