import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../context.js';
import { listOpenAlerts } from '../../services/alerts/alerts.js';
import { nextCommittee } from '../../services/committees/committees.js';
import { companiesToInform } from '../../services/committees/informing.js';
import { can } from '../../services/permissions.js';
import { countVisitsSince, listRecentVisits } from '../../services/visits/file-visit.js';
import { localDate, localMonthStart } from '../../time.js';
import { programmeProgress } from '../../services/programmes/progress.js';
import { homeView, type HomeInput } from '../../views/home/home.js';

export function appHomeOpened(ctx: AppContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    await publishHome(ctx, client, event.user);
  };
}

/** Renders the App Home for what this member's roles show. */
export async function publishHome(ctx: AppContext, client: WebClient, slackUserId: string): Promise<void> {
  const actor = await ctx.actors.find(slackUserId);
  let home: HomeInput = { kind: 'unknown' };
  if (actor) {
    const structure = actor.structureId
      ? await ctx.db.structure.findUnique({ where: { id: actor.structureId }, select: { name: true } })
      : null;
    home = { kind: 'member', roles: [...actor.roles], structureName: structure?.name ?? null };
    if (can(actor, 'handleAlerts')) {
      home.coordination = {
        openAlerts: await listOpenAlerts(ctx.db),
        clock: { now: ctx.now(), timeZone: ctx.timeZone },
      };
    }
    const today = localDate(ctx.timeZone, ctx.now());
    if (can(actor, 'managePrograms')) {
      home.programmes = { progress: await programmeProgress(ctx.db, today, { notVisitedLimit: 0 }), today, all: true };
    } else if (can(actor, 'fileVisit') && actor.structureId) {
      home.programmes = {
        progress: await programmeProgress(ctx.db, today, { structureId: actor.structureId, notVisitedLimit: 5 }),
        today,
        all: false,
      };
    }
    const coordinates = can(actor, 'runCommittees');
    if (coordinates || can(actor, 'followCommittees') || can(actor, 'fileVisit')) {
      const [next, toInform] = await Promise.all([
        nextCommittee(ctx.db, ctx.now()),
        companiesToInform(ctx.db, coordinates ? { limit: 10 } : { broughtById: actor.memberId, limit: 10 }),
      ]);
      // A capteur outside the committee only sees it when they have companies to inform.
      if (coordinates || can(actor, 'followCommittees') || toInform.total > 0) {
        home.committee = { next, toInform, clock: { now: ctx.now(), timeZone: ctx.timeZone }, all: coordinates };
      }
    }
    if (can(actor, 'fileVisit')) {
      const monthStart = new Date(`${localMonthStart(ctx.timeZone, ctx.now())}T00:00:00Z`);
      const [recentVisits, visitsThisMonth] = await Promise.all([
        listRecentVisits(ctx.db, actor),
        countVisitsSince(ctx.db, actor, monthStart),
      ]);
      home.capteur = { recentVisits, visitsThisMonth };
    }
  }
  await client.views.publish({ user_id: slackUserId, view: homeView(home) });
}
