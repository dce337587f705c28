import type { AppContext } from '../../../context.js';
import {
  getIndicatorSets,
  getSnapshotWithPrevious,
  listFrozenQuarters,
  snapshotQuarter,
  type Quarter,
} from '../../../services/indicators/steering.js';
import { can } from '../../../services/permissions.js';
import { errorText } from '../../../texts/fr.js';
import { localDate } from '../../../time.js';
import { indicatorsOverviewMessage, indicatorsSnapshotMessage } from '../../../views/messages/indicators.js';
import type { CommandCall } from '../../guard.js';

/**
 * `/plateforme indicateurs` (steering committee, coordination): the year's chosen indicators and
 * their versions; with `2026-T3`, that quarter's frozen values (frozen now if it is over and was
 * not yet, and posted to the steering channel).
 */
export async function indicatorsVerb(ctx: AppContext, { rest, reply, authorise }: CommandCall) {
  const actor = await authorise('readIndicators');
  if (!actor) return;
  const argument = rest.join(' ');
  const now = ctx.now();
  const today = localDate(ctx.timeZone, now);
  const asked = /^(\d{4})\s*-?\s*T([1-4])$/i.exec(argument.trim());
  if (asked) {
    const year = Number(asked[1]);
    const quarter = Number(asked[2]) as Quarter;
    // Frozen now (if it was not) with its post owed in the same transaction. A refusal (a quarter
    // not over yet) is replied by the command's listener.
    const { created } = await snapshotQuarter(
      ctx.db,
      year,
      quarter,
      now,
      ctx.timeZone,
      ctx.steering.channelId,
      ctx.steering.coverage,
    );
    if (created && ctx.steering.channelId) void ctx.notifier.kick();
    return reply(indicatorsSnapshotMessage((await getSnapshotWithPrevious(ctx.db, year, quarter))!, ctx.timeZone));
  }
  if (argument.trim()) return reply(errorText('quarter_format'));
  const year = Number(today.slice(0, 4));
  const [sets, frozen] = await Promise.all([getIndicatorSets(ctx.db, year), listFrozenQuarters(ctx.db, 8)]);
  await reply(
    indicatorsOverviewMessage({
      year,
      sets,
      frozen,
      canChoose: can(actor, 'manageIndicators'),
      years: Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year],
      timeZone: ctx.timeZone,
    }),
  );
}
