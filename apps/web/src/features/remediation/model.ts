import type { RemediationDetail, RemediationStatus } from './types';

/**
 * Status buttons the supplier sees. Mirrors SUPPLIER_MOVES in apps/api/src/remediation/remediation.rules.ts
 * (risk acceptance has its own form); the API still enforces the flow.
 */
export const SUPPLIER_MOVES: Record<RemediationStatus, readonly RemediationStatus[]> = {
  open: ['planned', 'in_progress'],
  planned: ['in_progress', 'open'],
  in_progress: ['done', 'planned'],
  done: ['in_progress'],
  verified: [],
  risk_accepted: ['planned', 'in_progress'],
};

/** The editable fields of an item, as the form holds them. */
export interface PlanFields {
  plan: string;
  ownerName: string;
  dueDate: string;
  supportOffer: string;
}

export function planFields(item: RemediationDetail): PlanFields {
  return {
    plan: item.plan,
    ownerName: item.ownerName,
    dueDate: item.dueDate ?? '',
    supportOffer: item.supportOffer,
  };
}

/** Only the fields that differ from the item, in the shape PATCH takes (an empty date clears it). */
export function changedFields(item: RemediationDetail, form: PlanFields) {
  const before = planFields(item);
  const out: { plan?: string; ownerName?: string; dueDate?: string | null; supportOffer?: string } = {};
  if (form.plan !== before.plan) out.plan = form.plan;
  if (form.ownerName !== before.ownerName) out.ownerName = form.ownerName;
  if (form.dueDate !== before.dueDate) out.dueDate = form.dueDate === '' ? null : form.dueDate;
  if (form.supportOffer !== before.supportOffer) out.supportOffer = form.supportOffer;
  return out;
}

export const remediationBoardPath = '/remediation';

export function buyerRemediationPath(orgId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/remediation`;
}

/** A support offer that is a web address becomes a link. */
export function supportLink(text: string): string | null {
  const trimmed = text.trim();
  return /^https?:\/\/\S+$/.test(trimmed) ? trimmed : null;
}
