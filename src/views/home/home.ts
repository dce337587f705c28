import type { KnownBlock, View } from '@slack/types';
import type { CommitteeStatus, RedFlag, Role } from '../../generated/prisma/enums.js';
import type { CompaniesToInform } from '../../services/committees/informing.js';
import { ACTIONS, COMMITTEE_BUTTONS } from '../../slack/ids.js';
import { ROLE_LABELS } from '../../texts/administration.js';
import { ALERT_TEXTS } from '../../texts/alert.js';
import { COMMITTEE_TEXTS } from '../../texts/committee.js';
import { COMMON, PLATFORM_NAME, REFUSALS } from '../../texts/common.js';
import { HELP } from '../../texts/help.js';
import { HOME_TEXTS as T } from '../../texts/home.js';
import { PROGRAMME_TEXTS } from '../../texts/programme.js';
import { frenchDate, frenchDateTime, frenchMonth } from '../../time.js';
import type { ProgrammeProgress } from '../../services/programmes/progress.js';
import { progressBar, progressLines, targetsNotVisitedBlocks } from '../messages/programme.js';
import { escapeAndCut, actions, button, context, divider, escapeText, header, section, sectionsOf } from '../blocks.js';
import { openAlertsBlocks, type Clock } from '../messages/alert.js';
import { redFlagsLine } from '../messages/visit.js';
import type { OpenAlert } from '../../services/alerts/alerts.js';

export interface HomeVisit {
  id: string;
  visitDate: Date;
  company: { id: string; name: string; commune: string };
  redFlags: { flag: RedFlag }[];
}

export type HomeInput =
  | { kind: 'unknown' }
  | {
      kind: 'member';
      roles: Role[];
      structureName: string | null;
      capteur?: { recentVisits: HomeVisit[]; visitsThisMonth: number };
      /** The coordination's view: open recruitment alerts with their 48 h clock. */
      coordination?: { openAlerts: OpenAlert[]; clock: Clock };
      /** Visit programmes: the capteur's structure (with its targets to visit), or every structure for the coordination. */
      programmes?: { progress: ProgrammeProgress[]; today: string; all: boolean };
      /** The next committee session, and the companies still to inform of past decisions (theirs, or all for the coordination). */
      committee?: {
        next: {
          scheduledAt: Date;
          channelId: string;
          status: CommitteeStatus;
          items: number;
          agendaPermalink?: string | null;
        } | null;
        toInform: CompaniesToInform;
        clock: Clock;
        all: boolean;
      };
    };

/** Open alerts on the coordination's Home, the most urgent first. */
const ALERTS_SHOWN = 15;

export function homeView(home: HomeInput): View {
  if (home.kind === 'unknown') {
    return { type: 'home', blocks: [header(PLATFORM_NAME), section(REFUSALS.unknownMember)] };
  }
  const roles = home.roles.map((r) => ROLE_LABELS[r]).join(', ');
  const blocks: KnownBlock[] = [
    header(PLATFORM_NAME),
    context(T.roles(roles, home.structureName ? escapeText(home.structureName) : null)),
  ];
  if (home.coordination) {
    blocks.push(
      section(ALERT_TEXTS.openList.heading(home.coordination.openAlerts.length)),
      ...openAlertsBlocks(home.coordination.openAlerts.slice(0, ALERTS_SHOWN), home.coordination.clock),
      ...(home.coordination.openAlerts.length > ALERTS_SHOWN ? [context(T.alertsMore(ALERTS_SHOWN))] : []),
      divider(),
    );
  }
  if (home.programmes) {
    blocks.push(...programmeBlocks(home.programmes));
  }
  if (home.committee) {
    blocks.push(...committeeBlocks(home.committee));
  }
  if (home.capteur) {
    const { recentVisits, visitsThisMonth } = home.capteur;
    blocks.push(
      section(T.capteur.thisMonth(visitsThisMonth)),
      actions('home_actions', [button(T.capteur.newVisit, ACTIONS.openVisitReport, undefined, 'primary')]),
      divider(),
      section(T.capteur.recentVisits),
    );
    if (recentVisits.length === 0) {
      blocks.push(context(T.capteur.noVisit));
    }
    for (const visit of recentVisits) {
      blocks.push(
        section(
          T.capteur.visit(
            frenchDate(visit.visitDate),
            escapeText(visit.company.name),
            escapeText(visit.company.commune),
            redFlagsLine(visit.redFlags),
          ),
          button(T.capteur.showCard, ACTIONS.showCompanyCard, visit.company.id),
        ),
      );
    }
  } else if (!home.coordination) {
    blocks.push(section(HELP.plateforme));
  }
  return { type: 'home', blocks };
}

/** The next session, and the companies whose decisions are still to be passed on. */
function committeeBlocks(committee: NonNullable<Extract<HomeInput, { kind: 'member' }>['committee']>): KnownBlock[] {
  const { next, toInform, clock } = committee;
  const companies = (n: NonNullable<typeof next>) =>
    n.agendaPermalink ? `<${n.agendaPermalink}|${T.committee.companies(n.items)}>` : T.committee.companies(n.items);
  const blocks: KnownBlock[] = [
    section(
      next
        ? T.committee.next(
            frenchDateTime(next.scheduledAt, clock.timeZone),
            next.channelId,
            T.committee.status[next.status],
            companies(next),
          )
        : T.committee.none,
    ),
  ];
  if (toInform.total > 0) {
    blocks.push(section(T.committee.toInform(toInform.total)));
    for (const item of toInform.items.slice(0, 10)) {
      blocks.push(
        section(
          T.committee.toInformItem(
            escapeAndCut(item.company.name, 150),
            frenchDate(item.committee.scheduledAt),
            committee.all && item.broughtBy ? item.broughtBy.slackUserId : null,
          ),
          button(COMMITTEE_TEXTS.buttons.informed, COMMITTEE_BUTTONS.informed, item.id),
        ),
      );
    }
    if (toInform.total > 10)
      blocks.push(context(committee.all ? T.committee.allToInform : COMMON.andOthers(toInform.total - 10)));
  }
  blocks.push(divider());
  return blocks;
}

const P = PROGRAMME_TEXTS.home;

/** The coordination sees each structure's month; a capteur their structure's progress and the targets to visit. */
function programmeBlocks({
  progress,
  today,
  all,
}: NonNullable<Extract<HomeInput, { kind: 'member' }>['programmes']>): KnownBlock[] {
  if (all) {
    const lines = progress
      .slice(0, 25)
      .map((p) =>
        P.structure(
          progressBar(p.month.visits, p.month.target),
          escapeAndCut(p.structure.name, 80),
          p.targets.visited,
          p.targets.total,
          p.behindPace,
        ),
      );
    return [
      section(P.all(frenchMonth(today))),
      ...(lines.length ? sectionsOf(lines) : [context(P.none)]),
      ...(progress.length > 25 ? [context(P.more(progress.length - 25))] : []),
      divider(),
    ];
  }
  const mine = progress[0];
  if (!mine) return [];
  return [
    section(P.mine(escapeAndCut(mine.structure.name, 120), progressLines(mine, today))),
    ...(mine.targets.notVisited.length
      ? [section(PROGRAMME_TEXTS.targetsNotVisited), ...targetsNotVisitedBlocks(mine, 5)]
      : []),
    divider(),
  ];
}
