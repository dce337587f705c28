import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { getDraftAgenda } from '../../services/committees/agenda.js';
import {
  cancelCommittee,
  closeCommittee,
  getAgendaItemWithCompany,
  publishAgenda,
  recordItemOutcome,
} from '../../services/committees/committees.js';
import { can, type Actor } from '../../services/permissions.js';
import { listStructures } from '../../services/structures.js';
import { COMMITTEE_TEXTS, errorText } from '../../texts/fr.js';
import { localDate } from '../../time.js';
import { actionCreateModal } from '../../views/modals/action.js';
import { agendaEditModal, committeePlanModal, decisionModal, informedModal } from '../../views/modals/committee.js';
import { buttonListener, idValue, noValue } from '../guard.js';
import { ephemeral, proposedSessionTime } from '../shared.js';

/** « Planifier une séance » in /comite. */
export const openCommitteePlan = (ctx: AppContext) =>
  buttonListener(ctx, 'runCommittees', noValue, async ({ openModal }) => {
    await openModal(committeePlanModal({ initialAt: proposedSessionTime(ctx.now()), submissionKey: randomUUID() }));
  });

/**
 * A coordination button on a session (its id as value): the step runs at once, the clicker is
 * told what happened, the messages it owes go out.
 */
const sessionButton = (ctx: AppContext, step: (actor: Actor, committeeId: string, now: Date) => Promise<string>) =>
  buttonListener(ctx, 'runCommittees', idValue, async ({ actor, value: committeeId, args }) => {
    const said = await step(actor, committeeId, ctx.now());
    if (args.body.response_url) await args.respond(ephemeral(said));
    await ctx.notifier.kick();
  });

/** « Publier l'ordre du jour »: now rather than at J-7. */
export const publishCommitteeAgenda = (ctx: AppContext) =>
  sessionButton(ctx, async (actor, committeeId, now) => {
    const { published, items } = await publishAgenda(ctx.db, actor, committeeId, now);
    return published ? COMMITTEE_TEXTS.session.published(items) : COMMITTEE_TEXTS.session.alreadyPublished;
  });

/** « Annuler la séance » (confirmed in Slack): before publication only; its companies go to the next one. */
export const cancelCommitteeButton = (ctx: AppContext) =>
  sessionButton(ctx, async (actor, committeeId) => {
    await cancelCommittee(ctx.db, actor, committeeId);
    return COMMITTEE_TEXTS.session.cancelled;
  });

/** « Modifier l'ordre du jour » and « Déplacer » on a planned session: their modal, for the coordination. */
export const openSessionForm = (ctx: AppContext, form: 'agenda' | 'reschedule') =>
  buttonListener(ctx, 'runCommittees', idValue, async ({ value: committeeId, tell, openModal }) => {
    const draft = await getDraftAgenda(ctx.db, committeeId);
    if (!draft) return void (await tell(errorText('committee_unknown')));
    if (draft.status !== 'planned') return void (await tell(errorText('agenda_already_published')));
    await openModal(
      form === 'agenda'
        ? agendaEditModal(draft, ctx)
        : committeePlanModal({ initialAt: draft.scheduledAt, channelId: draft.channelId, committeeId }),
    );
  });

/** « Clôturer le comité » in /comite: the summary, and the decisions owed to each company. */
export const closeCommitteeButton = (ctx: AppContext) =>
  sessionButton(ctx, async (actor, committeeId, now) =>
    (await closeCommittee(ctx.db, actor, committeeId, now)).closed
      ? COMMITTEE_TEXTS.session.closed
      : COMMITTEE_TEXTS.session.alreadyClosed,
  );

/**
 * The buttons of an agenda item, in the meeting: « Créer une action » (linked to the item),
 * « Décision » (a short form), « Pas de suite » (at once).
 */
export const agendaItemButton = (ctx: AppContext, kind: 'action' | 'decision' | 'noFollowUp') =>
  buttonListener(
    ctx,
    kind === 'action' ? 'manageActions' : 'followCommittees',
    idValue,
    async ({ actor, value: agendaItemId, tell, openModal }) => {
      const item = await getAgendaItemWithCompany(ctx.db, agendaItemId);
      if (!item) return void (await tell(errorText('committee_unknown')));
      if (kind === 'action') {
        const structures = await listStructures(ctx.db, { activeOnly: true });
        return openModal(
          actionCreateModal({
            submissionKey: randomUUID(),
            company: item.company,
            structures,
            today: localDate(ctx.timeZone, ctx.now()),
            agendaItemId: item.id,
          }),
        );
      }
      if (kind === 'decision') return openModal(decisionModal(item));
      await recordItemOutcome(ctx.db, actor, agendaItemId, { kind: 'pas_de_suite' });
      await ctx.notifier.kick();
    },
  );

/** « Entreprise informée », on the decisions sent to the capteur. */
export const openInformed = (ctx: AppContext) =>
  buttonListener(ctx, 'anyMember', idValue, async ({ actor, value: agendaItemId, tell, openModal }) => {
    const item = await getAgendaItemWithCompany(ctx.db, agendaItemId);
    if (!item) return void (await tell(errorText('committee_unknown')));
    // The capteur who brought the company, or the coordination (the service checks it again).
    if (item.broughtById !== actor.memberId && !can(actor, 'runCommittees'))
      return void (await tell(errorText('inform_not_yours'), 'permission'));
    await openModal(informedModal(item, localDate(ctx.timeZone, ctx.now())));
  });
