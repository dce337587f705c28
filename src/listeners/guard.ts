import type { ActorDirectory } from '../services/members.js';
import { can, type Actor, type Permission } from '../services/permissions.js';
import { REFUSALS } from '../texts/fr.js';

export type Authorisation = { ok: true; actor: Actor } | { ok: false; refusal: string };

/** Every listener asks this first: who is this Slack user, and may they do this? */
export async function authorise(actors: ActorDirectory, slackUserId: string, permission: Permission): Promise<Authorisation> {
  const actor = await actors.find(slackUserId);
  if (!actor) return { ok: false, refusal: REFUSALS.unknownMember };
  if (!can(actor, permission)) return { ok: false, refusal: (REFUSALS as Record<string, string>)[permission] ?? REFUSALS.other };
  return { ok: true, actor };
}

export const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

/**
 * Acks, then waits for this request's turn to do its slower work (database, Web API calls).
 * Turns are given one per event-loop iteration, after the loop has read the requests that
 * arrived meanwhile: under load, every pending ack leaves before more slow work runs, so acks
 * stay fast however many requests are in flight.
 */
export async function ackFirst(ack: () => Promise<void>): Promise<void> {
  await ack();
  await nextTurn();
}

const waiting: (() => void)[] = [];
let pumping = false;

function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
}

function pump() {
  // One turn: its synchronous work runs now; the next turn waits for the next loop iteration.
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(pump);
  else pumping = false;
}
