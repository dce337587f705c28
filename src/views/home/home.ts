import type { KnownBlock, View } from '@slack/types';
import type { CommitteeStatus, RedFlag, Role } from '../../generated/prisma/enums.js';
import type { CompaniesToInform } from '../../services/committees/informing.js';
import { ACTIONS, COMMITTEE_BUTTONS } from '../../slack/ids.js';
import { HELP, REFUSALS, ROLE_LABELS } from '../../texts/fr.js';
import { frenchDate, frenchDateTime, frenchMonth } from '../../time.js';
import type { ProgrammeProgress } from '../../services/programmes/progress.js';
import { progressBar, progressLines, targetsNotVisitedBlocks } from '../messages/programme.js';
import { actions, button, context, divider, escapeText, header, section, sectionsOf, truncate } from '../blocks.js';
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

const TITLE = 'Plateforme Emploi – Mutations Économiques';

export function homeView(home: HomeInput): View {
  if (home.kind === 'unknown') {
    return { type: 'home', blocks: [header(TITLE), section(REFUSALS.unknownMember)] };
  }
  const roles = home.roles.map((r) => ROLE_LABELS[r]).join(', ');
  const blocks: KnownBlock[] = [
    header(TITLE),
    context(`Vos rôles : ${roles || 'aucun'}${home.structureName ? ` — ${escapeText(home.structureName)}` : ''}`),
  ];
  if (home.coordination) {
    blocks.push(
      section(`*Alertes recrutement en cours (${home.coordination.openAlerts.length})*`),
      ...openAlertsBlocks(home.coordination.openAlerts.slice(0, 15), home.coordination.clock),
      ...(home.coordination.openAlerts.length > 15
        ? [context('… les 15 plus urgentes ; toutes avec `/alerte-recrutement liste`.')]
        : []),
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
      section(`*Ce mois-ci* : ${visitsThisMonth} visite(s) déposée(s).`),
      actions('home_actions', [button('Nouvelle visite', ACTIONS.openVisitReport, undefined, 'primary')]),
      divider(),
      section('*Vos dernières visites*'),
    );
    if (recentVisits.length === 0) {
      blocks.push(context('Aucune visite pour le moment : cliquez sur « Nouvelle visite » ou tapez /visite.'));
    }
    for (const visit of recentVisits) {
      const flags = redFlagsLine(visit.redFlags);
      blocks.push(
        section(
          `*${frenchDate(visit.visitDate)}* — ${escapeText(visit.company.name)} (${escapeText(visit.company.commune)})${flags ? `\n${flags}` : ''}`,
          button('Fiche', ACTIONS.showCompanyCard, visit.company.id),
        ),
      );
    }
  } else if (!home.coordination) {
    blocks.push(section(HELP.plateforme));
  }
  return { type: 'home', blocks };
}

const SESSION_STATUS: Record<CommitteeStatus, string> = {
  planned: 'ordre du jour en préparation',
  agenda_published: 'ordre du jour publié',
  held: 'en séance',
  closed: 'clôturé',
};

/** The next session, and the companies whose decisions are still to be passed on. */
function committeeBlocks(committee: NonNullable<Extract<HomeInput, { kind: 'member' }>['committee']>): KnownBlock[] {
  const { next, toInform, clock } = committee;
  const blocks: KnownBlock[] = [
    section(
      next
        ? `*Prochain comité technique* : ${frenchDateTime(next.scheduledAt, clock.timeZone)} dans <#${next.channelId}> — ${SESSION_STATUS[next.status]}, ${next.agendaPermalink ? `<${next.agendaPermalink}|${next.items} entreprise(s)>` : `${next.items} entreprise(s)`}.`
        : '*Prochain comité technique* : aucune séance planifiée.',
    ),
  ];
  if (toInform.total > 0) {
    blocks.push(section(`:envelope: *${toInform.total} entreprise(s) à informer des décisions du comité*`));
    for (const item of toInform.items.slice(0, 10)) {
      const who = committee.all && item.broughtBy ? ` — <@${item.broughtBy.slackUserId}>` : '';
      blocks.push(
        section(
          `${escapeText(truncate(item.company.name, 150))} — comité du ${frenchDate(item.committee.scheduledAt)}${who}`,
          button('Entreprise informée', COMMITTEE_BUTTONS.informed, item.id),
        ),
      );
    }
    if (toInform.total > 10)
      blocks.push(
        context(committee.all ? '… toutes avec `/comite a-informer`.' : `… et ${toInform.total - 10} autre(s).`),
      );
  }
  blocks.push(divider());
  return blocks;
}

/** The coordination sees each structure's month; a capteur their structure's progress and the targets to visit. */
function programmeBlocks({
  progress,
  today,
  all,
}: NonNullable<Extract<HomeInput, { kind: 'member' }>['programmes']>): KnownBlock[] {
  if (all) {
    const lines = progress
      .slice(0, 25)
      .map(
        (p) =>
          `${p.behindPace ? ':warning:' : ':white_check_mark:'} *${escapeText(truncate(p.structure.name, 80))}* — ${progressBar(p.month.visits, p.month.target)} ce mois-ci · cibles ${p.targets.visited} / ${p.targets.total}`,
      );
    return [
      section(`*Programmes de visites — ${frenchMonth(today)}*`),
      ...(lines.length ? sectionsOf(lines) : [context('Aucun programme fixé cette année : `/plateforme programmes`.')]),
      ...(progress.length > 25 ? [context(`… et ${progress.length - 25} autre(s) : \`/plateforme programmes\`.`)] : []),
      divider(),
    ];
  }
  const mine = progress[0];
  if (!mine) return [];
  return [
    section(
      `*Programme de visites de ${escapeText(truncate(mine.structure.name, 120))}*\n${progressLines(mine, today)}`,
    ),
    ...(mine.targets.notVisited.length
      ? [section('*Entreprises cibles pas encore visitées*'), ...targetsNotVisitedBlocks(mine, 5)]
      : []),
    divider(),
  ];
}
