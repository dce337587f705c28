import type { RespondFn, ViewResponseAction } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ActorDirectory } from '../services/members.js';
import { can, type Actor, type Permission } from '../services/permissions.js';
import { INCIDENTS, REFUSALS } from '../texts/fr.js';
import { refusalModal } from '../views/modals/administration.js';

export type Authorisation = { ok: true; actor: Actor } | { ok: false; refusal: string };

/** Every listener asks this first: who is this Slack user, and may they do this? */
export async function authorise(
  actors: ActorDirectory,
  slackUserId: string,
  permission: Permission,
): Promise<Authorisation> {
  const actor = await actors.find(slackUserId);
  if (!actor) return { ok: false, refusal: REFUSALS.unknownMember };
  if (!can(actor, permission))
    return { ok: false, refusal: (REFUSALS as Record<string, string>)[permission] ?? REFUSALS.other };
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

/**
 * A view submission whose handler fails before acking (database down, a bug) would leave the
 * person facing Slack's generic error. Instead the modal stays open with everything they typed
 * and a French message on `errorBlockId`; nothing was saved, since services write in one
 * transaction. The error itself goes to the log.
 */
export function withSubmissionSafetyNet<Args extends { ack: (response?: ViewResponseAction) => Promise<void> }>(
  logger: Logger,
  /** The field to show the message on; null for a form without fields (the modal then says it). */
  errorBlockId: string | null,
  handler: (args: Args) => Promise<void>,
): (args: Args) => Promise<void> {
  return async (args) => {
    let acked = false;
    const ack = async (response?: ViewResponseAction) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await handler({ ...args, ack });
    } catch (error) {
      if (acked) throw error;
      logger.error(
        { err: { message: (error as Error).message, stack: (error as Error).stack } },
        'view submission failed before its ack',
      );
      await args.ack(
        errorBlockId
          ? { response_action: 'errors', errors: { [errorBlockId]: INCIDENTS.formNotSaved } }
          : {
              response_action: 'update',
              view: {
                type: 'modal',
                title: { type: 'plain_text', text: 'Incident' },
                close: { type: 'plain_text', text: 'Fermer' },
                blocks: [{ type: 'section', text: { type: 'mrkdwn', text: INCIDENTS.actionNotSaved } }],
              },
            },
      );
    }
  };
}

/** Opens a command's modal; if Slack refuses (trigger expired, outage), says so instead of nothing. */
export async function openModalForCommand(
  args: { client: WebClient; respond: RespondFn; logger: Logger },
  triggerId: string,
  view: View,
): Promise<void> {
  try {
    await args.client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    args.logger.warn({ reason: code }, 'views.open failed');
    await args.respond(ephemeral(INCIDENTS.modalNotOpened));
  }
}

/**
 * Says a refusal to whoever clicked a button: in the button's message when it has one (only
 * them), else (App Home, modals) in a small modal.
 */
export function tellClicker(args: {
  body: { response_url?: string; trigger_id: string };
  respond: RespondFn;
  client: WebClient;
}) {
  return async (text: string): Promise<void> => {
    if (args.body.response_url) await args.respond(ephemeral(text));
    else await args.client.views.open({ trigger_id: args.body.trigger_id, view: refusalModal(text) });
  };
}
