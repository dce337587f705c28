import type { Prisma as P } from '../generated/prisma/client.js';
import type { Db, Tx } from './db.js';

export interface AuditEntry {
  actorSlackId: string | null;
  action: string;
  entity: string;
  entityId?: string;
  details?: P.InputJsonValue;
}

/** Written in the same transaction as the change it records, so the trail cannot miss one (reads of personal data: right after them). */
export async function audit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: entry });
}
