import type { RequestStatus } from './supply-link.entity';

/**
 * The supplier access model, as pure rules (the SQL below mirrors them; the specs pin both down).
 *
 * A buyer adding a supplier by 法人番号 never reaches into the organization that already holds that number:
 *
 * - number unknown to TierStar → a new organization is created with it, named as the buyer typed it, and the
 *   link points to it (`pending`: once that organization has admins, they see the buyer and accept or decline);
 * - number already held by an organization → the link points to a record of the buyer's own (the typed name,
 *   no number), so the buyer sees exactly what it typed and nothing of the registered organization (its name,
 *   members, links, assessments). The request is `pending` for that organization's admins: accepting moves the
 *   buyer's record (its campaigns, assessments, remediation) into their organization; declining ends it;
 * - no number → a new organization without one; nobody can be asked, nothing is pending.
 *
 * Both first cases answer the buyer alike (its typed name and number, a fresh id), so an answer never tells
 * whether a number is registered.
 */
export type SupplierPlacement = 'new-organization' | 'buyer-record';

export function placeSupplier(numberHeldByAnOrganization: boolean): SupplierPlacement {
  return numberHeldByAnOrganization ? 'buyer-record' : 'new-organization';
}

export function initialRequestStatus(corporateNumber: string | null | undefined): RequestStatus | null {
  return corporateNumber ? 'pending' : null;
}

/**
 * Whether emailed links to the buyer's contact are held back. While a request waits for an organization that
 * has admins, only those admins decide who answers for it: the buyer's contact gets the link when they accept
 * (or the contact they name instead does). Declined requests send nothing. A request to a number whose
 * organization has no admin yet holds nothing: the contact becomes a guest of that one assessment, never a
 * member (there is nobody to ask, and the assessment holds only what the buyer asked).
 */
export function contactHeld(requestStatus: RequestStatus | null, targetHasAdmin: boolean): boolean {
  return requestStatus === 'declined' || (requestStatus === 'pending' && targetHasAdmin);
}

/**
 * SQL mirror of `contactHeld` for the assessment (or any row with `buyer_id` and `supplier_id`) aliased `a`:
 * true when the link from its buyer to its supplier holds the contact's emailed links back.
 */
export function contactHeldSql(a: string): string {
  return `EXISTS (
    SELECT 1 FROM supply_links hl
     WHERE hl.buyer_id = ${a}.buyer_id AND hl.supplier_id = ${a}.supplier_id
       AND (hl.request_status = 'declined'
            OR (hl.request_status = 'pending' AND EXISTS (
                 SELECT 1 FROM organizations ho JOIN memberships hm ON hm.organization_id = ho.id AND hm.role = 'admin'
                  WHERE ho.corporate_number = hl.corporate_number))))`;
}

/**
 * SQL: the link (aliased `l`) reached a supplier that accepted the buyer (or was never asked), so that
 * supplier's links disclosed upstream may show as the buyer's next tier. A pending or declined link shows
 * nothing beyond what the buyer typed.
 */
export const ACCEPTED_LINK_SQL = (l: string) => `${l}.request_status IS NULL`;
