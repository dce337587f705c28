import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import type { AgendaItemDetails, CommitteeDetails, CommitteeSummary } from '../../services/committees/committees.js';
import { COMMITTEE_BUTTONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS, RED_FLAG_LABELS } from '../../texts/fr.js';
import { frenchDate, frenchDateTime } from '../../time.js';
import { actions, button, context, escapeText as esc, fields, header, section, truncate } from '../blocks.js';
import type { Clock } from './alert.js';
import { stakesLine } from './visit.js';

const STATUS = { planned: 'Planifié', agenda_published: 'Ordre du jour publié', held: 'Tenu', closed: 'Clôturé' } as const;

/** `/comite`: the coming sessions, with « Publier l'ordre du jour » for the coordination. */
export function committeesMessage(list: CommitteeSummary[], clock: Clock, options: { canRun: boolean }) {
  const blocks: KnownBlock[] = [section('*Comités techniques*')];
  if (list.length === 0) blocks.push(context('Aucune séance planifiée.'));
  for (const c of list) {
    const line = `*${frenchDateTime(c.scheduledAt, clock.timeZone)}* — <#${c.channelId}> — ${STATUS[c.status]} — ${c._count.items} entreprise(s) à l'ordre du jour`;
    blocks.push(section(line, options.canRun && c.status === 'planned' ? button('Publier l’ordre du jour', COMMITTEE_BUTTONS.publish, c.id) : undefined));
  }
  if (options.canRun) blocks.push(actions('committee_actions', [button('Planifier une séance', COMMITTEE_BUTTONS.plan, undefined, 'primary')]));
  return { text: 'Comités techniques', blocks };
}

/** The agenda's header, posted in the committee channel before the items. */
export function agendaHeaderMessage(committee: CommitteeDetails, clock: Clock) {
  const list = committee.items.map((i) => `${i.rank}. ${esc(i.company.name)} (${esc(i.company.commune)})`).join('\n');
  return {
    text: `Ordre du jour du comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`,
    blocks: [
      header(`Comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`),
      section(truncate(`*Ordre du jour — ${committee.items.length} entreprise(s)*\n${list || '_Aucune entreprise pour cette séance._'}`, 3000)),
      context('Chaque entreprise suit dans son propre message, avec le premier diagnostic des capteurs : merci de les lire avant la séance.'),
    ],
  };
}

/**
 * One company on the agenda: identity, who brought it, and for each visit its stakes, needs,
 * first diagnostic and red flags — the content of a visit the company did not agree to share
 * stays out of the channel.
 */
export function agendaItemMessage(item: AgendaItemDetails) {
  const c = item.company;
  const naf = findNafSubclass(c.nafCode);
  const band = findHeadcountBand(c.headcountBand);
  const visits = item.visits.map((v) => v.visit).sort((a, b) => b.visitDate.getTime() - a.visitDate.getTime());
  const flags = [...new Set(visits.filter((v) => v.consentToShare).flatMap((v) => v.redFlags.map((f) => RED_FLAG_LABELS[f.flag])))];
  const visitBlocks = visits.slice(0, 5).map((v) =>
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
      : context(`*Visite du ${frenchDate(v.visitDate)}*${v.structure ? ` — ${esc(v.structure.name)}` : ''} : contenu non partagé (l'entreprise n'a pas donné son accord).`),
  );
  const outcome = [
    ...(item.decision ? [`:white_check_mark: *Décision* : ${esc(truncate(item.decision, 1500))}`] : []),
    ...(item.noFollowUp ? [':heavy_minus_sign: *Pas de suite*'] : []),
    ...item.actions.map((a) => `• *Action* : ${esc(truncate(a.title, 150))} — ${esc(a.ownerStructure.name)} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`),
  ];
  const inMeeting = item.committee.status === 'agenda_published' || item.committee.status === 'held';
  return {
    text: `Ordre du jour ${item.rank} : ${esc(c.name)}`,
    blocks: [
      section(`*${item.rank}. ${esc(truncate(c.name, 200))}* — ${esc(c.commune)}`),
      fields([
        `*Activité*\n${c.nafCode} — ${naf?.label ?? 'code inconnu'}`,
        `*Effectif*\n${band ? shortBandLabel(band) : c.headcountBand}`,
        `*Apportée par*\n${item.broughtBy ? `<@${item.broughtBy.slackUserId}>${item.broughtBy.structure ? ` (${esc(item.broughtBy.structure.name)})` : ''}` : '—'}`,
        `*Signaux d'alerte*\n${flags.length ? `:warning: ${flags.join(' · ')}` : 'Aucun'}`,
      ]),
      ...visitBlocks,
      ...(visits.length > 5 ? [context(`… et ${visits.length - 5} visite(s) plus ancienne(s) : voir la fiche entreprise.`)] : []),
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
