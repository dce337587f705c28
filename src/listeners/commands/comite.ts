import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { latestCommitteeChannel, listCommittees } from '../../services/committees/committees.js';
import { companiesToInform } from '../../services/committees/informing.js';
import { describeRhythm } from '../../services/committees/rhythm.js';
import { can } from '../../services/permissions.js';
import { HELP } from '../../texts/fr.js';
import { companiesToInformMessage, committeesMessage } from '../../views/messages/committee.js';
import { committeePlanModal } from '../../views/modals/committee.js';
import { ackFirst, authorise } from '../guard.js';
import { asksForHelp, commandPayload, ephemeral, openModalForCommand, proposedSessionTime } from '../shared.js';

/** `/comite`: the sessions; `/comite planifier`: plan one; `/comite a-informer`: companies to inform (coordination). */
export function comiteCommand(ctx: AppContext) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ackFirst(ack);
    const { user_id, text, trigger_id } = commandPayload.parse(command);
    const verb = text.trim().toLowerCase();
    if (asksForHelp(verb)) return void (await respond(ephemeral(HELP.comite(ctx.committees.agendaDaysBefore))));
    if (verb === 'planifier') {
      const auth = await authorise(ctx.actors, user_id, 'runCommittees');
      if (!auth.ok) return void (await respond(ephemeral(auth.refusal)));
      const channelId = await latestCommitteeChannel(ctx.db);
      return openModalForCommand(
        { client, respond, logger: ctx.logger },
        trigger_id,
        committeePlanModal({
          initialAt: proposedSessionTime(ctx.now()),
          channelId,
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
