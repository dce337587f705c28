import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { View } from '@slack/types';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { UserError } from '../services/errors.js';
import type { ActorDirectory } from '../services/members.js';
import { can, type Actor, type Permission } from '../services/permissions.js';
import { COMMON, errorText, INCIDENTS, REFUSALS, type RefusalKind, refusalKind } from '../texts/fr.js';
import { refusalModal } from '../views/modals/administration.js';
import { commandPayload, ephemeral, openModalForCommand, tellClicker } from './shared.js';

export type Authorisation = { ok: true; actor: Actor } | { ok: false; refusal: string };

/**
 * Every listener asks this first: who is this Slack user, and may they do this? `anyMember`: every
 * registered member may (the listener then checks more, such as whose record it is).
 */
export async function authorise(
  actors: ActorDirectory,
  slackUserId: string,
  permission: Permission | 'anyMember',
): Promise<Authorisation> {
  return allowed(await actors.find(slackUserId), permission);
}

/** `authorise` for a member already looked up (null: not registered). */
function allowed(actor: Actor | null, permission: Permission | 'anyMember'): Authorisation {
  if (!actor) return { ok: false, refusal: REFUSALS.unknownMember };
  if (permission !== 'anyMember' && !can(actor, permission))
    return { ok: false, refusal: (REFUSALS as Record<string, string>)[permission] ?? REFUSALS.other };
  return { ok: true, actor };
}

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
                title: { type: 'plain_text', text: INCIDENTS.title },
                close: { type: 'plain_text', text: COMMON.close },
                blocks: [{ type: 'section', text: { type: 'mrkdwn', text: INCIDENTS.actionNotSaved } }],
              },
            },
      );
    }
  };
}

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A refusal in place of the modal: the person reads why (its title says what happened), nothing was saved. */
const refusalUpdate = (text: string, kind: RefusalKind) => ({
  response_action: 'update' as const,
  view: refusalModal(text, kind),
});

/**
 * A form's listener, opening as every form does: the safety net above, the person authorised (a
 * refusal replaces the modal), and a service's refusal (UserError) shown in place of the modal in
 * French while the handler has not acked. The handler answers its fields' errors itself.
 */
export function submissionListener(
  ctx: Pick<AppContext, 'actors' | 'logger'>,
  permission: Permission,
  errorBlockId: string | null,
  handler: (submission: SubmissionArgs & { actor: Actor }) => Promise<void>,
): (args: SubmissionArgs) => Promise<void> {
  return withSubmissionSafetyNet(ctx.logger, errorBlockId, async (args: SubmissionArgs) => {
    const auth = await authorise(ctx.actors, args.body.user.id, permission);
    if (!auth.ok) return void (await args.ack(refusalUpdate(auth.refusal, 'permission')));
    let acked = false;
    const ack = async (response?: ViewResponseAction) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await handler({ ...args, ack, actor: auth.actor });
    } catch (error) {
      if (!(error instanceof UserError) || acked) throw error;
      await ack(refusalUpdate(errorText(error.code, error.params), refusalKind(error.code)));
    }
  });
}

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** A button whose value is a record's id. */
export const idValue = z.string().uuid();
/** A button whose value is not read. */
export const noValue = z.unknown();

/** What a button's handler is given: the click acked, the clicker allowed, the button's value read. */
export interface ButtonClick<Value> {
  actor: Actor;
  value: Value;
  /**
   * Says a text to the clicker alone, where their refusals go; in a modal, titled by `kind`
   * (« Action impossible » unless given: a permission, or a mere notice).
   */
  tell: (text: string, kind?: RefusalKind) => Promise<void>;
  /** Opens a modal on the click's trigger_id. */
  openModal: (view: View) => Promise<void>;
  /** Bolt's arguments, for what only some buttons need (respond, the response_url). */
  args: ButtonArgs;
}

/**
 * A button's listener, opening as every button does: ack at once (the trigger_id lives 3 s), the
 * clicker authorised and told a refusal in French, the value read with its schema (a forged one
 * throws, and the request guard answers it: src/slack/request-guard.ts). A service's refusal
 * (UserError) is said to the clicker in French; nothing was written, services write in one
 * transaction. Refusals go under the button's message, or in a small modal where there is none;
 * `refuseIn: 'modal'` always in a modal (buttons whose form would open there).
 */
export function buttonListener<Value>(
  ctx: Pick<AppContext, 'actors'>,
  permission: Permission | 'anyMember',
  valueSchema: z.ZodType<Value>,
  handler: (click: ButtonClick<Value>) => Promise<void>,
  options: { refuseIn?: 'modal' } = {},
): (args: ButtonArgs) => Promise<void> {
  return async (args) => {
    await ackFirst(args.ack);
    const openModal = async (view: View) => {
      await args.client.views.open({ trigger_id: args.body.trigger_id, view });
    };
    const tell =
      options.refuseIn === 'modal'
        ? (text: string, kind: RefusalKind = 'impossible') => openModal(refusalModal(text, kind))
        : tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, permission);
    if (!auth.ok) return void (await tell(auth.refusal, 'permission'));
    const value = valueSchema.parse(args.action.value);
    try {
      await handler({ actor: auth.actor, value, tell, openModal, args });
    } catch (error) {
      if (error instanceof UserError)
        return void (await tell(errorText(error.code, error.params), refusalKind(error.code)));
      throw error;
    }
  };
}

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a slash command's handler is given: the command acked and read, and ways to answer it. */
export interface CommandCall {
  /** What was typed after the command, trimmed. */
  text: string;
  /** Its first word in lower case (`''` when nothing was typed), and the words after it as typed. */
  verb: string;
  rest: string[];
  userId: string;
  triggerId: string;
  /** Answers the person alone (ephemeral): a text, or a message. */
  reply: (message: string | RespondArguments) => Promise<void>;
  /** Opens a modal on the command's trigger_id; if Slack refuses, says so instead. */
  openModal: (view: View) => Promise<void>;
  /** The member who typed the command, null when not registered (nothing said). Looked up once. */
  member: () => Promise<Actor | null>;
  /** The member when their roles allow `permission`; else null, the refusal already replied in French. */
  authorise: (permission: Permission | 'anyMember') => Promise<Actor | null>;
}

/**
 * A slash command's listener, opening as every command does: ack at once (the trigger_id lives
 * 3 s), the payload read, the text cut into a verb and the rest. Each verb checks its own role
 * (`authorise`), since one command serves several duties. A service's refusal (UserError) is
 * replied in French; nothing was written, services write in one transaction.
 */
export function commandListener(
  ctx: Pick<AppContext, 'actors' | 'logger'>,
  handler: (call: CommandCall) => Promise<void>,
): (args: CommandArgs) => Promise<void> {
  return async (args) => {
    await ackFirst(args.ack);
    const { user_id, text, trigger_id } = commandPayload.parse(args.command);
    const trimmed = text.trim();
    const [verb = '', ...rest] = trimmed.split(/\s+/);
    const reply = async (message: string | RespondArguments) => {
      await args.respond(typeof message === 'string' ? ephemeral(message) : { response_type: 'ephemeral', ...message });
    };
    let lookup: Promise<Actor | null> | undefined;
    const member = () => {
      lookup ??= ctx.actors.find(user_id);
      return lookup;
    };
    const call: CommandCall = {
      text: trimmed,
      verb: verb.toLowerCase(),
      rest,
      userId: user_id,
      triggerId: trigger_id,
      reply,
      openModal: (view) =>
        openModalForCommand({ client: args.client, respond: args.respond, logger: ctx.logger }, trigger_id, view),
      member,
      authorise: async (permission) => {
        const auth = allowed(await member(), permission);
        if (auth.ok) return auth.actor;
        await reply(auth.refusal);
        return null;
      },
    };
    try {
      await handler(call);
    } catch (error) {
      if (error instanceof UserError) return void (await reply(errorText(error.code, error.params)));
      throw error;
    }
  };
}
