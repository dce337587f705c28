/** The technical committee: its sessions, agenda, decisions, and the companies to inform. */
import type { CommitteeStatus } from '../generated/prisma/enums.js';
import { PLATFORM_NAME } from './common.js';
import { longFrenchDate, WEEKDAY_NAMES } from './dates.js';
import { countOf, plural } from './plural.js';

/** A session's stage, as a list of sessions says it. */
export const COMMITTEE_STATUS_LABELS: Record<CommitteeStatus, string> = {
  planned: 'Planifié',
  agenda_published: 'Ordre du jour publié',
  held: 'Tenu',
  closed: 'Clôturé',
};

/** How a company was told of the decisions (the « Entreprise informée » form's choices). */
export const INFORMED_HOW_LABELS = {
  email: 'Par e-mail',
  telephone: 'Par téléphone',
  visite: 'Lors d’une visite',
} as const;

/** ISO weekdays, 1 Monday … 5 Friday (committees sit on working days). */

export const COMMITTEE_TEXTS = {
  closeConfirm: {
    title: 'Clôturer le comité ?',
    text: 'Le relevé de décisions sera publié et chaque capteur recevra les décisions à transmettre aux entreprises qu’il a présentées.',
    confirm: 'Clôturer',
  },
  cancelConfirm: {
    title: 'Annuler la séance ?',
    text: 'Ses entreprises reviendront à l’ordre du jour de la séance suivante.',
    confirm: 'Annuler la séance',
  },
  buttons: {
    publish: 'Publier l’ordre du jour',
    editAgenda: 'Modifier l’ordre du jour',
    reschedule: 'Déplacer',
    cancel: 'Annuler la séance',
    close: 'Clôturer le comité',
    plan: 'Planifier une séance',
    informed: 'Entreprise informée',
    createAction: 'Créer une action',
    decision: 'Décision',
    noFollowUp: 'Pas de suite',
    nameCompany: "Nommer l'entreprise",
  },
  /** `/comite`: the coming sessions. */
  list: {
    title: 'Comités techniques',
    heading: '*Comités techniques*',
    none: 'Aucune séance planifiée.',
    agenda: (items: number) => `${countOf(items, 'entreprise', 'entreprises')} à l'ordre du jour`,
    session: (at: string, channelId: string, status: string, agenda: string) =>
      `*${at}* — <#${channelId}> — ${status} — ${agenda}`,
    toInform: (count: number) =>
      `:envelope: ${countOf(count, 'entreprise pas encore informée', 'entreprises pas encore informées')} des décisions du comité : \`/comite a-informer\`.`,
    rhythm: (rhythm: string) => `Séances proposées automatiquement le ${rhythm}.`,
  },
  proposed: {
    text: (at: string) => `Comité technique proposé le ${at}`,
    body: (at: string, channelId: string, items: number) =>
      `:calendar: Prochain comité technique proposé le *${at}* dans <#${channelId}>, selon le rythme habituel. ${countOf(items, 'entreprise', 'entreprises')} à l'ordre du jour pour l'instant.`,
    footer: (agendaDaysBefore: number) =>
      `L'ordre du jour sera publié ${countOf(agendaDaysBefore, 'jour', 'jours')} avant. Pour le modifier, déplacer ou annuler la séance : \`/comite\`.`,
  },
  /** A company whose decisions are still to be passed on. */
  toInformLine: (company: string, commune: string, committeeDate: string, daysAgo: number, who: string | null) =>
    `*${company}* (${commune}) — comité du ${committeeDate}, clôturé il y a ${countOf(daysAgo, 'jour', 'jours')}${who ? ` — ${who}` : ''}`,
  /** Who brought it: « <@U…> (CCI du Cher) ». */
  broughtBy: (slackUserId: string, structure: string | null) =>
    `<@${slackUserId}>${structure ? ` (${structure})` : ''}`,
  informReminder: {
    text: (count: number) =>
      `${countOf(count, 'entreprise', 'entreprises')} à informer des décisions du comité technique`,
    body: (count: number) =>
      `:envelope: *${count < 2 ? `${count} entreprise que vous avez présentée au comité technique attend` : `${count} entreprises que vous avez présentées au comité technique attendent`} encore ses décisions.* Le texte prêt à envoyer est dans le message reçu à la clôture du comité.`,
  },
  toInform: {
    text: 'Entreprises à informer des décisions du comité',
    heading: (count: number) => `*Entreprises pas encore informées des décisions du comité (${count})*`,
    allInformed: 'Toutes les entreprises examinées ont été informées.',
    reminders: (count: number) => ` — ${countOf(count, 'rappel', 'rappels')}`,
    oldestOnly: (shown: number, total: number) => `… les ${shown} plus anciennes sur ${total}.`,
  },
  agendaHeader: {
    text: (at: string) => `Ordre du jour du comité technique du ${at}`,
    title: (at: string) => `Comité technique du ${at}`,
    companies: (count: number, list: string) =>
      `*Ordre du jour — ${countOf(count, 'entreprise', 'entreprises')}*\n${list || '_Aucune entreprise pour cette séance._'}`,
    reviewLine: (title: string, company: string, structure: string, status: string, due: string) =>
      `• ${title} — ${company} — ${structure} — ${status}, échéance ${due}`,
    review: (total: number, lines: string) =>
      `*Actions à faire le point — ${countOf(total, 'échue', 'échues')} d'ici la séance ou ${plural(total, 'bloquée', 'bloquées')}*\n${lines}`,
    moreActions: (count: number) =>
      `… et ${countOf(count, 'autre', 'autres')} : chaque action a son message dans ce canal.`,
    footer:
      'Chaque entreprise suit dans son propre message, avec le premier diagnostic des capteurs : merci de les lire avant la séance, et de mettre à jour vos actions (`/actions`).',
  },
  agendaItem: {
    text: (rank: number, company: string) => `Ordre du jour ${rank} : ${company}`,
    visit: (date: string, slackUserId: string, structure: string | null) =>
      `*Visite du ${date}* — <@${slackUserId}>${structure ? ` (${structure})` : ''}`,
    stakes: (stakes: string) => `*Enjeux* : ${stakes}`,
    needs: (needs: string) => `*Besoins* : ${needs}`,
    diagnostic: (diagnostic: string) => `*Premier diagnostic* : ${diagnostic}`,
    visitNotShared: (date: string, structure: string | null) =>
      `*Visite du ${date}*${structure ? ` — ${structure}` : ''} : contenu non partagé (l'entreprise n'a pas donné son accord).`,
    decision: (decision: string) => `:white_check_mark: *Décision* : ${decision}`,
    noFollowUp: ':heavy_minus_sign: *Pas de suite*',
    action: (title: string, structure: string, status: string, due: string) =>
      `• *Action* : ${title} — ${structure} — ${status}, échéance ${due}`,
    informed: (date: string) => `:envelope: Entreprise informée le ${date}`,
    nameConfirm: {
      title: "Nommer l'entreprise ?",
      text: "Son nom sera affiché dans ce canal. À faire seulement si l'entreprise l'accepte (réservé à la coordination).",
      confirm: 'Nommer',
    },
    hidden:
      ":see_no_evil: L'entreprise n'a pas donné son accord pour être nommée aux partenaires : seule la coordination connaît son nom.",
    activity: (nafCode: string, label: string | null) => `*Activité*\n${nafCode} — ${label ?? 'code inconnu'}`,
    headcount: (band: string) => `*Effectif*\n${band}`,
    broughtBy: (who: string | null) => `*Apportée par*\n${who ?? '—'}`,
    redFlags: (flags: string[]) => `*Signaux d'alerte*\n${flags.length ? `:warning: ${flags.join(' · ')}` : 'Aucun'}`,
    olderVisits: (count: number) =>
      `… et ${countOf(count, 'visite plus ancienne', 'visites plus anciennes')} : voir la fiche entreprise.`,
    /** « Nommer l'entreprise », once clicked. */
    named: ":white_check_mark: L'entreprise est désormais nommée dans le canal du comité.",
    alreadyNamed: "L'entreprise était déjà nommée.",
  },
  /** What the coordination is told once a session's button did its work. */
  session: {
    published: (items: number) =>
      `:white_check_mark: Ordre du jour publié : ${countOf(items, 'entreprise', 'entreprises')}.`,
    alreadyPublished: "L'ordre du jour de cette séance est déjà publié.",
    cancelled: ':wastebasket: Séance annulée : ses entreprises iront à l’ordre du jour de la séance suivante.',
    closed: ':lock: Comité clôturé : relevé de décisions publié, capteurs prévenus.',
    alreadyClosed: 'Ce comité est déjà clôturé.',
  },
  summary: {
    decision: (decision: string) => `Décision : ${decision}`,
    action: (title: string, structure: string, slackUserId: string | null, due: string) =>
      `• ${title} — ${structure}${slackUserId ? ` (<@${slackUserId}>)` : ''}, échéance ${due}`,
    noFollowUp: 'Pas de suite.',
    notExamined: '_Non examinée._',
    text: (at: string) => `Relevé de décisions du comité technique du ${at}`,
    title: (date: string) => `Relevé de décisions — comité du ${date}`,
    footer: 'Chaque capteur a reçu les décisions à transmettre aux entreprises qu’il a présentées.',
  },
  /** The letter a capteur sends the company: what the committee decided for it. */
  decisionsForCompany: (d: {
    company: string;
    committeeDate: string;
    decision: string | null;
    actions: { title: string; structure: string; due: string }[];
    noFollowUp: boolean;
  }) =>
    [
      'Madame, Monsieur,',
      '',
      `Suite à notre échange, la situation de ${d.company} a été examinée par le comité technique de la ${PLATFORM_NAME} le ${d.committeeDate}.`,
      '',
      ...(d.decision ? [`Le comité a décidé : ${d.decision}`, ''] : []),
      ...(d.actions.length
        ? [
            'Les partenaires de la plateforme vont engager les actions suivantes :',
            d.actions.map((a) => `- ${a.title} (par ${a.structure}, d'ici le ${a.due})`).join('\n'),
            '',
          ]
        : []),
      ...(d.noFollowUp && !d.decision && !d.actions.length
        ? ["Le comité n'a pas retenu d'action particulière pour le moment ; nous restons à votre disposition.", '']
        : []),
      'Je reste votre interlocuteur pour la suite.',
      '',
      'Bien cordialement,',
    ].join('\n'),
  informCompany: {
    text: (company: string) => `Décisions du comité à transmettre à ${company}`,
    intro: (committeeDate: string, company: string) =>
      `Le comité technique du ${committeeDate} a examiné *${company}*, que vous avez présentée. Voici un texte prêt à lui envoyer :`,
    informed: (how: string | null, date: string) => `Entreprise informée ${how ?? ''} le ${date}.`,
  },
  /** How it was told, inside a sentence: « informée par e-mail le … ». */
  informedHow: { email: 'par e-mail', telephone: 'par téléphone', visite: 'lors d’une visite' },
  reminder: {
    text: (at: string) => `Comité technique le ${at} : ordre du jour à lire`,
    body: (at: string, items: number, channelId: string, agendaPermalink: string | null) =>
      `:calendar: Comité technique le *${at}* : ${countOf(items, 'entreprise', 'entreprises')} à l'ordre du jour, à lire dans <#${channelId}> avec les premiers diagnostics.${agendaPermalink ? ` <${agendaPermalink}|Ouvrir l'ordre du jour>` : ''}`,
    actionLine: (title: string, company: string, status: string, due: string) =>
      `• ${title} — ${company} — ${status}, échéance ${due}`,
    actions: (count: number, lines: string) =>
      `*Les actions de votre structure à mettre à jour avant la séance (${count})*\n${lines}`,
    noActions: "Votre structure n'a pas d'action en cours à mettre à jour.",
  },
  /** Planning (or moving) a session. */
  planModal: {
    title: (moving: boolean) => (moving ? 'Déplacer la séance' : 'Planifier un comité'),
    submit: (moving: boolean) => (moving ? 'Déplacer' : 'Planifier'),
    scheduledAt: 'Date et heure',
    channel: 'Canal du comité',
    footer:
      "L'ordre du jour réunit les entreprises dont une visite est marquée « prochain comité ». Invitez l'application dans le canal pour qu'elle puisse y publier.",
    planned: {
      title: 'Comité planifié',
      text: (at: string, channelId: string, items: number, agendaDaysBefore: number) =>
        `:white_check_mark: Comité du *${at}* planifié dans <#${channelId}>. ${countOf(items, 'entreprise', 'entreprises')} à l'ordre du jour pour l'instant ; il sera publié ${countOf(agendaDaysBefore, 'jour', 'jours')} avant.`,
    },
    /** Asked when the date is a public holiday or a weekend day: « Le 11 novembre 2026 est un jour férié (Armistice 1918). Planifier quand même ? » */
    offDay: (date: string, weekday: number, holiday: string | null, moving: boolean) =>
      `Le ${longFrenchDate(date)} est ${
        holiday === null ? `un ${WEEKDAY_NAMES[weekday]}` : `un jour férié${holiday ? ` (${holiday})` : ''}`
      }. ${moving ? 'Déplacer' : 'Planifier'} quand même ?`,
    confirmOffDay: 'Confirmer cette date',
    /** Submitted again on the same day without ticking the box. */
    offDayUnconfirmed: (question: string) =>
      `${question} Cochez « Confirmer cette date », ou choisissez un autre jour.`,
    moved: {
      title: 'Séance déplacée',
      text: (at: string, channelId: string) => `:white_check_mark: Comité déplacé au *${at}* dans <#${channelId}>.`,
    },
  },
  decisionModal: {
    title: 'Décision du comité',
    decision: 'Décision',
    footer: "Elle sera transmise à l'entreprise par le capteur qui l'a présentée.",
    saved: { title: 'Décision enregistrée', text: ':white_check_mark: Décision enregistrée sur l’ordre du jour.' },
  },
  informedModal: {
    title: 'Entreprise informée',
    how: 'Comment',
    on: 'Quand',
    saved: {
      title: 'Entreprise informée',
      text: ':white_check_mark: C’est noté : l’entreprise est informée des décisions du comité.',
    },
  },
  agendaEditModal: {
    title: 'Ordre du jour',
    context: (at: string, count: number) =>
      `Comité du *${at}* — ${countOf(count, 'entreprise', 'entreprises')} à l'ordre du jour.`,
    keep: 'Entreprises à l’ordre du jour',
    keepHint: 'Retirez une entreprise pour la reporter : ses visites iront à la séance suivante.',
    add: 'Ajouter des entreprises',
    addHint: 'Avec leurs visites qui ne sont pas encore passées en comité.',
    notListed: (count: number, max: number) =>
      `Les ${count} dernières entreprises restent à l'ordre du jour (${max} au plus dans cette liste).`,
    saved: {
      title: 'Ordre du jour',
      text: (added: number, removed: number, count: number) =>
        `:white_check_mark: Ordre du jour modifié : ${countOf(added, 'entreprise ajoutée', 'entreprises ajoutées')}, ${countOf(removed, 'retirée', 'retirées')} — ${count} à l'ordre du jour.`,
    },
  },
  /** A company that did not agree to be named to the partners, as the committee channel shows it. */
  anonymousCompany: (sector: string, band: string | null, commune: string) =>
    `Entreprise non nommée — ${sector.toLowerCase()}, ${band ?? 'effectif inconnu'}, ${commune}`,
  /** The committee's default rhythm: « 2e mardi du mois à 14 h 00 » (ordinal -1: the last). */
  rhythm: (ordinal: number, weekday: number, time: string) =>
    `${ordinal === -1 ? 'dernier' : ordinal === 1 ? '1er' : `${ordinal}e`} ${WEEKDAY_NAMES[weekday]} du mois à ${time.replace(':', ' h ')}`,
  /** An agenda's company as an option: « 1. Dupont (Vierzon) ». */
  agendaOption: (rank: number, company: string, commune: string) => `${rank}. ${company} (${commune})`,
} as const;
