import type { KnownBlock, View } from '@slack/types';
import type { RedFlag, Role } from '../../generated/prisma/enums.js';
import { ACTIONS } from '../../slack/ids.js';
import { HELP, REFUSALS, ROLE_LABELS } from '../../texts/fr.js';
import { frenchDate } from '../../time.js';
import { actions, button, context, divider, escapeText, header, section } from '../blocks.js';
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
      ...(home.coordination.openAlerts.length > 15 ? [context('… les 15 plus urgentes ; toutes avec `/alerte-recrutement liste`.')] : []),
      divider(),
    );
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
