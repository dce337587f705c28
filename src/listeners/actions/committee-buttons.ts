import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getDraftAgenda } from '../../services/committees/agenda.js';
import {
  cancelCommittee,
  closeCommittee,
  publishAgenda,
  recordItemOutcome,
} from '../../services/committees/committees.js';
import { listStructures } from '../../services/structures.js';
import { localDate } from '../../time.js';
import { actionCreateModal } from '../../views/modals/action.js';
import { UserError } from '../../services/errors.js';
import { errorText, REFUSALS } from '../../texts/fr.js';
import { can, type Actor } from '../../services/permissions.js';
import { agendaEditModal, committeePlanModal, decisionModal, informedModal } from '../../views/modals/committee.js';
import { proposedSessionTime } from '../commands/comite.js';
import { ackFirst, authorise, ephemeral, tellClicker } from '../guard.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** « Planifier une séance » in /comite. */
export function openCommitteePlan(ctx: AppContext) {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const auth = await authorise(ctx.actors, args.body.user.id, 'runCommittees');
    if (!auth.ok) return void (await tellClicker(args)(auth.refusal));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: committeePlanModal({ initialAt: proposedSessionTime(ctx.now()), submissionKey: randomUUID() }),
    });
  };
}

/**
 * A coordination button on a session (its id as value): the step runs at once, the clicker is
 * told what happened, the messages it owes go out.
 */
function sessionButton(ctx: AppContext, step: (actor: Actor, committeeId: string, now: Date) => Promise<string>) {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'runCommittees');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: committeeId } = z.object({ value: z.string().uuid() }).parse(args.action);
    try {
      const said = await step(auth.actor, committeeId, ctx.now());
      if (args.body.response_url) await args.respond(ephemeral(said));
    } catch (error) {
      if (error instanceof UserError) return void (await tell(errorText(error.code, error.params)));
      throw error;
    }
    await ctx.notifier.kick();
  };
}

/** « Publier l'ordre du jour »: now rather than at J-7. */
export const publishCommitteeAgenda = (ctx: AppContext) =>
  sessionButton(ctx, async (actor, committeeId, now) => {
    const { published, items } = await publishAgenda(ctx.db, actor, committeeId, now);
    return published
      ? `:white_check_mark: Ordre du jour publié : ${items} entreprise(s).`
      : "L'ordre du jour de cette séance est déjà publié.";
  });

/** « Annuler la séance » (confirmed in Slack): before publication only; its companies go to the next one. */
export const cancelCommitteeButton = (ctx: AppContext) =>
  sessionButton(ctx, async (actor, committeeId) => {
    await cancelCommittee(ctx.db, actor, committeeId);
    return ':wastebasket: Séance annulée : ses entreprises iront à l’ordre du jour de la séance suivante.';
  });

/** « Modifier l'ordre du jour » and « Déplacer » on a planned session: their modal, for the coordination. */
export function openSessionForm(ctx: AppContext, form: 'agenda' | 'reschedule') {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(ctx.actors, args.body.user.id, 'runCommittees');
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: committeeId } = z.object({ value: z.string().uuid() }).parse(args.action);
    const draft = await getDraftAgenda(ctx.db, committeeId);
    if (!draft) return void (await tell(errorText('committee_unknown')));
    if (draft.status !== 'planned') return void (await tell(errorText('agenda_already_published')));
    const view =
      form === 'agenda'
        ? agendaEditModal(draft, ctx)
        : committeePlanModal({ initialAt: draft.scheduledAt, channelId: draft.channelId, committeeId });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  };
}

/** « Clôturer le comité » in /comite: the summary, and the decisions owed to each company. */
export const closeCommitteeButton = (ctx: AppContext) =>
  sessionButton(ctx, async (actor, committeeId, now) =>
    (await closeCommittee(ctx.db, actor, committeeId, now)).closed
      ? ':lock: Comité clôturé : relevé de décisions publié, capteurs prévenus.'
      : 'Ce comité est déjà clôturé.',
  );

/**
 * The buttons of an agenda item, in the meeting: « Créer une action » (linked to the item),
 * « Décision » (a short form), « Pas de suite » (at once).
 */
export function agendaItemButton(ctx: AppContext, kind: 'action' | 'decision' | 'noFollowUp') {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const auth = await authorise(
      ctx.actors,
      args.body.user.id,
      kind === 'action' ? 'manageActions' : 'followCommittees',
    );
    if (!auth.ok) return void (await tell(auth.refusal));
    const { value: agendaItemId } = z.object({ value: z.string().uuid() }).parse(args.action);
    const item = await ctx.db.agendaItem.findUnique({
      where: { id: agendaItemId },
      include: { company: { select: { id: true, name: true } } },
    });
    if (!item) return void (await tell(errorText('committee_unknown')));
    if (kind === 'action') {
      const structures = await listStructures(ctx.db, { activeOnly: true });
      const view = actionCreateModal({
        submissionKey: randomUUID(),
        company: item.company,
        structures,
        today: localDate(ctx.timeZone, ctx.now()),
        agendaItemId: item.id,
      });
      return void (await args.client.views.open({ trigger_id: args.body.trigger_id, view }));
    }
    if (kind === 'decision')
      return void (await args.client.views.open({ trigger_id: args.body.trigger_id, view: decisionModal(item) }));
    try {
      await recordItemOutcome(ctx.db, auth.actor, agendaItemId, { kind: 'pas_de_suite' });
    } catch (error) {
      if (error instanceof UserError) return void (await tell(errorText(error.code, error.params)));
      throw error;
    }
    await ctx.notifier.kick();
  };
}

/** « Entreprise informée », on the decisions sent to the capteur. */
export function openInformed(ctx: AppContext) {
  return async (args: ButtonArgs) => {
    await ackFirst(args.ack);
    const tell = tellClicker(args);
    const actor = await ctx.actors.find(args.body.user.id);
    if (!actor) return void (await tell(REFUSALS.unknownMember));
    const { value: agendaItemId } = z.object({ value: z.string().uuid() }).parse(args.action);
    const item = await ctx.db.agendaItem.findUnique({
      where: { id: agendaItemId },
      include: { company: { select: { name: true } } },
    });
    if (!item) return void (await tell(errorText('committee_unknown')));
    // The capteur who brought the company, or the coordination (the service checks it again).
    if (item.broughtById !== actor.memberId && !can(actor, 'runCommittees'))
      return void (await tell(errorText('inform_not_yours')));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: informedModal(item, localDate(ctx.timeZone, ctx.now())),
    });
  };
}
