import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import type {
  ActionsForReview,
  AgendaItemDetails,
  CommitteeDetails,
  CommitteeSummary,
  CommitteeSummaryDetails,
} from '../../services/committees/committees.js';
import type { CompaniesToInform } from '../../services/committees/informing.js';
import { COMMITTEE_BUTTONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, RED_FLAG_LABELS } from '../../texts/fr.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import { actions, button, context, escapeText as esc, fields, header, section, truncate } from '../blocks.js';
import type { Clock } from './alert.js';
import { stakesLine } from './visit.js';

const STATUS = {
  planned: 'Planifié',
  agenda_published: 'Ordre du jour publié',
  held: 'Tenu',
  closed: 'Clôturé',
} as const;

const CLOSE_CONFIRM = {
  title: { type: 'plain_text' as const, text: 'Clôturer le comité ?' },
  text: {
    type: 'mrkdwn' as const,
    text: 'Le relevé de décisions sera publié et chaque capteur recevra les décisions à transmettre aux entreprises qu’il a présentées.',
  },
  confirm: { type: 'plain_text' as const, text: 'Clôturer' },
  deny: { type: 'plain_text' as const, text: 'Retour' },
};

const CANCEL_CONFIRM = {
  title: { type: 'plain_text' as const, text: 'Annuler la séance ?' },
  text: { type: 'mrkdwn' as const, text: 'Ses entreprises reviendront à l’ordre du jour de la séance suivante.' },
  confirm: { type: 'plain_text' as const, text: 'Annuler la séance' },
  deny: { type: 'plain_text' as const, text: 'Retour' },
  style: 'danger' as const,
};

/** What the coordination can do with a session at its stage. */
function sessionButtons(c: CommitteeSummary) {
  if (c.status === 'planned') {
    return [
      button('Publier l’ordre du jour', COMMITTEE_BUTTONS.publish, c.id, 'primary'),
      button('Modifier l’ordre du jour', COMMITTEE_BUTTONS.editAgenda, c.id),
      button('Déplacer', COMMITTEE_BUTTONS.reschedule, c.id),
      { ...button('Annuler la séance', COMMITTEE_BUTTONS.cancel, c.id), confirm: CANCEL_CONFIRM },
    ];
  }
  if (c.status === 'agenda_published' || c.status === 'held')
    return [{ ...button('Clôturer le comité', COMMITTEE_BUTTONS.close, c.id), confirm: CLOSE_CONFIRM }];
  return [];
}

/**
 * `/comite`: the coming sessions; for the coordination, each session's next steps and the
 * companies still to inform of past decisions.
 */
export function committeesMessage(
  list: CommitteeSummary[],
  clock: Clock,
  options: { canRun: boolean; toInform?: number; rhythm?: string | undefined },
) {
  const blocks: KnownBlock[] = [section('*Comités techniques*')];
  if (list.length === 0) blocks.push(context('Aucune séance planifiée.'));
  for (const c of list) {
    const agenda = c.agendaPermalink
      ? `<${c.agendaPermalink}|${c._count.items} entreprise(s) à l'ordre du jour>`
      : `${c._count.items} entreprise(s) à l'ordre du jour`;
    blocks.push(
      section(
        `*${frenchDateTime(c.scheduledAt, clock.timeZone)}* — <#${c.channelId}> — ${STATUS[c.status]} — ${agenda}`,
      ),
    );
    const next = options.canRun ? sessionButtons(c) : [];
    if (next.length) blocks.push(actions(`committee_${c.id}`, next));
  }
  if (options.canRun) {
    if (options.toInform)
      blocks.push(
        context(
          `:envelope: ${options.toInform} entreprise(s) pas encore informée(s) des décisions du comité : \`/comite a-informer\`.`,
        ),
      );
    if (options.rhythm) blocks.push(context(`Séances proposées automatiquement le ${options.rhythm}.`));
    blocks.push(
      actions('committee_actions', [button('Planifier une séance', COMMITTEE_BUTTONS.plan, undefined, 'primary')]),
    );
  }
  return { text: 'Comités techniques', blocks };
}

/** To each coordinator: the rhythm proposed the next session; move it, edit it or cancel it in /comite. */
export function committeeProposedMessage(committee: CommitteeDetails, clock: Clock, agendaDaysBefore: number) {
  return {
    text: `Comité technique proposé le ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`,
    blocks: [
      section(
        `:calendar: Prochain comité technique proposé le *${frenchDateTime(committee.scheduledAt, clock.timeZone)}* dans <#${committee.channelId}>, selon le rythme habituel. ${committee.items.length} entreprise(s) à l'ordre du jour pour l'instant.`,
      ),
      context(
        `L'ordre du jour sera publié ${agendaDaysBefore} jour(s) avant. Pour le modifier, déplacer ou annuler la séance : \`/comite\`.`,
      ),
    ],
  };
}

type ToInform = CompaniesToInform['items'][number];

function toInformLine(item: ToInform, clock: Clock, withCapteur: boolean) {
  const days = item.committee.closedAt
    ? Math.floor((clock.now.getTime() - item.committee.closedAt.getTime()) / 86_400_000)
    : 0;
  const who =
    withCapteur && item.broughtBy
      ? ` — <@${item.broughtBy.slackUserId}>${item.broughtBy.structure ? ` (${esc(item.broughtBy.structure.name)})` : ''}`
      : '';
  return `*${esc(truncate(item.company.name, 150))}* (${esc(item.company.commune)}) — comité du ${frenchDate(item.committee.scheduledAt)}, clôturé il y a ${days} jour(s)${who}`;
}

/** To a capteur: the companies they brought that are still to be told of the decisions. */
export function informReminderMessage(list: CompaniesToInform, clock: Clock) {
  return {
    text: `${list.total} entreprise(s) à informer des décisions du comité technique`,
    blocks: [
      section(
        `:envelope: *${list.total} entreprise(s) que vous avez présentée(s) au comité technique attend(ent) encore ses décisions.* Le texte prêt à envoyer est dans le message reçu à la clôture du comité.`,
      ),
      ...list.items
        .slice(0, 20)
        .map((item) =>
          section(
            toInformLine(item, clock, false),
            button('Entreprise informée', COMMITTEE_BUTTONS.informed, item.id, 'primary'),
          ),
        ),
      ...(list.total > 20 ? [context(`… et ${list.total - 20} autre(s).`)] : []),
    ],
  };
}

/** `/comite a-informer`, for the coordination: every company not yet informed, with who should. */
export function companiesToInformMessage(list: CompaniesToInform, clock: Clock) {
  return {
    text: 'Entreprises à informer des décisions du comité',
    blocks: [
      section(`*Entreprises pas encore informées des décisions du comité (${list.total})*`),
      ...(list.total === 0 ? [context('Toutes les entreprises examinées ont été informées.')] : []),
      ...list.items
        .slice(0, 40)
        .map((item) =>
          section(
            `${toInformLine(item, clock, true)}${item.informReminders ? ` — ${item.informReminders} rappel(s)` : ''}`,
            button('Entreprise informée', COMMITTEE_BUTTONS.informed, item.id),
          ),
        ),
      ...(list.total > 40 ? [context(`… les 40 plus anciennes sur ${list.total}.`)] : []),
    ],
  };
}

/**
 * The agenda's header, posted in the committee channel before the items: the companies, then
 * the open actions to review (due by the session, or blocked).
 */
/** A session as the channel shows it: a company without consent by its label (services/committees/consent.ts). */
type CommitteeShown = Omit<CommitteeDetails, 'items'> & {
  items: (CommitteeDetails['items'][number] & { companyHidden?: boolean })[];
};

export function agendaHeaderMessage(committee: CommitteeShown, review: ActionsForReview, clock: Clock) {
  // A company shown without its name: its label already says its commune.
  const list = committee.items
    .map(
      (i) => `${i.rank}. ${esc(truncate(i.company.name, 120))}${i.companyHidden ? '' : ` (${esc(i.company.commune)})`}`,
    )
    .join('\n');
  const reviewLines = review.actions.map(
    (a) =>
      `• ${esc(truncate(a.title, 120))} — ${esc(truncate(a.company.name, 80))} — ${esc(a.ownerStructure.name)} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
  );
  return {
    text: `Ordre du jour du comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`,
    blocks: [
      header(`Comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`),
      section(
        truncate(
          `*Ordre du jour — ${committee.items.length} entreprise(s)*\n${list || '_Aucune entreprise pour cette séance._'}`,
          3000,
        ),
      ),
      ...(review.actions.length
        ? [
            section(
              truncate(
                `*Actions à faire le point — ${review.total} échue(s) d'ici la séance ou bloquée(s)*\n${reviewLines.join('\n')}`,
                3000,
              ),
            ),
            ...(review.total > review.actions.length
              ? [
                  context(
                    `… et ${review.total - review.actions.length} autre(s) : chaque action a son message dans ce canal.`,
                  ),
                ]
              : []),
          ]
        : []),
      context(
        'Chaque entreprise suit dans son propre message, avec le premier diagnostic des capteurs : merci de les lire avant la séance, et de mettre à jour vos actions (`/actions`).',
      ),
    ],
  };
}

/**
 * One company on the agenda: identity, who brought it, and for each visit its stakes, needs,
 * first diagnostic and red flags — the content of a visit the company did not agree to share
 * stays out of the channel.
 */
export function agendaItemMessage(item: AgendaItemDetails & { companyHidden?: boolean }) {
  const c = item.company;
  const naf = findNafSubclass(c.nafCode);
  const band = findHeadcountBand(c.headcountBand);
  const visits = item.visits.map((v) => v.visit).sort((a, b) => b.visitDate.getTime() - a.visitDate.getTime());
  const flags = [
    ...new Set(visits.filter((v) => v.consentToShare).flatMap((v) => v.redFlags.map((f) => RED_FLAG_LABELS[f.flag]))),
  ];
  const visitBlocks = visits
    .slice(0, 5)
    .map((v) =>
      v.consentToShare
        ? section(
            truncate(
              [
                `*Visite du ${frenchDate(v.visitDate)}* — <@${v.capteur.slackUserId}>${v.structure ? ` (${esc(v.structure.name)})` : ''}`,
                `*Enjeux* : ${stakesLine(v.stakes)}`,
                `*Besoins* : ${esc(truncate(v.needs, 700))}`,
                `*Premier diagnostic* : ${esc(truncate(v.diagnostic, 1200))}`,
              ].join('\n'),
              3000,
            ),
          )
        : context(
            `*Visite du ${frenchDate(v.visitDate)}*${v.structure ? ` — ${esc(v.structure.name)}` : ''} : contenu non partagé (l'entreprise n'a pas donné son accord).`,
          ),
    );
  const outcome = [
    ...(item.decision ? [`:white_check_mark: *Décision* : ${esc(truncate(item.decision, 1500))}`] : []),
    ...(item.noFollowUp ? [':heavy_minus_sign: *Pas de suite*'] : []),
    ...item.actions.map(
      (a) =>
        `• *Action* : ${esc(truncate(a.title, 150))} — ${esc(a.ownerStructure.name)} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
    ),
    ...(item.informedAt ? [`:envelope: Entreprise informée le ${frenchDate(item.informedAt)}`] : []),
  ];
  const inMeeting = item.committee.status === 'agenda_published' || item.committee.status === 'held';
  const nameButton = {
    ...button("Nommer l'entreprise", COMMITTEE_BUTTONS.itemNameCompany, item.id),
    confirm: {
      title: { type: 'plain_text' as const, text: "Nommer l'entreprise ?" },
      text: {
        type: 'mrkdwn' as const,
        text: "Son nom sera affiché dans ce canal. À faire seulement si l'entreprise l'accepte (réservé à la coordination).",
      },
      confirm: { type: 'plain_text' as const, text: 'Nommer' },
      deny: { type: 'plain_text' as const, text: 'Annuler' },
    },
  };
  const hidden = item.companyHidden
    ? [
        context(
          ":see_no_evil: L'entreprise n'a pas donné son accord pour être nommée aux partenaires : seule la coordination connaît son nom.",
        ),
        actions('agenda_item_naming', [nameButton]),
      ]
    : [];
  return {
    text: `Ordre du jour ${item.rank} : ${esc(c.name)}`,
    blocks: [
      section(`*${item.rank}. ${esc(truncate(c.name, 200))}*${item.companyHidden ? '' : ` — ${esc(c.commune)}`}`),
      fields([
        `*Activité*\n${c.nafCode} — ${naf?.label ?? 'code inconnu'}`,
        `*Effectif*\n${band ? shortBandLabel(band) : c.headcountBand}`,
        `*Apportée par*\n${item.broughtBy ? `<@${item.broughtBy.slackUserId}>${item.broughtBy.structure ? ` (${esc(item.broughtBy.structure.name)})` : ''}` : '—'}`,
        `*Signaux d'alerte*\n${flags.length ? `:warning: ${flags.join(' · ')}` : 'Aucun'}`,
      ]),
      ...visitBlocks,
      ...hidden,
      ...(visits.length > 5
        ? [context(`… et ${visits.length - 5} visite(s) plus ancienne(s) : voir la fiche entreprise.`)]
        : []),
      ...(outcome.length ? [section(truncate(outcome.join('\n'), 3000))] : []),
      ...(inMeeting
        ? [
            actions('agenda_item_buttons', [
              button('Créer une action', COMMITTEE_BUTTONS.itemAction, item.id, 'primary'),
              button('Décision', COMMITTEE_BUTTONS.itemDecision, item.id),
              button('Pas de suite', COMMITTEE_BUTTONS.itemNoFollowUp, item.id),
            ]),
          ]
        : []),
    ],
  };
}

const HOW = { email: 'par e-mail', telephone: 'par téléphone', visite: 'lors d’une visite' } as const;

/** Decisions, actions and items without follow-up: the summary posted when a session closes. */
export function committeeSummaryMessage(committee: CommitteeSummaryDetails, clock: Clock) {
  const lines = committee.items.map((item) => {
    const parts = [
      `*${item.rank}. ${esc(truncate(item.company.name, 150))}*`,
      ...(item.decision ? [`Décision : ${esc(truncate(item.decision, 600))}`] : []),
      ...item.actions.map(
        (a) =>
          `• ${esc(truncate(a.title, 150))} — ${esc(a.ownerStructure.name)}${a.ownerMember ? ` (<@${a.ownerMember.slackUserId}>)` : ''}, échéance ${frenchDate(a.dueDate)}`,
      ),
      ...(item.noFollowUp ? ['Pas de suite.'] : []),
      ...(!item.decision && !item.noFollowUp && item.actions.length === 0 ? ['_Non examinée._'] : []),
    ];
    return parts.join('\n');
  });
  // Items grouped into sections of at most 3000 characters, within the message's 50 blocks.
  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + line.length + 2 <= 3000)
      sections[sections.length - 1] = `${last}\n\n${line}`;
    else sections.push(truncate(line, 3000));
  }
  return {
    text: `Relevé de décisions du comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`,
    blocks: [
      header(`Relevé de décisions — comité du ${frenchDate(committee.scheduledAt)}`),
      ...sections.slice(0, 45).map((text) => section(text)),
      context('Chaque capteur a reçu les décisions à transmettre aux entreprises qu’il a présentées.'),
    ],
  };
}

/** The French text a capteur sends the company: what the committee decided for it. */
export function decisionsForCompany(item: AgendaItemDetails): string {
  const actionsText = item.actions
    .map((a) => `- ${a.title} (par ${a.ownerStructure.name}, d'ici le ${frenchDate(a.dueDate)})`)
    .join('\n');
  return [
    'Madame, Monsieur,',
    '',
    `Suite à notre échange, la situation de ${item.company.name} a été examinée par le comité technique de la Plateforme Emploi – Mutations Économiques le ${frenchDate(item.committee.scheduledAt)}.`,
    '',
    ...(item.decision ? [`Le comité a décidé : ${item.decision}`, ''] : []),
    ...(item.actions.length
      ? ['Les partenaires de la plateforme vont engager les actions suivantes :', actionsText, '']
      : []),
    ...(item.noFollowUp && !item.decision && !item.actions.length
      ? ["Le comité n'a pas retenu d'action particulière pour le moment ; nous restons à votre disposition.", '']
      : []),
    'Je reste votre interlocuteur pour la suite.',
    '',
    'Bien cordialement,',
  ].join('\n');
}

const CODE_FENCE = '```';

/** To the capteur who brought the company: the decisions to pass on, and « Entreprise informée ». */
export function informCompanyMessage(item: AgendaItemDetails) {
  // A fence typed by someone would close the code block early.
  const body = esc(decisionsForCompany(item).split(CODE_FENCE).join("'''"));
  return {
    text: `Décisions du comité à transmettre à ${esc(item.company.name)}`,
    blocks: [
      section(
        `Le comité technique du ${frenchDate(item.committee.scheduledAt)} a examiné *${esc(truncate(item.company.name, 200))}*, que vous avez présentée. Voici un texte prêt à lui envoyer :`,
      ),
      section(`${CODE_FENCE}${truncate(body, 2990)}${CODE_FENCE}`),
      ...(item.informedAt
        ? [
            context(
              `Entreprise informée ${HOW[item.informedHow as keyof typeof HOW] ?? ''} le ${frenchDate(item.informedAt)}.`,
            ),
          ]
        : [actions('inform_buttons', [button('Entreprise informée', COMMITTEE_BUTTONS.informed, item.id, 'primary')])]),
    ],
  };
}

type ActionToUpdate = {
  title: string;
  status: keyof typeof ACTION_STATUS_LABELS;
  dueDate: Date;
  company: { name: string };
};

/** J-2, to a committee member: the session, its agenda in the channel, and their structure's actions to update. */
export function committeeReminderMessage(committee: CommitteeDetails, actionsToUpdate: ActionToUpdate[], clock: Clock) {
  const lines = actionsToUpdate
    .slice(0, 15)
    .map(
      (a) =>
        `• ${esc(truncate(a.title, 150))} — ${esc(truncate(a.company.name, 100))} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
    );
  return {
    text: `Comité technique le ${frenchDateTime(committee.scheduledAt, clock.timeZone)} : ordre du jour à lire`,
    blocks: [
      section(
        `:calendar: Comité technique le *${frenchDateTime(committee.scheduledAt, clock.timeZone)}* : ${committee.items.length} entreprise(s) à l'ordre du jour, à lire dans <#${committee.channelId}> avec les premiers diagnostics.${committee.agendaPermalink ? ` <${committee.agendaPermalink}|Ouvrir l'ordre du jour>` : ''}`,
      ),
      section(
        truncate(
          lines.length
            ? `*Les actions de votre structure à mettre à jour avant la séance (${actionsToUpdate.length})*\n${lines.join('\n')}`
            : "Votre structure n'a pas d'action en cours à mettre à jour.",
          3000,
        ),
      ),
      context('Mettez-les à jour avec `/actions`.'),
    ],
  };
}
