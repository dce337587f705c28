/** The App Home: what each member sees when they open the app. */
import type { CommitteeStatus } from '../generated/prisma/enums.js';
import { countOf } from './plural.js';

export const HOME_TEXTS = {
  roles: (roles: string, structure: string | null) =>
    `Vos rôles : ${roles || 'aucun'}${structure ? ` — ${structure}` : ''}`,
  alertsMore: (shown: number) => `… les ${shown} plus urgentes ; toutes avec \`/alerte-recrutement liste\`.`,
  capteur: {
    thisMonth: (visits: number) => `*Ce mois-ci* : ${countOf(visits, 'visite déposée', 'visites déposées')}.`,
    newVisit: 'Nouvelle visite',
    recentVisits: '*Vos dernières visites*',
    noVisit: 'Aucune visite pour le moment : cliquez sur « Nouvelle visite » ou tapez /visite.',
    visit: (date: string, company: string, commune: string, flags: string | null) =>
      `*${date}* — ${company} (${commune})${flags ? `\n${flags}` : ''}`,
    showCard: 'Fiche',
  },
  committee: {
    /** A session's stage, inside a sentence. */
    status: {
      planned: 'ordre du jour en préparation',
      agenda_published: 'ordre du jour publié',
      held: 'en séance',
      closed: 'clôturé',
    } satisfies Record<CommitteeStatus, string>,
    companies: (count: number) => countOf(count, 'entreprise', 'entreprises'),
    next: (at: string, channelId: string, status: string, companies: string) =>
      `*Prochain comité technique* : ${at} dans <#${channelId}> — ${status}, ${companies}.`,
    none: '*Prochain comité technique* : aucune séance planifiée.',
    toInform: (count: number) =>
      `:envelope: *${countOf(count, 'entreprise', 'entreprises')} à informer des décisions du comité*`,
    toInformItem: (company: string, committeeDate: string, slackUserId: string | null) =>
      `${company} — comité du ${committeeDate}${slackUserId ? ` — <@${slackUserId}>` : ''}`,
    allToInform: '… toutes avec `/comite a-informer`.',
  },
} as const;
