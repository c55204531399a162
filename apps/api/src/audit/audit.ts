import type { EntityManager } from 'typeorm';
import type { Db } from '../database/db';
import { kyselyFor } from '../database/entity-manager-bridge';

export interface AuditEntry {
  organizationId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
}

/**
 * Records audit events inside the caller's transaction (`db` is the transaction's Kysely). A TypeORM
 * EntityManager is still accepted while services move to Kysely transactions.
 */
export async function audit(db: Db | EntityManager, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const k = 'selectFrom' in db ? db : kyselyFor(db);
  await k
    .insertInto('audit_events')
    .values(
      entries.map((e) => ({
        organizationId: e.organizationId,
        actorUserId: e.actorUserId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: e.before ? JSON.stringify(e.before) : null,
        after: e.after ? JSON.stringify(e.after) : null,
      })),
    )
    .execute();
}
