import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Appends to the audit log, inside the caller's transaction so the entry and the change stand or
 * fall together. Callers pass ids, names and states only: never a password, token or answer text.
 */
export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry, now = new Date()) {
  await db
    .insertInto("audit_log")
    .values({
      at: now.toISOString(),
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
    })
    .execute();
}
