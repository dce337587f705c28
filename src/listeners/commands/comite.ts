import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { latestCommitteeChannel, listCommittees } from '../../services/committees/committees.js';
import { companiesToInform } from '../../services/committees/informing.js';
import { describeRhythm } from '../../services/committees/rhythm.js';
import { can } from '../../services/permissions.js';
import { HELP } from '../../texts/fr.js';
import { companiesToInformMessage, committeesMessage } from '../../views/messages/committee.js';
import { committeePlanModal } from '../../views/modals/committee.js';
import { commandListener } from '../guard.js';
import { asksForHelp, proposedSessionTime } from '../shared.js';

/** `/comite`: the sessions; `/comite planifier`: plan one; `/comite a-informer`: companies to inform (coordination). */
export const comiteCommand = (ctx: AppContext) =>
  commandListener(ctx, async ({ text, reply, authorise, openModal }) => {
    const asked = text.toLowerCase();
    if (asksForHelp(asked)) return reply(HELP.comite(ctx.committees.agendaDaysBefore));
    if (asked === 'planifier') {
      if (!(await authorise('runCommittees'))) return;
      const channelId = await latestCommitteeChannel(ctx.db);
      return openModal(
        committeePlanModal({ initialAt: proposedSessionTime(ctx.now()), channelId, submissionKey: randomUUID() }),
      );
    }
    if (asked === 'a-informer' || asked === 'a informer') {
      if (!(await authorise('runCommittees'))) return;
      const list = await companiesToInform(ctx.db, { limit: 40 });
      return reply(companiesToInformMessage(list, { now: ctx.now(), timeZone: ctx.timeZone }));
    }
    const actor = await authorise('followCommittees');
    if (!actor) return;
    const canRun = can(actor, 'runCommittees');
    const [list, toInform] = await Promise.all([
      listCommittees(ctx.db, ctx.now()),
      canRun ? companiesToInform(ctx.db, { limit: 0 }) : null,
    ]);
    const options = {
      canRun,
      toInform: toInform?.total,
      rhythm: ctx.committees.rhythm ? describeRhythm(ctx.committees.rhythm) : undefined,
    };
    await reply(committeesMessage(list, { now: ctx.now(), timeZone: ctx.timeZone }, options));
  });
