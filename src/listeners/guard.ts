import { findActor } from '../services/members.js';
import { can, type Actor, type Permission } from '../services/permissions.js';
import type { Db } from '../services/db.js';
import { REFUSALS } from '../texts/fr.js';

export type Authorisation = { ok: true; actor: Actor } | { ok: false; refusal: string };

/** Every listener asks this first: who is this Slack user, and may they do this? */
export async function authorise(db: Db, slackUserId: string, permission: Permission): Promise<Authorisation> {
  const actor = await findActor(db, slackUserId);
  if (!actor) return { ok: false, refusal: REFUSALS.unknownMember };
  if (!can(actor, permission)) return { ok: false, refusal: (REFUSALS as Record<string, string>)[permission] ?? REFUSALS.other };
  return { ok: true, actor };
}

export const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

/**
 * Acks, then lets the event loop send the ack and read the requests already waiting (whose acks
 * are due too) before this request's slower work runs: under load, acks go out first.
 */
export async function ackFirst(ack: () => Promise<void>): Promise<void> {
  await ack();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
