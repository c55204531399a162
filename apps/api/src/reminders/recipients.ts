import type { EntityManager } from 'typeorm';
import type { EscalationRole } from './calendar/reminder-policy';

export type Locale = 'ja' | 'en';

export interface Recipient {
  email: string;
  locale: Locale;
  role: EscalationRole;
}

/** One subject of a reminder (an assessment, or the assessment a remediation item belongs to). */
export interface Party {
  supplierId: string;
  /** The assessment's contact (first step of the default ladder); null when none is on file. */
  contactEmail: string | null;
  /**
   * The buyer's link to this supplier waits for the supplier's admins (or was declined): nobody on the
   * supplier's side is written to until they accept (network/supplier-requests.ts).
   */
  held?: boolean;
}

/**
 * Who is on each rung of the escalation ladder for one buyer's campaign, loaded in a few set-based queries:
 * the supplier's contact (on the assessment), the supplier's admins (memberships), the buyer's owner of the
 * relationship (`supply_links.owner_user_id`) and the buyer's procurement lead (`campaigns.created_by`).
 */
export class LadderDirectory {
  private constructor(
    private readonly contactLocale: Locale,
    private readonly supplierAdmins: Map<string, { email: string; locale: Locale }[]>,
    private readonly buyerOwners: Map<string, { email: string; locale: Locale }>,
    private readonly procurementLead: { email: string; locale: Locale } | null,
  ) {}

  static async load(
    m: EntityManager,
    campaign: { buyerId: string; createdBy: string | null; locale: Locale },
    supplierIds: readonly string[],
    roles: ReadonlySet<EscalationRole>,
  ): Promise<LadderDirectory> {
    const ids = [...new Set(supplierIds)];
    const admins = new Map<string, { email: string; locale: Locale }[]>();
    if (roles.has('supplier_admin') && ids.length) {
      const rows = await m.query<{ organization_id: string; email: string; locale: Locale }[]>(
        `SELECT ms.organization_id, u.email, u.locale FROM memberships ms JOIN users u ON u.id = ms.user_id
          WHERE ms.organization_id = ANY($1::uuid[]) AND ms.role = 'admin'
          ORDER BY u.email`,
        [ids],
      );
      for (const r of rows) {
        const list = admins.get(r.organization_id) ?? [];
        list.push({ email: r.email, locale: r.locale });
        admins.set(r.organization_id, list);
      }
    }
    const owners = new Map<string, { email: string; locale: Locale }>();
    if (roles.has('buyer_owner') && ids.length) {
      const rows = await m.query<{ supplier_id: string; email: string; locale: Locale }[]>(
        `SELECT l.supplier_id, u.email, u.locale FROM supply_links l JOIN users u ON u.id = l.owner_user_id
          WHERE l.buyer_id = $1 AND l.supplier_id = ANY($2::uuid[])`,
        [campaign.buyerId, ids],
      );
      for (const r of rows) owners.set(r.supplier_id, { email: r.email, locale: r.locale });
    }
    let lead: { email: string; locale: Locale } | null = null;
    if (roles.has('buyer_procurement_lead') && campaign.createdBy) {
      const [row] = await m.query<{ email: string; locale: Locale }[]>(
        'SELECT email, locale FROM users WHERE id = $1',
        [campaign.createdBy],
      );
      lead = row ?? null;
    }
    return new LadderDirectory(campaign.locale, admins, owners, lead);
  }

  /**
   * The recipients for these ladder roles, one per address. The contact always counts as the contact (it gets
   * the personal link), whatever other role the same address also holds.
   */
  recipients(party: Party, roles: readonly EscalationRole[]): Recipient[] {
    const out = new Map<string, Recipient>();
    const add = (email: string, locale: Locale, role: EscalationRole) => {
      const key = email.toLowerCase();
      if (!out.has(key)) out.set(key, { email: key, locale, role });
    };
    if (roles.includes('supplier_contact') && party.contactEmail && !party.held) {
      add(party.contactEmail, this.contactLocale, 'supplier_contact');
    }
    for (const role of roles) {
      if (role === 'supplier_admin') {
        if (party.held) continue;
        for (const a of this.supplierAdmins.get(party.supplierId) ?? []) add(a.email, a.locale, role);
      } else if (role === 'buyer_owner') {
        const o = this.buyerOwners.get(party.supplierId);
        if (o) add(o.email, o.locale, role);
      } else if (role === 'buyer_procurement_lead' && this.procurementLead) {
        add(this.procurementLead.email, this.procurementLead.locale, role);
      }
    }
    return [...out.values()];
  }
}
