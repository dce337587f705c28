import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { listCommittees } from '../../services/committees/committees.js';
import { companiesToInform } from '../../services/committees/informing.js';
import { describeRhythm } from '../../services/committees/rhythm.js';
import { can } from '../../services/permissions.js';
import { HELP } from '../../texts/fr.js';
import { companiesToInformMessage, committeesMessage } from '../../views/messages/committee.js';
import { committeePlanModal } from '../../views/modals/committee.js';
import { ackFirst, authorise, ephemeral, openModalForCommand } from '../guard.js';
import { commandPayload } from './visite.js';

/** A session in four weeks at 14:00 local time: a starting point the coordinator adjusts. */
export function proposedSessionTime(now: Date): Date {
  const inFourWeeks = new Date(now.getTime() + 28 * 86_400_000);
  inFourWeeks.setUTCHours(13, 0, 0, 0);
  return inFourWeeks;
}

/** `/comite`: the sessions; `/comite planifier`: plan one; `/comite a-informer`: companies to inform (coordination). */
export function comiteCommand(ctx: AppContext) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    const verb = text.trim().toLowerCase();
    if (/^(aide|help|\?)$/.test(verb))
      return void (await respond(ephemeral(HELP.comite(ctx.committees.agendaDaysBefore))));
    if (verb === 'planifier') {
      const auth = await authorise(ctx.actors, user_id, 'runCommittees');
      if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
      const last = await ctx.db.committee.findFirst({ orderBy: { createdAt: 'desc' }, select: { channelId: true } });
      return openModalForCommand(
        { client, respond, logger: ctx.logger },
        trigger_id,
        committeePlanModal({
          initialAt: proposedSessionTime(ctx.now()),
          channelId: last?.channelId,
          submissionKey: randomUUID(),
        }),
      );
    }
    if (verb === 'a-informer' || verb === 'a informer') {
      const auth = await authorise(ctx.actors, user_id, 'runCommittees');
      if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
      const list = await companiesToInform(ctx.db, { limit: 40 });
      return void (await respond({
        response_type: 'ephemeral',
        ...companiesToInformMessage(list, { now: ctx.now(), timeZone: ctx.timeZone }),
      }));
    }
    const auth = await authorise(ctx.actors, user_id, 'followCommittees');
    if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
    const canRun = can(auth.actor, 'runCommittees');
    const [list, toInform] = await Promise.all([
      listCommittees(ctx.db, ctx.now()),
      canRun ? companiesToInform(ctx.db, { limit: 0 }) : null,
    ]);
    const options = {
      canRun,
      toInform: toInform?.total,
      rhythm: ctx.committees.rhythm ? describeRhythm(ctx.committees.rhythm) : undefined,
    };
    await respond({
      response_type: 'ephemeral',
      ...committeesMessage(list, { now: ctx.now(), timeZone: ctx.timeZone }, options),
    });
  };
}
