import type { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  organizationId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
}

/** Records audit events inside the caller's transaction. */
export async function audit(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await manager.insert(
    AuditEvent,
    entries.map((e) => ({ ...e, before: e.before ?? null, after: e.after ?? null })),
  );
}
