import type { KnownBlock } from '@slack/types';
import { findHeadcountBand, shortBandLabel } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import { formatSiret } from '../../reference/siret.js';
import { SECTOR_FAMILY_LABELS } from '../../reference/sector-family.js';
import type { CompanyCard, CompanySummary } from '../../services/companies.js';
import { ACTION_BUTTONS, ACTIONS } from '../../slack/ids.js';
import { ACTION_STATUS_LABELS } from '../../texts/action.js';
import { COMPANY_TEXTS } from '../../texts/company.js';
import { CHANNEL_LABELS, RED_FLAG_LABELS } from '../../texts/visit.js';
import { frenchDate } from '../../time.js';
import {
  escapeAndCut,
  actions,
  button,
  context,
  divider,
  escapeText,
  fields,
  header,
  section,
  truncate,
} from '../blocks.js';
import { redFlagsLine, stakesLine } from './visit.js';

const T = COMPANY_TEXTS.card;

/** Visits shown in full on a card; older ones are counted. Keeps the message under 50 blocks. */
export const CARD_VISITS = 8;

export function companyCardMessage(card: CompanyCard, options: { canFileVisit: boolean; canCreateActions?: boolean }) {
  if (card.erasedAt) return erasedCompanyCard(card.erasedAt);
  const naf = findNafSubclass(card.nafCode);
  const band = findHeadcountBand(card.headcountBand);
  const identity = [
    T.siret(card.siret ? formatSiret(card.siret) : null),
    T.activity(card.nafCode, naf?.label ?? null),
    T.headcount(band ? shortBandLabel(band) : card.headcountBand),
    T.commune(escapeText(card.commune), card.postalCode),
    T.sector(SECTOR_FAMILY_LABELS[card.sectorFamily]),
    T.visitCount(card.visitCount),
  ];
  const flags = card.redFlags.length
    ? T.redFlags(card.redFlags.map((f) => RED_FLAG_LABELS[f]).join(' · '))
    : card.visits.some((v) => v.shared)
      ? T.noRedFlag
      : card.visits.length
        ? T.redFlagsNotShared
        : T.notVisited;

  const visitBlocks: KnownBlock[] = card.visits.slice(0, CARD_VISITS).flatMap((visit): KnownBlock[] => {
    const who = escapeText(visit.structure?.name ?? T.unknownStructure);
    if (!visit.shared) {
      return [context(T.visitNotShared(frenchDate(visit.visitDate), who))];
    }
    const visitFlags = redFlagsLine(visit.redFlags);
    return [
      section(
        [
          T.visit(frenchDate(visit.visitDate), who, visit.capteur.slackUserId, CHANNEL_LABELS[visit.channel]),
          T.stakes(stakesLine(visit.stakes)),
          T.diagnostic(escapeAndCut(visit.diagnostic, 600)),
          ...(visitFlags ? [visitFlags] : []),
          ...(visit.alerts.length ? [T.alertsFromVisit(visit.alerts.map((a) => a.reference))] : []),
        ].join('\n'),
      ),
    ];
  });
  const older = card.visitCount - Math.min(card.visits.length, CARD_VISITS);

  // The fallback text is read as mrkdwn too (notifications): escaped like the blocks.
  const text = T.text(escapeText(card.name), escapeText(card.commune));
  return {
    text,
    blocks: [
      header(card.name),
      fields(identity),
      section(flags),
      divider(),
      ...(card.visits.length ? visitBlocks : [section(T.noVisit)]),
      ...(older > 0 ? [context(T.olderVisits(older))] : []),
      ...(card.agendaItems.length
        ? [
            section(
              truncate(
                T.decisions(
                  card.agendaItems
                    .map((i) =>
                      T.decision(
                        frenchDate(i.committee.scheduledAt),
                        i.decision ? escapeAndCut(i.decision, 400) : null,
                      ),
                    )
                    .join('\n'),
                ),
                3000,
              ),
            ),
          ]
        : []),
      ...(card.actions.length
        ? [
            section(
              truncate(
                T.actions(
                  card.actions.length,
                  card.actions
                    .map((a) =>
                      T.action(
                        escapeText(a.title),
                        escapeText(a.ownerStructure.name),
                        ACTION_STATUS_LABELS[a.status],
                        frenchDate(a.dueDate),
                      ),
                    )
                    .join('\n'),
                ),
                3000,
              ),
            ),
          ]
        : []),
      ...(options.canFileVisit || options.canCreateActions
        ? [
            actions('company_card_actions', [
              ...(options.canFileVisit ? [button(T.newVisit, ACTIONS.openVisitReport, card.id, 'primary')] : []),
              ...(options.canCreateActions ? [button(T.createAction, ACTION_BUTTONS.create, card.id)] : []),
            ]),
          ]
        : []),
    ],
  };
}

/**
 * The card of a company whose data were erased on request: nothing that could identify it — not
 * its commune, activity, size nor the dates of its visits (kept only as anonymous counts).
 */
function erasedCompanyCard(erasedAt: Date) {
  const text = COMPANY_TEXTS.erased.text(frenchDate(erasedAt));
  return {
    text,
    blocks: [
      header(COMPANY_TEXTS.erased.title),
      section(`:wastebasket: ${text}`),
      context(COMPANY_TEXTS.erased.footer),
    ],
  };
}

/** Label of a company in lists and select options: « Nom — Commune — 123 456 789 00012 ». */
export function companyLabel(company: CompanySummary): string {
  return [company.name, company.commune, company.siret ? formatSiret(company.siret) : null].filter(Boolean).join(' — ');
}

/**
 * A company in the type-ahead, within Slack's 75 characters: « Forges de Vierzon — Vierzon · suivie »
 * for a followed one, « … · SIRENE » for a reference establishment (the name is cut, never the tag).
 */
export function companyPickerLabel(
  company: { name: string; commune: string | null },
  source: 'followed' | 'reference',
): string {
  const tag = ` · ${COMPANY_TEXTS.picker[source]}`;
  const head = [company.name, company.commune].filter(Boolean).join(' — ');
  return `${truncate(head, 75 - tag.length)}${tag}`;
}

/** Companies listed by /entreprise when several match; a longer list asks for a finer search. */
export const MAX_CHOICES = 10;

/** Shown by /entreprise when several companies match (pass up to MAX_CHOICES + 1 to detect more). */
export function companyChoicesMessage(query: string, matches: CompanySummary[]) {
  const shown = matches.slice(0, MAX_CHOICES);
  const more = matches.length > MAX_CHOICES;
  const count = COMPANY_TEXTS.choices.count(more ? MAX_CHOICES : matches.length, more);
  return {
    text: COMPANY_TEXTS.choices.text(count, escapeText(query), more || matches.length > 1),
    blocks: [
      section(COMPANY_TEXTS.choices.heading(count, escapeAndCut(query, 100), more || matches.length > 1)),
      ...shown.map((c) =>
        section(escapeAndCut(companyLabel(c), 300), button(COMPANY_TEXTS.choices.show, ACTIONS.showCompanyCard, c.id)),
      ),
      ...(more ? [context(COMPANY_TEXTS.choices.limited(MAX_CHOICES))] : []),
    ],
  };
}

export function companyNotFoundMessage(query: string) {
  const text = COMPANY_TEXTS.notFound(escapeAndCut(query, 100));
  return { text, blocks: [section(text)] };
}
