/**
 * Renders every view the app can produce — each exported builder of src/views/modals,
 * src/views/home and src/views/messages — with realistic French data and with worst-case data,
 * and checks each payload against Slack's documented limits (src/views/slack-limits.ts), plus a
 * few things each view must say or carry.
 *
 * The table below has one entry per (builder, scenario). A last group of tests makes sure the
 * suite cannot pass vacuously: the validator really rejects a broken view, and no builder
 * exported by a views module is missing from the table.
 */
import { readdirSync } from 'node:fs';
import { escapeText } from '../../src/views/blocks.js';
import { describe, expect, it } from 'vitest';
import { renderBlocks, unsupportedIn } from '../../src/simulator/web/render.js';
import {
  ActionStatus,
  AlertState,
  CommitteeStatus,
  RedFlag,
  Role,
  Stake,
  type ActionUpdateKind,
  type ContractType,
  type Priority,
} from '../../src/generated/prisma/enums.js';
import type {
  ActionModel,
  AgendaItemModel,
  AlertPositionModel,
  AlertTransitionModel,
  CommitteeModel,
  CompanyModel,
  RecruitmentAlertModel,
  VisitHiringNeedModel,
  VisitModel,
  VisitRedFlagModel,
  VisitStakeModel,
} from '../../src/generated/prisma/models.js';
import { findHeadcountBand, shortBandLabel } from '../../src/reference/headcount-bands.js';
import { findNafSubclass } from '../../src/reference/naf.js';
import { formatSiret } from '../../src/reference/siret.js';
import { NEXT_STATUSES, OPEN_STATUSES, type ActionDetails } from '../../src/services/actions/actions.js';
import { INDICATORS, type IndicatorUnit } from '../../src/services/indicators/catalogue.js';
import type { IndicatorSetRow, SnapshotValue, SnapshotWithPrevious } from '../../src/services/indicators/steering.js';
import type { AlertDetails, OpenAlert } from '../../src/services/alerts/alerts.js';
import {
  AWAITING_TRANSMISSION,
  nextActions,
  OPEN_STATES,
  type AlertAction,
} from '../../src/services/alerts/state-machine.js';
import type { DraftAgenda } from '../../src/services/committees/agenda.js';
import type {
  ActionsForReview,
  CommitteeSummaryDetails,
  AgendaItemDetails,
  CommitteeDetails,
  CommitteeSummary,
} from '../../src/services/committees/committees.js';
import type { CompaniesToInform } from '../../src/services/committees/informing.js';
import type { CompanyCard, CompanySummary } from '../../src/services/companies.js';
import type { ProgrammeProgress, TargetNotVisited } from '../../src/services/programmes/progress.js';
import type { Programme } from '../../src/services/programmes/programmes.js';
import type { VisitSummary } from '../../src/services/visits/file-visit.js';
import type { Overlap } from '../../src/services/visits/overlap.js';
import {
  ACTION_BLOCKS,
  ACTION_BUTTONS,
  ACTION_CHANGE_BLOCKS,
  ACTIONS,
  AGENDA_EDIT_BLOCKS,
  ALERT_ACTION_IDS,
  ALERT_BLOCKS,
  CLOSE_BLOCKS,
  COMMITTEE_BLOCKS,
  COMMITTEE_BUTTONS,
  INDICATOR_BLOCKS,
  INDICATOR_BUTTONS,
  MEMBER_BLOCKS,
  OFFER_BLOCKS,
  PROGRAMME_BLOCKS,
  PROGRAMME_BUTTONS,
  PRIVACY_BUTTONS,
  STRUCTURE_BLOCKS,
  VIEWS,
  VISIT_BLOCKS,
} from '../../src/slack/ids.js';
import {
  ACTION_STATUS_LABELS,
  ACTION_TARGET_LABELS,
  ALERT_STATE_LABELS,
  CONTRACT_LABELS,
  HELP,
  OUTCOME_LABELS,
  RED_FLAG_LABELS,
  REFUSALS,
  STAKE_LABELS,
} from '../../src/texts/fr.js';
import { frenchDate, frenchDateTime, frenchMonth } from '../../src/time.js';
import { assertWithinSlackLimits, findLimitViolations, type Surface } from '../support/slack-limits.js';
import * as homeModule from '../../src/views/home/home.js';
import { homeView, type HomeInput, type HomeVisit } from '../../src/views/home/home.js';
import * as actionMessagesModule from '../../src/views/messages/action.js';
import {
  actionDigestMessage,
  actionMessage,
  actionNewsMessage,
  myActionsMessage,
  type ActionClock,
} from '../../src/views/messages/action.js';
import * as alertMessagesModule from '../../src/views/messages/alert.js';
import {
  alertBreachMessage,
  alertDiffusionMessage,
  alertNewsMessage,
  alertPageMessage,
  alertReminderMessage,
  franceTravailRequestMessage,
  openAlertsMessage,
  positionLine,
  stateLine,
  type Clock,
} from '../../src/views/messages/alert.js';
import * as committeeMessagesModule from '../../src/views/messages/committee.js';
import {
  agendaHeaderMessage,
  agendaItemMessage,
  committeeProposedMessage,
  committeeReminderMessage,
  committeeSummaryMessage,
  committeesMessage,
  companiesToInformMessage,
  informCompanyMessage,
  informReminderMessage,
} from '../../src/views/messages/committee.js';
import * as companyCardModule from '../../src/views/messages/company-card.js';
import {
  CARD_VISITS,
  companyCardMessage,
  companyChoicesMessage,
  companyNotFoundMessage,
} from '../../src/views/messages/company-card.js';
import * as indicatorMessagesModule from '../../src/views/messages/indicators.js';
import * as privacyMessagesModule from '../../src/views/messages/privacy.js';
import { contentRemovedMessage, eraseConfirmationMessage } from '../../src/views/messages/privacy.js';
import {
  formatValue,
  indicatorsOverviewMessage,
  indicatorsSnapshotMessage,
  trend,
} from '../../src/views/messages/indicators.js';
import * as programmeMessagesModule from '../../src/views/messages/programme.js';
import {
  programmeNudgeMessage,
  programmesMessage,
  progressBar,
  type ProgrammesOverview,
} from '../../src/views/messages/programme.js';
import * as visitMessagesModule from '../../src/views/messages/visit.js';
import {
  stakesLine,
  visitConfirmationMessage,
  visitOverlapMessage,
  visitSavedModal,
} from '../../src/views/messages/visit.js';
import * as actionModalsModule from '../../src/views/modals/action.js';
import {
  actionCreateModal,
  actionDueModal,
  actionNoteModal,
  actionStatusModal,
  type ActionCreateInput,
} from '../../src/views/modals/action.js';
import * as administrationModule from '../../src/views/modals/administration.js';
import {
  administrationMessage,
  memberModal,
  refusalModal,
  savedModal,
  structureModal,
  type MemberModalInput,
  type MemberRow,
  type StructureRow,
} from '../../src/views/modals/administration.js';
import * as alertModalsModule from '../../src/views/modals/alert.js';
import {
  alertRaisedModal,
  alertReportModal,
  closeModal,
  franceTravailEmail,
  offerModal,
  transmitByEmailModal,
  type AlertModalInput,
} from '../../src/views/modals/alert.js';
import * as committeeModalsModule from '../../src/views/modals/committee.js';
import { agendaEditModal, committeePlanModal, decisionModal, informedModal } from '../../src/views/modals/committee.js';
import * as companyBlocksModule from '../../src/views/modals/company-blocks.js';
import { companyBlocks } from '../../src/views/modals/company-blocks.js';
import * as indicatorModalsModule from '../../src/views/modals/indicators.js';
import { indicatorsModal } from '../../src/views/modals/indicators.js';
import * as programmeModalsModule from '../../src/views/modals/programme.js';
import { programmeModal } from '../../src/views/modals/programme.js';
import * as visitReportModule from '../../src/views/modals/visit-report.js';
import { visitReportModal, type VisitModalInput } from '../../src/views/modals/visit-report.js';

// ---------------------------------------------------------------------------
// Text and id helpers
// ---------------------------------------------------------------------------

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const slackId = (n: number) => `U${String(n).padStart(10, '0')}`;

/**
 * `base` repeated (space-separated) and cut to exactly `n` characters, counted as Slack counts
 * them (code points), so an emoji in `base` is one character.
 */
function long(base: string, n: number): string {
  const chars: string[] = [];
  while (chars.length < n) chars.push(...Array.from(`${base} `));
  return chars.slice(0, n).join('');
}

/** What a view shows of a text limited to `n` characters: whole, or its first n - 1 and « … ». */
function cut(text: string, n: number): string {
  const chars = Array.from(text);
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}

/** The date `weeks` weeks before 2 March 2026, as a stored calendar date. */
const weeksAgo = (weeks: number) => new Date(day('2026-03-02').getTime() - weeks * 7 * 86_400_000);

// Worst-case texts: at the modal's input limits, with mrkdwn / HTML-ish characters and an emoji.
const LONG_COMPANY_NAME = long(
  'Société Coopérative Ouvrière de Production des Ateliers Réunis de Mécanique & Chaudronnerie <Berry> *Sologne* _Val-de-Cher_ 🏭',
  200,
);
const LONG_COMMUNE = long('Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson', 100);
const LONG_STRUCTURE_NAME = long(
  'Agence de développement économique et d’innovation du Pays de Vierzon, Sologne et Berry',
  120,
);
const LONG_DIAGNOSTIC = long(
  'Carnet de commandes en baisse de 30 % depuis la perte du donneur d’ordre automobile ; trésorerie tendue, activité partielle envisagée au printemps.',
  3000,
);
const LONG_NEEDS = long(
  'Accompagnement RH, appui au recrutement d’alternants, diagnostic énergie, financement de la modernisation du parc machines.',
  3000,
);
const LONG_QUERY = long('Mécanique de précision du Cher 🏭', 500);
/** Diagnostics of visits the viewer may not see carry this marker: it must never be rendered. */
const CONFIDENTIAL = 'CONFIDENTIEL';

const ALL_STAKES = Object.values(Stake);
const ALL_RED_FLAGS = Object.values(RedFlag);
const ALL_ROLES = Object.values(Role);
const PRIORITIES: Priority[] = ['haute', 'moyenne', 'basse'];

// ---------------------------------------------------------------------------
// Data builders: plain objects with the shape of the Prisma results the views receive
// ---------------------------------------------------------------------------

function companyRow(over: Partial<CompanyModel> = {}): CompanyModel {
  return {
    id: uuid(1),
    siret: '73282932000074',
    siren: '732829320',
    name: 'Mécanique du Val',
    searchName: 'mecanique du val',
    nafCode: '25.62B',
    nafNomenclature: 'NAFRev2',
    sectorFamily: 'industrie',
    headcountBand: '12',
    commune: 'Vierzon',
    postalCode: '18100',
    address: null,
    createdById: uuid(900),
    createdAt: new Date('2026-01-12T09:30:00Z'),
    updatedAt: new Date('2026-01-12T09:30:00Z'),
    erasedAt: null,
    textsExpiredAt: null,
    ...over,
  };
}

/** A company worst case: longest name and commune, no SIRET, unknown NAF code and band. */
const WORST_COMPANY = companyRow({
  id: uuid(2),
  siret: null,
  siren: null,
  name: LONG_COMPANY_NAME,
  searchName: LONG_COMPANY_NAME.toLowerCase(),
  nafCode: 'ZZ.99Z',
  sectorFamily: 'autre',
  headcountBand: 'XX',
  commune: LONG_COMMUNE,
  postalCode: null,
});

function visitRow(n: number, over: Partial<VisitModel> = {}): VisitModel {
  return {
    id: uuid(1000 + n),
    submissionKey: uuid(5000 + n),
    companyId: uuid(1),
    capteurId: uuid(900),
    structureId: uuid(800),
    visitDate: day('2026-02-24'),
    channel: 'sur_site',
    headcount: 45,
    headcountTrend: 'stable',
    revenueTrend: 'hausse',
    siteOutlook: 'developpement',
    hiringHorizon: 'urgent',
    jobsAtRisk: null,
    investmentPlanned: true,
    exportSharePct: 20,
    transmissionBuyer: 'sans_objet',
    needs: 'Recruter deux soudeurs qualifiés et former un technicien de maintenance.',
    diagnostic:
      'Entreprise saine, carnet de commandes plein jusqu’à l’été. Difficultés à recruter des soudeurs TIG ; intérêt pour une POEI avec France Travail.',
    consentToShare: true,
    toCommitteeAgenda: false,
    createdAt: new Date('2026-02-24T16:05:00Z'),
    ...over,
  };
}

const stakeRows = (visitId: string, stakes: [Stake, Priority][]): VisitStakeModel[] =>
  stakes.map(([stake, priority]) => ({ visitId, stake, priority }));
const allStakeRows = (visitId: string): VisitStakeModel[] =>
  stakeRows(
    visitId,
    ALL_STAKES.map((s, i) => [s, PRIORITIES[i % 3]!]),
  );
const flagRows = (visitId: string, flags: readonly RedFlag[]): VisitRedFlagModel[] =>
  flags.map((flag) => ({ visitId, flag }));
const hiringRows = (visitId: string, needs: [string, number][]): VisitHiringNeedModel[] =>
  needs.map(([jobFamily, count], i) => ({ id: uuid(7000 + i), visitId, jobFamily, count }));

/** 60 hiring lines with long job names: more than the 1000-character input allows. */
const MANY_HIRING_NEEDS: [string, number][] = Array.from({ length: 60 }, (_, i) => [
  `Technicien(ne) de maintenance industrielle polyvalente ${i + 1}`,
  (i % 9) + 1,
]);

const REALISTIC_SUMMARY: VisitSummary = {
  ...visitRow(1),
  company: { id: uuid(1), name: 'Mécanique du Val', siret: '73282932000074', commune: 'Vierzon' },
  stakes: stakeRows(uuid(1001), [
    ['recrutement', 'haute'],
    ['competences_formation', 'moyenne'],
    ['transition_ecologique', 'basse'],
  ]),
  hiringNeeds: hiringRows(uuid(1001), [
    ['Soudeur', 3],
    ['Technicien de maintenance', 1],
  ]),
  redFlags: flagRows(uuid(1001), ['recrutement_urgent']),
};

const WORST_SUMMARY: VisitSummary = {
  ...visitRow(2, {
    companyId: uuid(2),
    structureId: null,
    channel: 'visio',
    headcount: 2_147_483_647,
    headcountTrend: 'baisse',
    revenueTrend: 'baisse',
    siteOutlook: 'fermeture_ou_demenagement',
    hiringHorizon: 'urgent',
    jobsAtRisk: 999_999_999,
    investmentPlanned: false,
    exportSharePct: 100,
    transmissionBuyer: 'non_identifie',
    needs: LONG_NEEDS,
    diagnostic: LONG_DIAGNOSTIC,
    consentToShare: false,
    toCommitteeAgenda: true,
  }),
  company: { id: uuid(2), name: LONG_COMPANY_NAME, siret: null, commune: LONG_COMMUNE },
  stakes: allStakeRows(uuid(1002)),
  hiringNeeds: hiringRows(uuid(1002), MANY_HIRING_NEEDS),
  redFlags: flagRows(uuid(1002), ALL_RED_FLAGS),
};

/** Nothing optional answered: no figures, no hiring needs, no stakes, no flags. */
const MINIMAL_SUMMARY: VisitSummary = {
  ...visitRow(3, {
    channel: 'telephone',
    headcount: null,
    headcountTrend: null,
    revenueTrend: null,
    siteOutlook: null,
    hiringHorizon: null,
    jobsAtRisk: null,
    investmentPlanned: null,
    exportSharePct: null,
    transmissionBuyer: null,
    needs: 'Aucun besoin immédiat.',
    diagnostic: 'RAS.',
  }),
  company: { id: uuid(1), name: 'Boulangerie Martin', siret: '44306184100047', commune: 'Bourges' },
  stakes: [],
  hiringNeeds: [],
  redFlags: [],
};

// Company card visits, as getCompanyCard returns them.
type CardVisit = CompanyCard['visits'][number];
type SharedCardVisit = Extract<CardVisit, { shared: true }>;
type MaskedCardVisit = Extract<CardVisit, { shared: false }>;

function sharedCardVisit(n: number, worst: boolean): SharedCardVisit {
  const visit = visitRow(n, { visitDate: weeksAgo(n) });
  return {
    ...visit,
    ...(worst ? { diagnostic: LONG_DIAGNOSTIC, channel: 'visio' as const } : {}),
    capteur: { slackUserId: slackId(n) },
    structure: worst ? { name: LONG_STRUCTURE_NAME } : { name: 'CCI du Cher' },
    stakes: worst ? allStakeRows(visit.id) : stakeRows(visit.id, [['recrutement', 'haute']]),
    hiringNeeds: worst ? hiringRows(visit.id, MANY_HIRING_NEEDS) : hiringRows(visit.id, [['Soudeur', 2]]),
    redFlags: worst ? flagRows(visit.id, ALL_RED_FLAGS) : [],
    shared: true,
  };
}

/** A visit whose company refused sharing, seen by someone outside the capteur's structure. */
function maskedCardVisit(n: number, worst: boolean): MaskedCardVisit {
  return {
    id: uuid(1000 + n),
    visitDate: weeksAgo(n),
    structure: worst ? null : { name: 'CMA Centre-Val de Loire' },
    shared: false,
  };
}

/**
 * Defence in depth: a masked visit that still carries its content at run time (as if the
 * service forgot to strip it). The view must decide on `shared`, never on what is present.
 */
function leakyMaskedCardVisit(n: number): MaskedCardVisit {
  const full = sharedCardVisit(n, true);
  const leaky = {
    ...full,
    diagnostic: `${CONFIDENTIAL}-${n} ${full.diagnostic}`,
    needs: `${CONFIDENTIAL}-${n}`,
    shared: false as const,
  };
  return leaky;
}

/** An open action as getCompanyCard lists it (at most 10, the soonest due first). */
type CardAction = CompanyCard['actions'][number];

type CardDecision = CompanyCard['agendaItems'][number];

function card(
  company: CompanyModel,
  visits: CardVisit[],
  redFlags: RedFlag[] = [],
  actions: CardAction[] = [],
  agendaItems: CardDecision[] = [],
): CompanyCard {
  return { ...company, visits, visitCount: visits.length, redFlags, actions, agendaItems };
}

/** Five committee decisions, the longest possible, with a mention to escape. */
const CARD_DECISIONS: CardDecision[] = Array.from({ length: 5 }, (_, i) => ({
  decision: i === 4 ? null : `Décision <!channel> & ${'d'.repeat(1990)}`,
  noFollowUp: i === 4,
  committee: { scheduledAt: new Date(Date.UTC(2026, i, 12, 13)) },
}));

const REALISTIC_CARD = card(
  companyRow(),
  [sharedCardVisit(1, false), maskedCardVisit(2, false), sharedCardVisit(3, false)],
  ['recrutement_urgent'],
);
/** 120 visits, alternately shared (longest content) and masked: far more than a card shows. */
const WORST_CARD = card(
  WORST_COMPANY,
  Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? sharedCardVisit(i + 1, true) : maskedCardVisit(i + 1, true))),
  [...ALL_RED_FLAGS],
);
/** Only masked visits, each still carrying its content: none of it may show. */
const MASKED_CARD = card(
  companyRow(),
  Array.from({ length: 12 }, (_, i) => leakyMaskedCardVisit(i + 1)),
);
const EMPTY_CARD = card(
  companyRow({
    siret: null,
    siren: null,
    postalCode: null,
    headcountBand: 'NN',
    nafCode: '84.12Z',
    sectorFamily: 'autre',
  }),
  [],
);

const companySummary = (n: number, worst: boolean): CompanySummary => ({
  id: uuid(n),
  name: worst
    ? `${LONG_COMPANY_NAME.slice(0, 190)} ${n}`
    : `Mécanique ${['du Val', 'Berrichonne', 'de Sologne'][n % 3]} ${n}`,
  siret: worst ? null : '73282932000074',
  commune: worst ? LONG_COMMUNE : 'Vierzon',
});

function homeVisit(n: number, worst: boolean): HomeVisit {
  return {
    id: uuid(1000 + n),
    visitDate: weeksAgo(n),
    company: worst
      ? { id: uuid(n), name: LONG_COMPANY_NAME, commune: LONG_COMMUNE }
      : { id: uuid(n), name: 'Mécanique du Val', commune: 'Vierzon' },
    redFlags: worst ? ALL_RED_FLAGS.map((flag) => ({ flag })) : n === 1 ? [{ flag: 'recrutement_urgent' }] : [],
  };
}

/** The App Home gets at most listRecentVisits' default of 10 visits. */
const HOME_VISIT_LIMIT = 10;

const structureRow = (n: number, worst: boolean): StructureRow => ({
  id: uuid(800 + n),
  name: worst
    ? `${LONG_STRUCTURE_NAME.slice(0, 115)} ${String(n).padStart(3, '0')}`
    : ['CCI du Cher', 'CMA Centre-Val de Loire', 'Mission locale de Vierzon'][n % 3]!,
  kind: worst ? 'agence_developpement' : (['cci', 'cma', 'mission_locale'] as const)[n % 3]!,
  active: n % 5 !== 0,
  _count: { members: worst ? 10_000 + n : n },
});

function memberRow(n: number, worst: boolean): MemberRow {
  if (!worst)
    return { slackUserId: slackId(n), active: true, structure: { name: 'CCI du Cher' }, roles: [{ role: 'capteur' }] };
  return {
    slackUserId: slackId(n),
    active: n % 7 !== 0,
    // Every third member has no structure (coordination, pilotage…), one in eleven has no role.
    structure: n % 3 === 0 ? null : { name: LONG_STRUCTURE_NAME },
    roles: n % 11 === 0 ? [] : ALL_ROLES.map((role) => ({ role })),
  };
}

const structures = (count: number, worst = false) =>
  Array.from({ length: count }, (_, i) => structureRow(i + 1, worst));
const members = (count: number, worst = false) => Array.from({ length: count }, (_, i) => memberRow(i + 1, worst));

// ---------------------------------------------------------------------------
// Recruitment alerts: rows shaped like getAlert() and listOpenAlerts() return them
// ---------------------------------------------------------------------------

/** The life of an alert, in order: each state is reached through the ones before it. */
const ALERT_PATH: AlertState[] = [
  'signalee',
  'prise_en_charge',
  'transmise',
  'offre_enregistree',
  'diffusee',
  'cloturee',
];
const TIME_ZONE = 'Europe/Paris';
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);
/** Raised on Friday 27 November 2026 at 14:05 in Paris (winter time): due 48 h later. */
const RAISED_AT = new Date('2026-11-27T13:05:00Z');
const DEADLINE_AT = hoursAfter(RAISED_AT, 48);
/** The deadline as people read it: the minutes must survive every rendering. */
const DEADLINE_TEXT = '29/11/2026 à 14:05';
/** On time: 27 h before the deadline. Late: 20 h after it. */
const ON_TIME: Clock = { now: hoursAfter(RAISED_AT, 21), timeZone: TIME_ZONE };
const LATE: Clock = { now: hoursAfter(DEADLINE_AT, 20), timeZone: TIME_ZONE };
const clockFor = (late: boolean) => (late ? LATE : ON_TIME);

const CAPTEUR_SLACK = slackId(101);
const COORDINATOR_SLACK = slackId(102);
const FT_ADVISER_SLACK = slackId(103);
/** Who moves an alert into each state (worst case: the adviser who recorded the offer has left). */
const MOVED_BY: Record<AlertState, string> = {
  signalee: CAPTEUR_SLACK,
  prise_en_charge: COORDINATOR_SLACK,
  transmise: COORDINATOR_SLACK,
  offre_enregistree: FT_ADVISER_SLACK,
  diffusee: COORDINATOR_SLACK,
  cloturee: COORDINATOR_SLACK,
};

// Worst-case alert texts, at the alert form's limits, with mrkdwn / HTML-ish characters.
const LONG_URGENCY = long(
  'Commande de 40 000 pièces à livrer fin mars <!channel> & *deux départs* non remplacés, l’atelier tourne à 60 % ; pénalités de retard > 5 %.',
  1000,
);
const LONG_OUTCOME_NOTE = long(
  'Poste pourvu par l’intérim <@U0000000999> & *CDI* proposé après la période d’essai, à revoir en juin.',
  1000,
);
const longJobTitle = (rank: number) =>
  long(`Poste ${rank} — Technicien(ne) de maintenance <électromécanique> & *automatismes* industriels`, 120);
const LONG_LOCATION = long('Vierzon, zone industrielle des Forges <bâtiment B> & *atelier* 3', 120);
const longEmail = (who: string, domain: string) =>
  `${who}.${'x'.repeat(200 - who.length - 2 - domain.length)}@${domain}`;
const LONG_CONTACT_EMAIL = longEmail('marie-helene.dupont-de-la-roche', 'mecanique-berrichonne-et-solognote.fr');
const LONG_OFFER_EMAIL = longEmail('jean-baptiste.martin-lefebvre', 'francetravail.fr');
const OFFER_URL = 'https://candidat.francetravail.fr/offres/recherche/detail/185XKQW';
/** At the offer form's 500-character limit. */
const LONG_OFFER_URL = `${OFFER_URL}?at_medium=plateforme&at_campaign=alerte&ref=${'9'.repeat(500)}`.slice(0, 500);
const LONG_OFFER_REFERENCE = long('185XKQW <réf> & *2026*', 40);

interface AlertScenario {
  state: AlertState;
  worst?: boolean;
  /** The deadline passed before transmission: lateAt is set and moves after it came late. */
  late?: boolean;
  /** Whether the company agreed to be named to the partners (default: realistic yes, worst no). */
  consentToName?: boolean;
}

const alertId = (worst: boolean) => uuid(worst ? 2002 : 2001);
const reached = (state: AlertState) => ALERT_PATH.slice(0, ALERT_PATH.indexOf(state) + 1);

function alertRow({
  state,
  worst = false,
  late = false,
  consentToName = !worst,
}: AlertScenario): RecruitmentAlertModel {
  const path = reached(state);
  const offered = path.includes('offre_enregistree');
  return {
    id: alertId(worst),
    reference: worst ? 'ALR-2026-9999' : 'ALR-2026-0042',
    submissionKey: uuid(worst ? 5902 : 5901),
    companyId: uuid(worst ? 2 : 1),
    capteurId: uuid(901),
    structureId: uuid(801),
    urgency: worst
      ? LONG_URGENCY
      : 'Commande importante à livrer en mars, deux soudeurs partis en retraite non remplacés.',
    contactName: worst
      ? long('Marie-Hélène Dupont de la Roche, directrice des ressources humaines & <RSE>', 120)
      : 'Marie Dupont, responsable RH',
    contactPhone: worst ? '+33612345678901' : '0612345678',
    contactEmail: worst ? LONG_CONTACT_EMAIL : null,
    consentToName,
    state,
    raisedAt: RAISED_AT,
    deadlineAt: DEADLINE_AT,
    lateAt: late ? hoursAfter(DEADLINE_AT, 0.25) : null,
    coordinatorId: path.length > 1 ? uuid(902) : null,
    offerReference: offered ? (worst ? LONG_OFFER_REFERENCE : '185XKQW') : null,
    offerContactName: offered
      ? worst
        ? long('Jean-Baptiste Martin-Lefebvre, conseiller entreprises <agence de Vierzon>', 120)
        : 'Julie Martin'
      : null,
    offerContactEmail: offered ? (worst ? LONG_OFFER_EMAIL : 'julie.martin@francetravail.fr') : null,
    offerContactPhone: offered && worst ? '+33248000000' : null,
    offerUrl: offered ? (worst ? LONG_OFFER_URL : OFFER_URL) : null,
    outcome: state === 'cloturee' ? (worst ? 'sans_suite' : 'pourvue') : null,
    outcomeNote: state === 'cloturee' ? (worst ? LONG_OUTCOME_NOTE : 'Deux soudeurs recrutés en CDI.') : null,
    updatedAt: RAISED_AT,
    anonymisedAt: null,
  };
}

const WORST_CONTRACTS: ContractType[] = ['cdi', 'alternance', 'saisonnier'];

function alertPositions(id: string, worst: boolean): AlertPositionModel[] {
  if (!worst) {
    return [
      {
        id: uuid(3001),
        alertId: id,
        rank: 1,
        jobTitle: 'Soudeur TIG',
        romeCode: 'H2913',
        count: 2,
        contractType: 'cdi',
        startDate: day('2026-12-07'),
        location: 'Vierzon',
      },
      {
        id: uuid(3002),
        alertId: id,
        rank: 2,
        jobTitle: 'Technicien de maintenance',
        romeCode: null,
        count: 1,
        contractType: 'interim',
        startDate: null,
        location: 'Vierzon, site des Forges',
      },
    ];
  }
  return WORST_CONTRACTS.map((contractType, i) => ({
    id: uuid(3011 + i),
    alertId: id,
    rank: i + 1,
    jobTitle: longJobTitle(i + 1),
    romeCode: null,
    count: 999,
    contractType,
    startDate: day('2027-01-04'),
    location: LONG_LOCATION,
  }));
}

type AlertTransitionRow = AlertTransitionModel & { actor: { slackUserId: string } | null };

/** One transition per state reached; late, transmission came 2 h after the deadline. */
function alertTransitions({ state, worst = false, late = false }: AlertScenario): AlertTransitionRow[] {
  const path = reached(state);
  const at = (i: number) => (late && i >= 2 ? hoursAfter(DEADLINE_AT, 2 * (i - 1)) : hoursAfter(RAISED_AT, 2 * i));
  return path.map((to, i) => {
    const actor = worst && to === 'offre_enregistree' ? null : { slackUserId: MOVED_BY[to] };
    return {
      id: uuid(4001 + i),
      alertId: alertId(worst),
      from: path[i - 1] ?? null,
      to,
      actorId: actor ? uuid(950 + i) : null,
      actor,
      at: at(i),
      note: to === 'cloturee' ? (worst ? LONG_OUTCOME_NOTE : 'Deux soudeurs recrutés en CDI.') : null,
    };
  });
}

function alertDetails(scenario: AlertScenario): AlertDetails {
  const row = alertRow(scenario);
  const worst = scenario.worst ?? false;
  return {
    ...row,
    company: worst
      ? { id: uuid(2), name: LONG_COMPANY_NAME, siret: null, commune: LONG_COMMUNE, nafCode: 'ZZ.99Z' }
      : { id: uuid(1), name: 'Mécanique du Val', siret: '73282932000074', commune: 'Vierzon', nafCode: '25.62B' },
    capteur: { slackUserId: CAPTEUR_SLACK },
    structure: worst ? { name: LONG_STRUCTURE_NAME } : { name: 'CCI du Cher' },
    coordinator: row.coordinatorId ? { slackUserId: COORDINATOR_SLACK } : null,
    positions: alertPositions(row.id, worst),
    transitions: alertTransitions(scenario),
  };
}

/** An open alert as listOpenAlerts returns it; worst: longest texts, three long positions. */
function openAlert(n: number, scenario: AlertScenario, over: Partial<RecruitmentAlertModel> = {}): OpenAlert {
  const worst = scenario.worst ?? false;
  const row = {
    ...alertRow(scenario),
    id: uuid(6000 + n),
    reference: `ALR-2026-${String(n).padStart(4, '0')}`,
    ...over,
  };
  return {
    ...row,
    company: worst
      ? { name: `${LONG_COMPANY_NAME.slice(0, 190)} ${n}`, commune: LONG_COMMUNE }
      : { name: `Mécanique du Val ${n}`, commune: 'Vierzon' },
    positions: alertPositions(row.id, worst),
    coordinator: row.coordinatorId ? { slackUserId: COORDINATOR_SLACK } : null,
  };
}

/** Three open alerts, as listed: one on time, one raised three days earlier and now late, one diffused. */
const REALISTIC_OPEN_ALERTS = [
  openAlert(1, { state: 'signalee' }),
  openAlert(
    2,
    { state: 'prise_en_charge' },
    {
      raisedAt: hoursAfter(RAISED_AT, -72),
      deadlineAt: hoursAfter(DEADLINE_AT, -72),
      lateAt: hoursAfter(DEADLINE_AT, -71.75),
    },
  ),
  openAlert(3, { state: 'diffusee' }),
];
/** listOpenAlerts' default of 30, every open state, one in two late, longest texts. */
const WORST_OPEN_ALERTS = Array.from({ length: 30 }, (_, i) =>
  openAlert(i + 1, { state: OPEN_STATES[i % OPEN_STATES.length]!, worst: true, late: i % 2 === 0 }),
);

// ---------------------------------------------------------------------------
// Actions: rows shaped like getAction(), listOpenActions() and getCompanyCard() return them
// ---------------------------------------------------------------------------

const ACTION_STATUSES = Object.values(ActionStatus);
/** Monday 2 March 2026, 10:15 in Paris: an open action due before that day is late. */
const ACTION_CLOCK: ActionClock = { now: new Date('2026-03-02T09:15:00Z'), timeZone: TIME_ZONE, today: '2026-03-02' };
const DUE_LATER = day('2026-03-31');
const DUE_PAST = day('2026-02-20');
const ACTION_OWNER_SLACK = slackId(201);
const ACTION_ACTOR_SLACK = slackId(202);
/** The last change to an action: 27 February 2026 at 16:40 in Paris (winter time). */
const ACTION_UPDATED_AT = new Date('2026-02-27T15:40:00Z');
const ACTION_UPDATED_TEXT = '27/02/2026 à 16:40';

// Worst-case action texts, at the action forms' limits, with mentions, links and mrkdwn characters.
const longActionTitle = (n: number) =>
  long(`Action ${n} : monter une POE <!channel> & *soudeurs TIG* avec l’OPCO 🔧`, 150);
const LONG_ACTION_DESCRIPTION = long(
  'Former six demandeurs d’emploi au soudage TIG <!here> & *financement OPCO* <https://evil.example|dossier> ; entrée en formation en avril.',
  2000,
);
const LONG_STATUS_NOTE = long(
  'L’OPCO attend l’accord <!channel> & *la DREETS* ; relancer après le comité du 15.',
  1000,
);
const LONG_UPDATE_NOTE = long(
  'Point avec la DRH <@U0000000999> & *l’OPCO* : six candidats repérés, deux à confirmer.',
  1000,
);
const LONG_ACTION_STRUCTURE = long(
  'Agence de développement économique et d’innovation du Pays de Vierzon & <Sologne> *Berry*',
  200,
);
/** What people typed and must never reach mrkdwn as is: mentions and links. */
const RAW_MARKUP = ['<!channel>', '<!here>', '<https://evil.example', '<@U0000000999>'];

/** The outcome once done, the reason while blocked or abandoned (an action to do has none yet). */
const STATUS_NOTES: Record<ActionStatus, string | null> = {
  a_faire: null,
  en_cours: 'Reprise après l’accord de financement de l’OPCO.',
  realisee: 'Six stagiaires entrés en formation le 6 avril.',
  bloquee: 'En attente de l’accord de financement de l’OPCO.',
  abandonnee: 'L’entreprise a finalement recruté en intérim.',
};

interface ActionScenario {
  status: ActionStatus;
  worst?: boolean;
  /** A member of the structure follows it (default yes); otherwise only the structure. */
  owner?: boolean;
  /** Stake, description and status note filled in (default yes). */
  details?: boolean;
  /** Due before today (default no). */
  overdue?: boolean;
  dueDate?: Date;
  n?: number;
}

function actionDetails({
  status,
  worst = false,
  owner = true,
  details = true,
  overdue = false,
  dueDate,
  n = 1,
}: ActionScenario): ActionDetails {
  const id = uuid(20_000 + n);
  const company = worst
    ? { id: uuid(2), name: LONG_COMPANY_NAME, commune: LONG_COMMUNE }
    : { id: uuid(1), name: 'Mécanique du Val', commune: 'Vierzon' };
  const statusNote = worst ? LONG_STATUS_NOTE : details ? STATUS_NOTES[status] : null;
  // Worst case: the last update is a 1000-character progress note.
  const kind: ActionUpdateKind = worst ? 'note' : status === 'a_faire' ? 'creation' : 'statut';
  const row: ActionModel = {
    id,
    submissionKey: uuid(21_000 + n),
    title: worst ? longActionTitle(n) : 'Monter une POE de soudeurs avec l’OPCO',
    description: worst
      ? LONG_ACTION_DESCRIPTION
      : details
        ? 'Six demandeurs d’emploi formés au soudage TIG, entrée en formation en avril.'
        : null,
    stake: worst ? 'difficultes_restructuration' : details ? 'recrutement' : null,
    target: worst ? 'salaries' : 'entreprise',
    companyId: company.id,
    ownerStructureId: uuid(801),
    ownerMemberId: owner ? uuid(901) : null,
    dueDate: dueDate ?? (overdue ? DUE_PAST : DUE_LATER),
    status,
    statusNote,
    origin: worst ? 'alerte' : 'comite',
    alertId: worst ? uuid(2002) : null,
    committeeId: null,
    agendaItemId: null,
    createdById: uuid(902),
    createdAt: new Date('2026-02-16T10:00:00Z'),
    updatedAt: ACTION_UPDATED_AT,
    channelId: 'C0000000001',
    messageTs: '1772210400.000100',
  };
  return {
    ...row,
    company,
    ownerStructure: { name: worst ? LONG_ACTION_STRUCTURE : 'CCI du Cher' },
    ownerMember: owner ? { slackUserId: ACTION_OWNER_SLACK } : null,
    updates: [
      {
        id: uuid(22_000 + n),
        actionId: id,
        at: ACTION_UPDATED_AT,
        actorId: uuid(902),
        kind,
        fromStatus: kind === 'statut' ? (status === 'en_cours' ? 'a_faire' : 'en_cours') : null,
        toStatus: kind === 'creation' || kind === 'statut' ? status : null,
        fromDue: null,
        toDue: kind === 'creation' ? row.dueDate : null,
        note: worst ? LONG_UPDATE_NOTE : kind === 'statut' ? statusNote : null,
        submissionKey: null,
        actor: { slackUserId: ACTION_ACTOR_SLACK },
      },
    ],
  };
}

/** Worst for escaping: every character people typed becomes an entity (&amp; is 5 characters). */
const ALL_ESCAPED_ACTION: ActionDetails = (() => {
  const action = actionDetails({ status: 'bloquee', worst: true, overdue: true });
  return {
    ...action,
    title: '&'.repeat(150),
    description: '<'.repeat(2000),
    statusNote: '&'.repeat(1000),
    company: { ...action.company, name: '&'.repeat(200), commune: '>'.repeat(100) },
    ownerStructure: { name: '<'.repeat(200) },
    updates: action.updates.map((u) => ({ ...u, note: '&'.repeat(1000) })),
  };
})();

/** Every status: realistic; overdue with only the required fields; worst case, overdue. */
const ACTION_SCENARIOS: { label: string; scenario: ActionScenario }[] = ACTION_STATUSES.flatMap((status) => [
  { label: `${status}, followed by a member, with stake, description and note`, scenario: { status } },
  {
    label: `${status}, past its due date, structure only, no stake, description nor note`,
    scenario: { status, owner: false, details: false, overdue: true },
  },
  {
    label: `worst case: ${status}, overdue, 150-char title, 2000-char description, 1000-char notes, 200-char names`,
    scenario: { status, worst: true, overdue: true },
  },
]);

/** /actions: three of mine (one late), two of my structure's (one nobody's in particular). */
const REALISTIC_MY_ACTIONS = {
  mine: [
    actionDetails({ status: 'en_cours', overdue: true, n: 11 }),
    actionDetails({ status: 'a_faire', n: 12 }),
    actionDetails({ status: 'bloquee', n: 13 }),
  ],
  structure: [
    actionDetails({ status: 'a_faire', owner: false, details: false, n: 14 }),
    { ...actionDetails({ status: 'bloquee', n: 15 }), ownerMember: { slackUserId: slackId(203) } },
  ],
};
/** listOpenActions' default of 30 per list, every open status, half overdue, longest texts. */
const WORST_MY_ACTIONS = {
  mine: Array.from({ length: 30 }, (_, i) =>
    actionDetails({ status: OPEN_STATUSES[i % OPEN_STATUSES.length]!, worst: true, overdue: i % 2 === 0, n: 100 + i }),
  ),
  structure: Array.from({ length: 30 }, (_, i) =>
    actionDetails({
      status: OPEN_STATUSES[i % OPEN_STATUSES.length]!,
      worst: true,
      owner: i % 2 === 1,
      overdue: i % 2 === 0,
      n: 200 + i,
    }),
  ),
};

/** What the morning digest lists: a person's open actions, overdue or due within three days. */
type DigestItem = Parameters<typeof actionDigestMessage>[0][number];
const REALISTIC_DIGEST: DigestItem[] = [
  actionDetails({ status: 'en_cours', overdue: true, n: 21 }),
  actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today), n: 22 }),
  actionDetails({ status: 'bloquee', dueDate: day('2026-03-05'), n: 23 }),
];
/** actionsToMention has no limit: 30 overdue and 30 due soon, longest texts. */
const WORST_DIGEST: DigestItem[] = Array.from({ length: 60 }, (_, i) =>
  actionDetails({
    status: OPEN_STATUSES[i % OPEN_STATUSES.length]!,
    worst: true,
    ...(i < 30 ? { overdue: true } : { dueDate: day('2026-03-04') }),
    n: 400 + i,
  }),
);

const cardAction = (n: number, worst: boolean): CardAction => ({
  id: uuid(20_000 + n),
  title: worst
    ? longActionTitle(n)
    : ['Monter une POE de soudeurs avec l’OPCO', 'Diagnostic énergie du site', 'Présenter l’entreprise au club RH'][
        n % 3
      ]!,
  status: OPEN_STATUSES[n % OPEN_STATUSES.length]!,
  dueDate: worst ? DUE_PAST : n % 2 === 0 ? DUE_PAST : DUE_LATER,
  ownerStructure: {
    name: worst
      ? LONG_ACTION_STRUCTURE
      : ['CCI du Cher', 'CMA Centre-Val de Loire', 'Mission locale de Vierzon'][n % 3]!,
  },
});

const CARD_WITH_ACTIONS = card(
  companyRow(),
  [sharedCardVisit(1, false), maskedCardVisit(2, false)],
  ['recrutement_urgent'],
  [cardAction(1, false), cardAction(2, false)],
);
/** getCompanyCard lists at most 10 open actions: 10 with the longest texts, on the worst card. */
const WORST_CARD_WITH_ACTIONS: CompanyCard = {
  ...WORST_CARD,
  actions: Array.from({ length: 10 }, (_, i) => cardAction(300 + i, true)),
  agendaItems: CARD_DECISIONS,
};

// ---------------------------------------------------------------------------
// Technical committees: rows shaped like listCommittees(), getCommittee() and getAgendaItem() return them
// ---------------------------------------------------------------------------

const COMMITTEE_STATUSES = Object.values(CommitteeStatus);
/** What /comite says of each status. */
const COMMITTEE_STATUS_LABELS: Record<CommitteeStatus, string> = {
  planned: 'Planifié',
  agenda_published: 'Ordre du jour publié',
  held: 'Tenu',
  closed: 'Clôturé',
};
/** Thursday 12 March 2026 at 14:30 in Paris (winter time); listed on Monday 2 March. */
const COMMITTEE_AT = new Date('2026-03-12T13:30:00Z');
const COMMITTEE_AT_TEXT = '12/03/2026 à 14:30';
const COMMITTEE_CLOCK: Clock = { now: new Date('2026-03-02T09:15:00Z'), timeZone: TIME_ZONE };
const committeeChannel = (n: number) => `C${String(n).padStart(10, '0')}`;

/** The link Slack gives to a published agenda's header. */
const agendaLink = (n: number) =>
  `https://plateforme-emploi-mutations-economiques.slack.com/archives/${committeeChannel(n)}/p17731540000${String(n).padStart(5, '0')}`;

/** Sessions every other week from COMMITTEE_AT: the tenth is past the change to summer time. */
function committeeRow(n: number, status: CommitteeStatus): CommitteeModel {
  return {
    id: uuid(30_000 + n),
    scheduledAt: new Date(COMMITTEE_AT.getTime() + (n - 1) * 14 * 86_400_000),
    channelId: committeeChannel(n),
    status,
    agendaPublishedAt: status === 'planned' ? null : new Date('2026-03-05T06:00:00Z'),
    agendaPermalink: status === 'planned' ? null : agendaLink(n),
    closedAt: status === 'closed' ? new Date('2026-03-20T10:00:00Z') : null,
    createdById: uuid(902),
    createdAt: new Date('2026-02-16T10:00:00Z'),
    submissionKey: null,
  };
}

const committeeSummary = (n: number, status: CommitteeStatus, items: number): CommitteeSummary => ({
  ...committeeRow(n, status),
  _count: { items },
});
/** Three sessions in one status, one with an empty agenda. */
const threeSessions = (status: CommitteeStatus) => [
  committeeSummary(1, status, 4),
  committeeSummary(2, status, 0),
  committeeSummary(3, status, 12),
];
/** listCommittees returns at most 10 sessions: 10, every status, the longest agendas. */
const TEN_SESSIONS = Array.from({ length: 10 }, (_, i) =>
  committeeSummary(i + 1, COMMITTEE_STATUSES[i % COMMITTEE_STATUSES.length]!, 60 + i),
);

// What people typed, at the forms' limits, with a mention, a link and mrkdwn characters.
const agendaCompanyName = (n: number) =>
  long(`${n} Société des Ateliers Réunis <!channel> & Chaudronnerie <Berry> *Sologne* _Val-de-Cher_`, 200);
const AGENDA_NEEDS = long(
  'Appui au recrutement <!here> & *alternance* <https://evil.example|dossier> ; diagnostic énergie du site.',
  3000,
);
const AGENDA_DIAGNOSTIC = long(
  'Carnet de commandes en baisse <!channel> & *trésorerie tendue* > 30 jours ; activité partielle envisagée.',
  3000,
);
const LONG_TYPED_STRUCTURE = long('Agence de développement <!channel> & *Sologne* du Pays de Vierzon et du Berry', 120);

/** A company of the agenda; worst: 200-character name with markup, unknown NAF and band. */
const agendaCompany = (n: number, worst: boolean): CompanyModel =>
  worst
    ? {
        ...WORST_COMPANY,
        id: uuid(40_000 + n),
        name: agendaCompanyName(n),
        searchName: agendaCompanyName(n).toLowerCase(),
      }
    : companyRow({
        id: uuid(40_000 + n),
        name: ['Mécanique du Val', 'Boulangerie Martin', 'Transports Berrichons & Fils'][(n - 1) % 3]!,
        commune: ['Vierzon', 'Bourges', 'Issoudun'][(n - 1) % 3]!,
      });

function agendaItemRow(company: CompanyModel, rank: number): AgendaItemModel {
  return {
    id: uuid(41_000 + rank),
    committeeId: uuid(30_001),
    companyId: company.id,
    rank,
    broughtById: uuid(900),
    decision: null,
    noFollowUp: false,
    channelId: null,
    messageTs: null,
    informedAt: null,
    informedHow: null,
    informRemindedAt: null,
    informReminders: 0,
    namedAt: null,
  };
}

/** A session with its agenda, as getCommittee returns it. */
function committeeDetails(companies: CompanyModel[]): CommitteeDetails {
  return {
    ...committeeRow(1, 'agenda_published'),
    items: companies.map((c, i) => ({ ...agendaItemRow(c, i + 1), company: { name: c.name, commune: c.commune } })),
  };
}

type AgendaVisit = AgendaItemDetails['visits'][number]['visit'];

interface AgendaVisitScenario {
  /** How many weeks before 2 March 2026 it took place. */
  weeks: number;
  worst?: boolean;
  /** Whether the company agreed to share it (default yes). */
  shared?: boolean;
  flags?: readonly RedFlag[];
}

/**
 * A visit that brings its company to the agenda. One the company did not agree to share still
 * carries its content (the service does not strip it): marked CONFIDENTIAL, it must never show.
 */
function agendaVisit(
  n: number,
  { weeks, worst = false, shared = true, flags = worst ? ALL_RED_FLAGS : ['recrutement_urgent'] }: AgendaVisitScenario,
): AgendaVisit {
  const needs = worst ? AGENDA_NEEDS : 'Recruter deux soudeurs qualifiés et former un technicien de maintenance.';
  const diagnostic = worst ? AGENDA_DIAGNOSTIC : visitRow(n).diagnostic;
  const visit = visitRow(n, {
    visitDate: weeksAgo(weeks),
    consentToShare: shared,
    toCommitteeAgenda: true,
    needs: shared ? needs : `${CONFIDENTIAL}-${n} ${needs}`,
    diagnostic: shared ? diagnostic : `${CONFIDENTIAL}-${n} ${diagnostic}`,
  });
  return {
    ...visit,
    stakes: worst
      ? allStakeRows(visit.id)
      : stakeRows(visit.id, [
          ['recrutement', 'haute'],
          ['competences_formation', 'moyenne'],
        ]),
    redFlags: flagRows(visit.id, flags),
    structure: worst ? { name: LONG_TYPED_STRUCTURE } : { name: 'CCI du Cher' },
    capteur: { slackUserId: slackId(300 + n) },
  };
}

const BROUGHT_BY: AgendaItemDetails['broughtBy'] = { slackUserId: slackId(301), structure: { name: 'CCI du Cher' } };

/** One agenda item with its visits, in the order the database happens to give them. */
function agendaItemDetails(
  rank: number,
  company: CompanyModel,
  visits: AgendaVisit[],
  broughtBy: AgendaItemDetails['broughtBy'] = BROUGHT_BY,
): AgendaItemDetails {
  const item = agendaItemRow(company, rank);
  return {
    ...item,
    broughtById: broughtBy ? item.broughtById : null,
    committee: { scheduledAt: COMMITTEE_AT, status: 'planned' },
    company,
    broughtBy,
    visits: visits.map((visit) => ({ agendaItemId: item.id, visitId: visit.id, visit })),
    actions: [],
  };
}

/** One shared visit with two stakes, needs, a diagnostic and a red flag. */
const REALISTIC_AGENDA_ITEM = agendaItemDetails(1, agendaCompany(1, false), [agendaVisit(1, { weeks: 1 })]);
const ITEM_ACTIONS: AgendaItemDetails['actions'] = [
  {
    id: uuid(41_001),
    title: 'Monter une POE de soudeurs',
    status: 'en_cours',
    dueDate: new Date('2026-04-30T00:00:00Z'),
    ownerStructure: { name: 'OPCO 2i' },
  },
  ...Array.from({ length: 9 }, (_, i) => ({
    id: uuid(41_010 + i),
    title: `${'T'.repeat(140)} <!channel> ${i}`,
    status: 'a_faire' as const,
    dueDate: new Date('2026-06-30T00:00:00Z'),
    ownerStructure: { name: 'S'.repeat(120) },
  })),
];
/** In the meeting: a long decision and ten actions, buttons to record more. */
const IN_MEETING_ITEM: AgendaItemDetails = {
  ...REALISTIC_AGENDA_ITEM,
  committee: { scheduledAt: COMMITTEE_AT, status: 'agenda_published' },
  decision: `Accompagner le recrutement <!channel> & ${'x'.repeat(2000)}`,
  actions: ITEM_ACTIONS,
};
const CLOSED_ITEM: AgendaItemDetails = {
  ...REALISTIC_AGENDA_ITEM,
  committee: { scheduledAt: COMMITTEE_AT, status: 'closed' },
  noFollowUp: true,
};
const INFORMED_ITEM: AgendaItemDetails = {
  ...IN_MEETING_ITEM,
  informedAt: new Date('2026-03-20T00:00:00Z'),
  informedHow: 'telephone',
};

/** A closed session's summary: 60 companies, long decisions, several actions each. */
function summaryOf(items: number, worst: boolean): CommitteeSummaryDetails {
  return {
    id: uuid(42_000),
    scheduledAt: COMMITTEE_AT,
    channelId: 'C0COMITE01',
    status: 'closed',
    agendaPublishedAt: COMMITTEE_AT,
    agendaPermalink: agendaLink(1),
    closedAt: COMMITTEE_AT,
    createdById: uuid(902),
    createdAt: COMMITTEE_AT,
    submissionKey: null,
    items: Array.from({ length: items }, (_, i) => ({
      ...agendaItemRow(agendaCompany(i + 1, worst), i + 1),
      decision:
        i % 3 === 0
          ? worst
            ? `Décision <!channel> & ${'d'.repeat(1900)}`
            : 'Accompagner le recrutement de soudeurs.'
          : null,
      noFollowUp: i % 3 === 2,
      company: { name: worst ? `${'N'.repeat(190)} <!here>` : `Entreprise ${i + 1}` },
      actions:
        i % 3 === 1
          ? ITEM_ACTIONS.slice(0, worst ? 10 : 2).map((a) => ({
              title: a.title,
              dueDate: a.dueDate,
              ownerStructure: a.ownerStructure,
              ownerMember: { slackUserId: slackId(301) },
            }))
          : [],
    })),
  };
}
/**
 * 8 visits (oldest first) at the forms' limits, every stake and flag, the second most recent
 * kept private; 200-character name with markup, unknown NAF and band, brought by a long-named structure.
 */
const WORST_AGENDA_ITEM = agendaItemDetails(
  60,
  agendaCompany(60, true),
  Array.from({ length: 8 }, (_, i) => agendaVisit(11 + i, { weeks: 8 - i, worst: true, shared: i !== 6 })),
  { slackUserId: slackId(302), structure: { name: LONG_TYPED_STRUCTURE } },
);
/** A shared visit without flags, and a later one kept private carrying every flag. */
const PRIVATE_VISIT_ITEM = agendaItemDetails(2, agendaCompany(2, false), [
  agendaVisit(21, { weeks: 4, flags: [] }),
  {
    ...agendaVisit(22, { weeks: 1, shared: false, flags: ALL_RED_FLAGS }),
    structure: { name: 'CMA Centre-Val de Loire' },
  },
]);
/** Only private visits (one without a structure), 7 of them, and nobody bringing the company any more. */
const ONLY_PRIVATE_ITEM = agendaItemDetails(
  3,
  agendaCompany(3, false),
  Array.from({ length: 7 }, (_, i) => ({
    ...agendaVisit(31 + i, { weeks: i + 1, worst: true, shared: false }),
    ...(i === 0 ? { structure: null } : {}),
  })),
  null,
);

const AGENDA_THREE = committeeDetails([1, 2, 3].map((n) => agendaCompany(n, false)));
const AGENDA_EMPTY = committeeDetails([]);
/** The issue's acceptance: an agenda of 60 companies, each with a 200-character name. */
const AGENDA_60_COMPANIES = Array.from({ length: 60 }, (_, i) => agendaCompany(i + 1, true));
const AGENDA_60 = committeeDetails(AGENDA_60_COMPANIES);
/** Its 60 items: 1 to 8 long visits each, one in three kept private. */
const AGENDA_60_ITEMS = AGENDA_60_COMPANIES.map((company, i) =>
  agendaItemDetails(
    i + 1,
    company,
    Array.from({ length: (i % 8) + 1 }, (_, j) =>
      agendaVisit(10 * (i + 1) + j, { weeks: j + 1, worst: true, shared: (i + j) % 3 !== 0 }),
    ),
  ),
);

/** The open actions to review in the agenda's header, as actionsForReview returns them. */
const REVIEW_NONE: ActionsForReview = { total: 0, actions: [] };
/** One late, one due on the day of the session, one blocked (due later). */
const REVIEW_THREE: ActionsForReview = {
  total: 3,
  actions: [
    {
      title: 'Monter une POE de soudeurs',
      status: 'en_cours',
      dueDate: day('2026-03-06'),
      companyId: uuid(1),
      company: { name: 'Mécanique du Val' },
      ownerStructure: { name: 'OPCO 2i' },
    },
    {
      title: 'Diagnostic RH',
      status: 'a_faire',
      dueDate: day('2026-03-12'),
      companyId: uuid(1),
      company: { name: 'Transports Berrichons & Fils' },
      ownerStructure: { name: 'CCI du Cher' },
    },
    {
      title: 'Présenter l’entreprise au club RH',
      status: 'bloquee',
      dueDate: day('2026-04-30'),
      companyId: uuid(1),
      company: { name: 'Boulangerie Martin' },
      ownerStructure: { name: 'CMA Centre-Val de Loire' },
    },
  ],
};
/** actionsForReview's 20 of 57: 200-character titles and company names with markup, long structure names. */
const REVIEW_WORST: ActionsForReview = {
  total: 57,
  actions: Array.from({ length: 20 }, (_, i) => ({
    title: long(`Action ${i + 1} : relancer l’OPCO <!channel> & *soudeurs TIG* <https://evil.example|dossier> 🔧`, 200),
    status: (['a_faire', 'en_cours', 'bloquee'] as const)[i % 3]!,
    dueDate: DUE_PAST,
    companyId: uuid(40_000 + i + 1),
    company: { name: agendaCompanyName(i + 1) },
    ownerStructure: { name: LONG_ACTION_STRUCTURE },
  })),
};

/** A planned session, as the rhythm proposes it (nobody created it). */
const proposed = (committee: CommitteeDetails): CommitteeDetails => ({
  ...committee,
  status: 'planned',
  agendaPublishedAt: null,
  createdById: null,
});

/** A draft agenda, as getDraftAgenda returns it for the edit modal. */
function draftAgenda(companies: CompanyModel[]): DraftAgenda {
  return {
    ...committeeRow(1, 'planned'),
    items: companies.map((c, i) => ({
      ...agendaItemRow(c, i + 1),
      company: { id: c.id, name: c.name, commune: c.commune },
    })),
  };
}
const DRAFT_EMPTY = draftAgenda([]);
const DRAFT_THREE = draftAgenda([1, 2, 3].map((n) => agendaCompany(n, false)));
/** More companies than a select lists (100): 130 with 200-character names. */
const DRAFT_130 = draftAgenda(Array.from({ length: 130 }, (_, i) => agendaCompany(i + 1, true)));

// Companies still to inform of the decisions, as companiesToInform returns them.
type ToInformItem = CompaniesToInform['items'][number];
/** The session of 12 March closed on the 20th at 11:00 in Paris; listed on 2 April at 11:15: 12 days later. */
const INFORM_CLOSED_AT = new Date('2026-03-20T10:00:00Z');
const INFORM_CLOCK: Clock = { now: new Date('2026-04-02T09:15:00Z'), timeZone: TIME_ZONE };
const INFORM_DAYS = 12;

function toInformItem(n: number, worst: boolean, over: Partial<ToInformItem> = {}): ToInformItem {
  return {
    id: uuid(44_000 + n),
    companyId: uuid(40_000 + n),
    informReminders: worst ? 3 : n % 2,
    company: worst
      ? { name: agendaCompanyName(n), commune: long('Saint-Rémy <!here> & *Bouzemont*', 100) }
      : {
          name: ['Mécanique du Val', 'Transports Berrichons & Fils'][n % 2]!,
          commune: ['Vierzon', 'Issoudun'][n % 2]!,
        },
    committee: { scheduledAt: COMMITTEE_AT, closedAt: INFORM_CLOSED_AT },
    broughtBy: { slackUserId: slackId(310 + n), structure: { name: worst ? LONG_TYPED_STRUCTURE : 'CCI du Cher' } },
    ...over,
  };
}

const TO_INFORM_NONE: CompaniesToInform = { total: 0, items: [] };
/** Two companies: one brought by a capteur of the CCI, reminded once; one by a capteur without structure. */
const TO_INFORM_TWO: CompaniesToInform = {
  total: 2,
  items: [
    toInformItem(1, false),
    toInformItem(2, false, { broughtBy: { slackUserId: slackId(312), structure: null } }),
  ],
};
/** 75 to inform, the 40 oldest listed (the coordination's limit); one brought by a capteur since removed. */
const TO_INFORM_WORST: CompaniesToInform = {
  total: 75,
  items: Array.from({ length: 40 }, (_, i) => toInformItem(i + 1, true, i === 2 ? { broughtBy: null } : {})),
};
/** A capteur's reminder lists at most 20. */
const TO_INFORM_WORST_CAPTEUR: CompaniesToInform = { total: 75, items: TO_INFORM_WORST.items.slice(0, 20) };

// ---------------------------------------------------------------------------
// Rendered payloads, as Slack receives them (JSON), with just enough typing to inspect them
// ---------------------------------------------------------------------------

interface JText {
  type: string;
  text: string;
}
interface JOption {
  text: JText;
  value: string;
}
interface JConfirm {
  title: JText;
  text: JText;
  confirm: JText;
  deny: JText;
}
interface JElement {
  type: string;
  action_id?: string;
  value?: string;
  style?: string;
  confirm?: JConfirm;
  text?: JText;
  options?: JOption[];
  initial_option?: JOption;
  initial_options?: JOption[];
  initial_value?: string;
  initial_date?: string;
  /** datetimepicker: a Unix time in seconds. */
  initial_date_time?: number;
  initial_conversation?: string;
  filter?: { include?: string[]; exclude_bot_users?: boolean };
  max_length?: number;
  placeholder?: JText;
}
interface JBlock {
  type: string;
  block_id?: string;
  optional?: boolean;
  text?: JText;
  fields?: JText[];
  /** Buttons in an actions block; text objects in a context block (see contextTexts). */
  elements?: JElement[];
  element?: JElement;
  accessory?: JElement;
  label?: JText;
}
interface JPayload {
  type?: string;
  callback_id?: string;
  private_metadata?: string;
  title?: JText;
  submit?: JText;
  close?: JText;
  text?: string;
  blocks: JBlock[];
}

const toJson = (payload: unknown) => JSON.parse(JSON.stringify(payload)) as JPayload;

/** Every button in section accessories and actions blocks. */
const buttons = (p: JPayload): JElement[] =>
  p.blocks
    .flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.type === 'actions' ? (b.elements ?? []) : [])])
    .filter((e) => e.type === 'button');

const inputs = (p: JPayload) => p.blocks.filter((b) => b.type === 'input');
const inputById = (p: JPayload, blockId: string) => {
  const block = inputs(p).find((b) => b.block_id === blockId);
  expect(block, `input block ${blockId}`).toBeDefined();
  return block!;
};

const contextTexts = (b: JBlock): string[] => ((b.elements as unknown as JText[] | undefined) ?? []).map((e) => e.text);

/** Every text a person can read in the payload (fallback text included). */
function visibleTexts(p: JPayload): string[] {
  const out: string[] = [p.text ?? '', p.title?.text ?? ''];
  for (const b of p.blocks) {
    if (b.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    if (b.type === 'context') out.push(...contextTexts(b));
    else for (const e of b.elements ?? []) out.push(e.text?.text ?? '');
    if (b.accessory?.text) out.push(b.accessory.text.text);
  }
  return out;
}
const showsText = (p: JPayload, needle: string) => visibleTexts(p).some((t) => t.includes(needle));

/**
 * Slack also rejects a select or radio group without any option (« must provide at least 1
 * items »), which the validator does not check: every element offering choices has some.
 */
function expectChoicesOffered(p: JPayload) {
  const elements = p.blocks.flatMap((b) => [
    ...(b.element ? [b.element] : []),
    ...(b.accessory ? [b.accessory] : []),
    ...(b.type === 'actions' ? (b.elements ?? []) : []),
  ]);
  for (const el of elements) {
    if (['static_select', 'multi_static_select', 'radio_buttons', 'checkboxes'].includes(el.type))
      expect(el.options?.length, `${el.action_id} options`).toBeGreaterThan(0);
  }
}

/** Checks shared by every modal: input blocks keyed like their element, a way to submit them. */
function expectWellFormedModal(p: JPayload) {
  for (const block of inputs(p)) expect(block.element?.action_id, `input ${block.block_id}`).toBe(block.block_id);
  if (inputs(p).length > 0) expect(p.submit?.text).toBeTruthy();
  expect(p.close?.text).toBeTruthy();
}

// ---------------------------------------------------------------------------
// View-specific checks
// ---------------------------------------------------------------------------

function expectVisitReportModal(p: JPayload, opening: VisitModalInput) {
  expect(p.callback_id).toBe(VIEWS.visitReport);
  expect(p.submit?.text).toBe('Enregistrer');
  expectWellFormedModal(p);
  // Every field the submission handler reads is there, once.
  expect(
    inputs(p)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(Object.values(VISIT_BLOCKS).sort());
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ submissionKey: opening.submissionKey });
  const company = inputById(p, VISIT_BLOCKS.companyId).element!;
  expect(company.action_id).toBe(ACTIONS.companyPicker);
  expect(company.initial_option?.value).toBe(opening.company?.id);
  expect(inputById(p, VISIT_BLOCKS.newSiret).element?.initial_value).toBe(opening.newSiret);
}

function expectVisitSummary(p: JPayload, visit: VisitSummary) {
  // User text reaches mrkdwn escaped (&, <, >), never raw.
  expect(showsText(p, escapeText(visit.company.name).slice(0, 100))).toBe(true);
  expect(showsText(p, '*Premier diagnostic*')).toBe(true);
  expect(showsText(p, escapeText(visit.diagnostic).slice(0, 200))).toBe(true);
  expect(showsText(p, ':warning:')).toBe(visit.redFlags.length > 0);
  expect(showsText(p, visit.stakes.length ? 'Priorité' : 'Aucun enjeu indiqué')).toBe(true);
  expect(showsText(p, 'SIRET')).toBe(visit.company.siret !== null);
}

function expectCompanyCard(p: JPayload, c: CompanyCard, canFileVisit: boolean, canCreateActions = false) {
  expect(p.blocks[0]?.type).toBe('header');
  // The fallback text is mrkdwn too (notifications): the name escaped, never a raw mention.
  expect(p.text).toBe(`Fiche entreprise : ${escapeText(c.name)} (${escapeText(c.commune)})`);
  const sharedShown = p.blocks.filter((b) => b.type === 'section' && b.text?.text.includes('*Diagnostic* :'));
  const maskedShown = p.blocks.filter(
    (b) => b.type === 'context' && contextTexts(b).some((t) => t.includes('contenu non partagé')),
  );
  const shownCount = sharedShown.length + maskedShown.length;
  expect(shownCount).toBeLessThanOrEqual(CARD_VISITS);
  expect(shownCount).toBe(Math.min(c.visits.length, CARD_VISITS));
  expect(sharedShown.length).toBe(c.visits.slice(0, CARD_VISITS).filter((v) => v.shared).length);
  const older = c.visits.length - CARD_VISITS;
  expect(showsText(p, '… et ')).toBe(older > 0);
  if (older > 0) expect(showsText(p, `… et ${older} visite(s) plus ancienne(s).`)).toBe(true);
  if (c.visits.length === 0) expect(showsText(p, 'Aucune visite enregistrée')).toBe(true);
  // Masked visits never show their content, whatever the object carries.
  expect(JSON.stringify(p)).not.toContain(CONFIDENTIAL);
  for (const v of c.visits.slice(0, CARD_VISITS)) {
    if (!v.shared && 'diagnostic' in v && typeof v.diagnostic === 'string')
      expect(JSON.stringify(p)).not.toContain(v.diagnostic.slice(0, 60));
  }
  expect(showsText(p, '_à compléter_')).toBe(c.siret === null);
  const newVisit = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport);
  expect(newVisit.map((b) => b.value)).toEqual(canFileVisit ? [c.id] : []);
  // Open actions: a section listing them, when there are some.
  const actionsShown = p.blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('*Actions en cours ('));
  expect(actionsShown).toHaveLength(c.actions.length > 0 ? 1 : 0);
  if (c.actions.length > 0) {
    const [heading, ...lines] = actionsShown[0]!.text!.text.split('\n');
    expect(heading).toBe(`*Actions en cours (${c.actions.length})*`);
    const first = c.actions[0]!;
    expect(lines[0]).toBe(
      `• ${escapeText(first.title)} — ${escapeText(first.ownerStructure.name)} — ${ACTION_STATUS_LABELS[first.status]}, échéance ${frenchDate(first.dueDate)}`,
    );
    expect(JSON.stringify(p)).not.toContain('<!channel>');
  }
  // « Créer une action » for committee members only, with the company's id.
  const create = buttons(p).filter((b) => b.action_id === ACTION_BUTTONS.create);
  expect(create.map((b) => b.value)).toEqual(canCreateActions ? [c.id] : []);
  expect(p.blocks.some((b) => b.type === 'actions')).toBe(canFileVisit || canCreateActions);
}

function expectAdministration(p: JPayload, s: StructureRow[], m: MemberRow[]) {
  expect(p.text).toBe('Administration de la plateforme');
  expect(showsText(p, `*Structures partenaires (${s.length})*`)).toBe(true);
  expect(showsText(p, `*Membres (${m.length})*`)).toBe(true);
  const edit = buttons(p).filter((b) => b.action_id === ACTIONS.openStructureForm && b.value !== undefined);
  // One « Modifier » per structure while they fit, none (a plain list) beyond.
  expect(edit.map((b) => b.value)).toEqual(s.length <= 30 ? s.map((x) => x.id) : []);
  const actionIds = buttons(p).map((b) => b.action_id);
  expect(actionIds).toContain(ACTIONS.openStructureForm);
  expect(actionIds).toContain(ACTIONS.openMemberForm);
  if (s.length === 0) expect(showsText(p, 'Aucune pour le moment')).toBe(true);
  if (m.length === 0) expect(showsText(p, 'Aucun pour le moment')).toBe(true);
}

function expectHome(p: JPayload, home: HomeInput) {
  expect(p.type).toBe('home');
  if (home.kind === 'unknown') {
    expect(showsText(p, REFUSALS.unknownMember)).toBe(true);
    expect(buttons(p)).toEqual([]);
    return;
  }
  // « Nouvelle visite » without a company (a target's has its company's id: see expectHomeProgrammes).
  const open = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value === undefined);
  // The coordination sees the open alerts, the 15 most pressing listed.
  expect(showsText(p, '*Alertes recrutement en cours (')).toBe(home.coordination !== undefined);
  if (home.coordination)
    expectOpenAlerts(
      p,
      home.coordination.openAlerts,
      home.coordination.clock,
      Math.min(home.coordination.openAlerts.length, 15),
    );
  expectHomeCommittee(p, home.committee);
  expectHomeProgrammes(p, home.programmes);
  if (!home.capteur) {
    // The help is for those the Home has nothing else to show.
    expect(showsText(p, HELP.plateforme)).toBe(home.coordination === undefined);
    expect(open).toEqual([]);
    return;
  }
  expect(open).toHaveLength(1);
  expect(showsText(p, `${home.capteur.visitsThisMonth} visite(s)`)).toBe(true);
  const cards = buttons(p).filter((b) => b.action_id === ACTIONS.showCompanyCard);
  expect(cards.map((b) => b.value)).toEqual(home.capteur.recentVisits.map((v) => v.company.id));
  if (home.capteur.recentVisits.length === 0) expect(showsText(p, 'Aucune visite pour le moment')).toBe(true);
}

const HOME_SESSION_STATUS: Record<CommitteeStatus, string> = {
  planned: 'ordre du jour en préparation',
  agenda_published: 'ordre du jour publié',
  held: 'en séance',
  closed: 'clôturé',
};

/**
 * The Home's committee part: the next session, then the companies still to inform (the 10 oldest,
 * each with « Entreprise informée »; for the coordination, with the capteur who should).
 */
function expectHomeCommittee(p: JPayload, committee: Extract<HomeInput, { kind: 'member' }>['committee']) {
  expect(showsText(p, '*Prochain comité technique*')).toBe(committee !== undefined);
  const informed = p.blocks.filter((b) => b.accessory?.action_id === COMMITTEE_BUTTONS.informed);
  const shown = committee ? committee.toInform.items.slice(0, 10) : [];
  expect(informed.map((b) => b.accessory?.value)).toEqual(shown.map((i) => i.id));
  expect(buttons(p).filter((b) => b.action_id === COMMITTEE_BUTTONS.informed)).toHaveLength(shown.length);
  if (!committee) return;
  const { next, toInform, clock, all } = committee;
  expect(
    showsText(
      p,
      next
        ? `*Prochain comité technique* : ${frenchDateTime(next.scheduledAt, clock.timeZone)} dans <#${next.channelId}> — ${HOME_SESSION_STATUS[next.status]}, ${next.items} entreprise(s).`
        : '*Prochain comité technique* : aucune séance planifiée.',
    ),
  ).toBe(true);
  expect(showsText(p, 'à informer des décisions du comité')).toBe(toInform.total > 0);
  if (toInform.total > 0)
    expect(showsText(p, `:envelope: *${toInform.total} entreprise(s) à informer des décisions du comité*`)).toBe(true);
  expect(informed.map((b) => b.text?.text)).toEqual(
    shown.map(
      (i) =>
        `${escapeText(cut(i.company.name, 150))} — comité du ${frenchDate(i.committee.scheduledAt)}${all && i.broughtBy ? ` — <@${i.broughtBy.slackUserId}>` : ''}`,
    ),
  );
  const more = toInform.total - shown.length;
  expect(showsText(p, '`/comite a-informer`')).toBe(all && more > 0);
  expect(showsText(p, `… et ${more} autre(s).`)).toBe(!all && more > 0);
  expect(JSON.stringify(p)).not.toContain('<!channel>');
}

/** Is the alert waiting for transmission past its deadline (flagged by the job, or not yet)? */
const overdue = (a: Pick<AlertDetails, 'state' | 'deadlineAt' | 'lateAt'>, clock: Clock) =>
  AWAITING_TRANSMISSION.includes(a.state) && (a.lateAt !== null || clock.now >= a.deadlineAt);

/** The state line (stateLine) of an alert, wherever it is shown. */
function expectStateLine(line: string, a: Pick<AlertDetails, 'state' | 'deadlineAt' | 'lateAt'>, clock: Clock) {
  expect(line).toContain(`*${ALERT_STATE_LABELS[a.state]}*`);
  const awaiting = AWAITING_TRANSMISSION.includes(a.state);
  expect(line.includes('en retard'), `« en retard » in ${line}`).toBe(overdue(a, clock));
  expect(line.includes(' :rotating_light: *en retard*'), `flagged late: ${line}`).toBe(overdue(a, clock));
  expect(line.includes(`échéance le ${frenchDateTime(a.deadlineAt, clock.timeZone)}`)).toBe(awaiting);
  expect(line.includes(clock.now >= a.deadlineAt ? 'en retard de' : 'il reste')).toBe(awaiting);
  expect(line.includes('transmise après l’échéance des 48 h')).toBe(!awaiting && a.lateAt !== null);
}

/**
 * The buttons of the next steps (nextActions ∩ `allowed`), each with the alert's id; buttons
 * beyond the procedure (`besides`, checked by the caller) are left out.
 */
function expectAlertButtons(
  p: JPayload,
  alert: AlertDetails,
  allowed: readonly AlertAction[],
  besides: readonly string[] = [],
) {
  const expected = nextActions(alert.state).filter((a) => allowed.includes(a));
  const steps = buttons(p).filter((b) => !besides.includes(b.action_id ?? ''));
  expect(steps.map((b) => [b.action_id, b.value])).toEqual(expected.map((a) => [ALERT_ACTION_IDS[a], alert.id]));
  for (const b of steps) {
    if (b.action_id !== ALERT_ACTION_IDS.diffuser) {
      expect(b.confirm, `${b.action_id} has no confirm dialog`).toBeUndefined();
      continue;
    }
    // Diffusing publishes to every partner: a dialog says so, and whether the name is withheld.
    expect(b.confirm?.title.text).toBeTruthy();
    expect(b.confirm?.confirm.text).toBeTruthy();
    expect(b.confirm?.deny.text).toBeTruthy();
    expect(b.confirm?.text.text).toContain('canal des partenaires');
    expect(b.confirm?.text.text.includes('sans le nom de l’entreprise')).toBe(!alert.consentToName);
  }
}

function expectAlertPage(p: JPayload, alert: AlertDetails, clock: Clock) {
  expect(p.blocks[0]?.type).toBe('header');
  expect(p.blocks[0]?.text?.text).toBe(`Alerte recrutement ${alert.reference}`);
  expect(p.text).toContain(alert.reference);
  expect(p.text).toContain(ALERT_STATE_LABELS[alert.state]);
  // Exactly the next steps of the state machine, none once closed.
  expectAlertButtons(p, alert, nextActions(alert.state), [ACTION_BUTTONS.createFromAlert]);
  if (alert.state === 'cloturee') expect(buttons(p)).toEqual([]);
  // Beyond the procedure: « Créer une action » following the alert, until it is closed.
  const followUp = buttons(p).filter((b) => b.action_id === ACTION_BUTTONS.createFromAlert);
  expect(followUp.map((b) => b.value)).toEqual(alert.state === 'cloturee' ? [] : [alert.id]);
  expect(buttons(p).some((b) => b.action_id === ALERT_ACTION_IDS.diffuser)).toBe(alert.state === 'offre_enregistree');
  expectStateLine(p.blocks[1]?.text?.text ?? '', alert, clock);
  // What people typed is shown, escaped.
  expect(showsText(p, `*${escapeText(alert.company.name)}*`)).toBe(true);
  expect(showsText(p, `*Urgence* : ${escapeText(alert.urgency).slice(0, 500)}`)).toBe(true);
  for (const position of alert.positions) expect(showsText(p, positionLine(position))).toBe(true);
  expect(showsText(p, escapeText(alert.contactName))).toBe(true);
  expect(showsText(p, `*Nommer l'entreprise aux partenaires*\n${alert.consentToName ? 'Oui' : 'Non'}`)).toBe(true);
  expect(showsText(p, alert.coordinator ? `<@${alert.coordinator.slackUserId}>` : '_personne pour le moment_')).toBe(
    true,
  );
  expect(showsText(p, '*Offre France Travail*')).toBe(alert.offerReference !== null);
  if (alert.offerReference !== null) expect(showsText(p, `réf. *${escapeText(alert.offerReference)}*`)).toBe(true);
  expect(showsText(p, '*Issue*')).toBe(alert.outcome !== null);
  if (alert.outcome) expect(showsText(p, OUTCOME_LABELS[alert.outcome])).toBe(true);
  // The history names every step reached.
  const history = contextTexts(p.blocks[p.blocks.length - 1]!).join(' ');
  for (const t of alert.transitions) expect(history).toContain(ALERT_STATE_LABELS[t.to]);
}

function expectFranceTravailRequest(p: JPayload, alert: AlertDetails, clock: Clock) {
  expect(p.blocks[0]?.text?.text).toBe(`Besoin urgent de recrutement ${alert.reference}`);
  // Only the adviser's own step, and only while France Travail holds the need.
  expectAlertButtons(p, alert, ['enregistrer_offre']);
  expect(buttons(p).map((b) => b.action_id)).toEqual(
    alert.state === 'transmise' ? [ALERT_ACTION_IDS.enregistrer_offre] : [],
  );
  expect(showsText(p, `*${escapeText(alert.company.name)}*`)).toBe(true);
  expect(showsText(p, 'SIRET')).toBe(alert.company.siret !== null);
  for (const position of alert.positions) expect(showsText(p, positionLine(position))).toBe(true);
  expect(showsText(p, escapeText(alert.contactName))).toBe(true);
  const last = p.blocks[p.blocks.length - 1]!;
  expect(last.type).toBe('context');
  expectStateLine(contextTexts(last).join(''), alert, clock);
}

/** What the news of a move into each state says. */
const NEWS_SAYS: Record<AlertState, string> = {
  signalee: 'est enregistrée et la coordination est prévenue',
  prise_en_charge: 'est prise en charge',
  transmise: 'est transmise à France Travail',
  offre_enregistree: "France Travail a enregistré l'offre",
  diffusee: 'est diffusée aux partenaires',
  cloturee: 'est close',
};

function expectNews(p: JPayload, alert: AlertDetails, transition: AlertTransitionRow) {
  const said = p.blocks[0]?.text?.text ?? '';
  for (const [state, words] of Object.entries(NEWS_SAYS))
    expect(said.includes(words), `${state}: ${words}`).toBe(state === transition.to);
  expect(said).toContain(`*${alert.reference}*`);
  // Who did it, when we know (the capteur raised it: no « par »).
  const by = transition.to !== 'signalee' && transition.actor ? ` par <@${transition.actor.slackUserId}>` : '';
  expect(said.includes(' par <@')).toBe(by !== '');
  if (by) expect(said).toContain(by);
  if (transition.to === 'signalee') expect(said).toContain(`*${DEADLINE_TEXT}*`);
  if (transition.to === 'cloturee' && alert.outcome)
    expect(said).toContain(OUTCOME_LABELS[alert.outcome].toLowerCase());
  // The notification text: no mrkdwn stars, times intact.
  expect(p.text).not.toContain('*');
  expect(p.text).toContain(NEWS_SAYS[transition.to]);
  if (transition.to === 'signalee') expect(p.text).toContain(DEADLINE_TEXT);
  expect(showsText(p, `*${escapeText(alert.company.name)}*`)).toBe(true);
  expect(buttons(p)).toEqual([]);
}

function expectDiffusion(p: JPayload, alert: AlertDetails) {
  expect(alert.offerReference).not.toBeNull();
  expect(showsText(p, `réf. *${escapeText(alert.offerReference ?? '')}*`)).toBe(true);
  for (const position of alert.positions) expect(showsText(p, positionLine(position))).toBe(true);
  expect(buttons(p)).toEqual([]);
  const json = JSON.stringify(p);
  const name = alert.company.name;
  if (alert.consentToName) {
    expect(showsText(p, `*${escapeText(name)} — ${escapeText(alert.company.commune)}*`)).toBe(true);
  } else {
    // Not in any form: raw, escaped, nor its beginning.
    for (const fragment of [name, escapeText(name), name.slice(0, 30)]) expect(json).not.toContain(fragment);
    expect(showsText(p, `*Une entreprise de ${escapeText(alert.company.commune)}*`)).toBe(true);
  }
  // The company's contact stays between the platform and France Travail.
  expect(json).not.toContain(escapeText(alert.contactName));
}

/** The open alerts list (message or Home): a count, then the first `shown`, each with its clock. */
function expectOpenAlerts(p: JPayload, alerts: OpenAlert[], clock: Clock, shown: number) {
  expect(showsText(p, `*Alertes recrutement en cours (${alerts.length})*`)).toBe(true);
  const sections = p.blocks.filter((b) => b.type === 'section' && /^\*ALR-\d{4}-\d{4}\*/.test(b.text?.text ?? ''));
  expect(sections.map((b) => b.text?.text.slice(1, 14))).toEqual(alerts.slice(0, shown).map((a) => a.reference));
  sections.forEach((b, i) => {
    const a = alerts[i]!;
    const [what = '', clockLine = ''] = (b.text?.text ?? '').split('\n');
    expect(what).toContain(escapeText(a.company.name));
    for (const position of a.positions) expect(what).toContain(`${escapeText(position.jobTitle)} ×${position.count}`);
    expectStateLine(clockLine, a, clock);
  });
  expect(showsText(p, 'Aucune alerte recrutement en cours.')).toBe(alerts.length === 0);
}

function expectAlertReportModal(p: JPayload, opening: AlertModalInput) {
  expect(p.callback_id).toBe(VIEWS.alertReport);
  expectWellFormedModal(p);
  // Every field the submission handler reads, once, keyed by ALERT_BLOCKS.
  expect(
    inputs(p)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(Object.values(ALERT_BLOCKS).sort());
  // Required: the first position, why it is urgent, who to call, and the consent to be named.
  expect(
    inputs(p)
      .filter((b) => !b.optional)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(
    [
      ALERT_BLOCKS.p1Title,
      ALERT_BLOCKS.p1Count,
      ALERT_BLOCKS.p1Contract,
      ALERT_BLOCKS.p1Location,
      ALERT_BLOCKS.urgency,
      ALERT_BLOCKS.contactName,
      ALERT_BLOCKS.consentToName,
    ].sort(),
  );
  expect(inputById(p, ALERT_BLOCKS.consentToName).element?.options?.map((o) => o.value)).toEqual(['oui', 'non']);
  expect(inputById(p, ALERT_BLOCKS.p1Contract).element?.options?.map((o) => o.value)).toEqual(
    Object.keys(CONTRACT_LABELS),
  );
  expect(inputById(p, ALERT_BLOCKS.urgency).element?.max_length).toBe(1000);
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ submissionKey: opening.submissionKey });
  const company = inputById(p, ALERT_BLOCKS.companyId).element!;
  expect(company.action_id).toBe(ACTIONS.companyPicker);
  expect(company.initial_option?.value).toBe(opening.company?.id);
  expect(inputById(p, ALERT_BLOCKS.newSiret).element?.initial_value).toBe(opening.newSiret);
}

/** The forms that act on one alert: their inputs, and the alert they act on. */
function expectAlertForm(
  p: JPayload,
  callbackId: string,
  blocks: Record<string, string>,
  alert: { id: string; reference: string },
) {
  expect(p.callback_id).toBe(callbackId);
  expectWellFormedModal(p);
  expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(blocks));
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ alertId: alert.id });
  expect(showsText(p, `Alerte ${alert.reference}`)).toBe(true);
}

/** The e-mail shown in the « Transmettre » modal: every code block, joined. */
const shownEmail = (p: JPayload) =>
  p.blocks
    .map((b) => b.text?.text ?? '')
    .filter((t) => t.startsWith('```'))
    .map((t) => t.slice(3, -3))
    .join('\n');

function expectTransmitByEmail(p: JPayload, alert: AlertDetails, to: string | undefined) {
  expect(p.callback_id).toBe(VIEWS.alertTransmitByEmail);
  expectWellFormedModal(p);
  expect(p.submit?.text).toBe('C’est envoyé');
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ alertId: alert.id });
  const email = shownEmail(p);
  expect(email.startsWith(`À : ${escapeText(to ?? '')}`)).toBe(to !== undefined);
  expect(showsText(p, `(${escapeText(to ?? '')})`)).toBe(to !== undefined);
  // The whole e-mail, escaped: nothing France Travail needs may be cut off.
  expect(email.replace(/\n/g, '')).toBe(escapeText(franceTravailEmail(alert, to).body).replace(/\n/g, ''));
}

/** Is the action open and due before today? A done or abandoned action is never late. */
const actionLate = (a: Pick<ActionDetails, 'status' | 'dueDate'>, clock: ActionClock) =>
  OPEN_STATUSES.includes(a.status) && a.dueDate.toISOString().slice(0, 10) < clock.today;

/** Nothing people typed reaches the payload as a mention or a link. */
function expectNoRawMarkup(p: JPayload) {
  const json = JSON.stringify(p);
  for (const raw of RAW_MARKUP) expect(json, raw).not.toContain(raw);
}

/**
 * The buttons of the given actions, in order: « En cours » when it is a next status, then
 * status, note and due date, each with the action's id; none for a final action.
 */
function expectActionButtons(p: JPayload, listed: ActionDetails[]) {
  const expected = listed.flatMap((a) =>
    NEXT_STATUSES[a.status].length === 0
      ? []
      : [
          ...(NEXT_STATUSES[a.status].includes('en_cours') ? [ACTION_BUTTONS.start] : []),
          ACTION_BUTTONS.status,
          ACTION_BUTTONS.note,
          ACTION_BUTTONS.due,
        ].map((actionId) => [actionId, a.id]),
  );
  expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual(expected);
  for (const b of buttons(p).filter((x) => x.action_id === ACTION_BUTTONS.start)) expect(b.text?.text).toBe('En cours');
}

/** The summary of an action (its message, its news, /actions): what, for whom, who, by when. */
function expectActionSummary(text: string, a: ActionDetails, clock: ActionClock) {
  const [what = '', company = '', who = '', ...rest] = text.split('\n');
  expect(what).toContain(`*${escapeText(a.title)}* — ${ACTION_STATUS_LABELS[a.status]}`);
  expect(company).toContain(`*${escapeText(a.company.name)}* (${escapeText(a.company.commune)})`);
  expect(
    company.endsWith(
      `pour ${ACTION_TARGET_LABELS[a.target].toLowerCase()}${a.stake ? ` · ${STAKE_LABELS[a.stake]}` : ''}`,
    ),
  ).toBe(true);
  expect(who.startsWith(`Suivie par ${escapeText(a.ownerStructure.name)}`)).toBe(true);
  // The member who follows it is mentioned, when there is one; typed text never mentions anyone.
  expect(who.includes('<@')).toBe(a.ownerMember !== null);
  if (a.ownerMember) expect(who).toContain(` — <@${a.ownerMember.slackUserId}> · `);
  expect(who).toContain(`Échéance ${frenchDate(a.dueDate)}`);
  expect(text.includes('en retard'), `« en retard » in ${who}`).toBe(actionLate(a, clock));
  expect(who.endsWith(' — *en retard*')).toBe(actionLate(a, clock));
  const note = rest.join('\n');
  expect(note !== '').toBe(a.statusNote !== null);
  if (a.statusNote) expect(note.startsWith(`_${escapeText(a.statusNote).slice(0, 300)}`)).toBe(true);
}

function expectActionMessage(p: JPayload, a: ActionDetails, clock: ActionClock) {
  expect(p.text).toBe(
    `Action : ${escapeText(a.title)} (${escapeText(a.company.name)}) — ${ACTION_STATUS_LABELS[a.status]}`,
  );
  expectActionSummary(p.blocks[0]?.text?.text ?? '', a, clock);
  // The description, when there is one, right under the summary.
  const description = p.blocks[1]?.type === 'section' ? (p.blocks[1].text?.text ?? '') : null;
  expect(description !== null).toBe(a.description !== null);
  if (a.description) expect(description?.startsWith(escapeText(a.description).slice(0, 1000))).toBe(true);
  expectActionButtons(p, [a]);
  expect(p.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id)).toEqual(
    NEXT_STATUSES[a.status].length ? ['action_buttons'] : [],
  );
  // The last update says when, and who made it.
  const last = a.updates[0];
  const lastBlock = p.blocks[p.blocks.length - 1]!;
  expect(lastBlock.type === 'context').toBe(last !== undefined);
  if (last) {
    const lastLine = contextTexts(lastBlock).join('');
    expect(
      lastLine.startsWith(
        `Dernière mise à jour le ${frenchDateTime(last.at, clock.timeZone)} par <@${last.actor.slackUserId}>`,
      ),
    ).toBe(true);
    expect(lastLine.includes(' : ')).toBe(last.note !== null);
    if (last.note) expect(lastLine).toContain(` : ${escapeText(last.note).slice(0, 250)}`);
  }
  expectNoRawMarkup(p);
}

/** What a DM to the owner says first, by the kind of the last update. */
function expectActionNews(p: JPayload, a: ActionDetails, clock: ActionClock) {
  const last = a.updates[0]!;
  const what = last.kind === 'creation' ? 'vous a confié une action' : 'a mis à jour une de vos actions';
  expect(p.blocks[0]?.text?.text).toBe(`<@${last.actor.slackUserId}> ${what} :`);
  expect(p.text).toBe(`Action : ${escapeText(a.title)} (${escapeText(a.company.name)})`);
  expectActionSummary(p.blocks[1]?.text?.text ?? '', a, clock);
  expectActionButtons(p, [a]);
  expectNoRawMarkup(p);
}

/** The morning digest: the overdue ones, then those due soon, at most 20 of each listed. */
function expectActionDigest(p: JPayload, items: DigestItem[], clock: ActionClock) {
  const late = items.filter((a) => a.dueDate.toISOString().slice(0, 10) < clock.today);
  const soon = items.filter((a) => !late.includes(a));
  expect(p.text).toBe(`Vos actions : ${late.length} en retard, ${soon.length} à échéance proche`);
  for (const [title, list] of [
    ['En retard', late],
    ['À échéance proche', soon],
  ] as const) {
    const part = visibleTexts(p).find((t) => t.startsWith(`*${title} (`));
    expect(part !== undefined, title).toBe(list.length > 0);
    if (!part || list.length === 0) continue;
    const [heading, ...lines] = part.split('\n');
    expect(heading).toBe(`*${title} (${list.length})*`);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines[0]).toBe(
      `• *${escapeText(list[0]!.title)}* — ${escapeText(list[0]!.company.name)} — échéance ${frenchDate(list[0]!.dueDate)} (${ACTION_STATUS_LABELS[list[0]!.status].toLowerCase()})`,
    );
  }
  expect(showsText(p, '`/actions`')).toBe(true);
  expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

/** /actions: mine, then my structure's, each counted and cut to its 10 most urgent. */
function expectMyActions(p: JPayload, list: { mine: ActionDetails[]; structure: ActionDetails[] }, clock: ActionClock) {
  const total = list.mine.length + list.structure.length;
  expect(p.text).toBe(`${total} action(s) en cours`);
  expect(showsText(p, `*Vos actions en cours (${list.mine.length})*`)).toBe(list.mine.length > 0);
  expect(showsText(p, `*Les autres actions de votre structure (${list.structure.length})*`)).toBe(
    list.structure.length > 0,
  );
  const shown = [...list.mine.slice(0, 10), ...list.structure.slice(0, 10)];
  const summaries = p.blocks.filter((b) => b.type === 'section' && /^:\w+: \*/.test(b.text?.text ?? ''));
  expect(summaries).toHaveLength(shown.length);
  for (const [i, b] of summaries.entries()) expectActionSummary(b.text?.text ?? '', shown[i]!, clock);
  expectActionButtons(p, shown);
  // One actions block per open action, each with its own block_id.
  const blockIds = p.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id);
  expect(blockIds).toHaveLength(shown.filter((a) => NEXT_STATUSES[a.status].length > 0).length);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  expect(showsText(p, 'Les 10 plus urgentes de chaque liste.')).toBe(
    list.mine.length > 10 || list.structure.length > 10,
  );
  expect(showsText(p, 'Aucune action en cours pour vous ni pour votre structure.')).toBe(total === 0);
  if (total === 0) expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

function expectActionCreateModal(p: JPayload, opening: ActionCreateInput) {
  expect(p.callback_id).toBe(VIEWS.actionCreate);
  expectWellFormedModal(p);
  expect(p.submit?.text).toBe('Créer');
  // Every field the submission handler reads, once, keyed by ACTION_BLOCKS (block_id === action_id).
  expect(
    inputs(p)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual(Object.values(ACTION_BLOCKS).sort());
  for (const b of inputs(p)) expect(b.element?.action_id, b.block_id).toBe(b.block_id);
  expect(
    inputs(p)
      .filter((b) => !b.optional)
      .map((b) => b.block_id)
      .sort(),
  ).toEqual([ACTION_BLOCKS.title, ACTION_BLOCKS.target, ACTION_BLOCKS.ownerStructureId, ACTION_BLOCKS.dueDate].sort());
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    submissionKey: opening.submissionKey,
    companyId: opening.company.id,
    ...(opening.alertId ? { alertId: opening.alertId } : {}),
  });
  expect(inputById(p, ACTION_BLOCKS.title).element?.max_length).toBe(150);
  expect(inputById(p, ACTION_BLOCKS.description).element?.max_length).toBe(2000);
  expect(inputById(p, ACTION_BLOCKS.target).element?.options?.map((o) => o.value)).toEqual(
    Object.keys(ACTION_TARGET_LABELS),
  );
  expect(inputById(p, ACTION_BLOCKS.stake).element?.options?.map((o) => o.value)).toEqual(Object.keys(STAKE_LABELS));
  // A static select holds 100 options at most: the first 100 structures.
  const structureOptions = inputById(p, ACTION_BLOCKS.ownerStructureId).element?.options ?? [];
  expect(structureOptions.map((o) => o.value)).toEqual(opening.structures.slice(0, 100).map((s) => s.id));
  expect(inputById(p, ACTION_BLOCKS.ownerMemberSlackId).element?.type).toBe('users_select');
  expect(inputById(p, ACTION_BLOCKS.dueDate).element?.initial_date).toBe(opening.today);
  expect(showsText(p, `Entreprise : *${escapeText(opening.company.name).slice(0, 150)}`)).toBe(true);
  expect(JSON.stringify(p)).not.toContain('<Berry>');
}

/** The forms that change one action: their inputs, and the action they change. */
function expectActionChangeModal(p: JPayload, callbackId: string, blockIds: string[], a: ActionDetails) {
  expect(p.callback_id).toBe(callbackId);
  expectWellFormedModal(p);
  expect(inputs(p).map((b) => b.block_id)).toEqual(blockIds);
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({ actionId: a.id });
  expect(showsText(p, `*${escapeText(a.title)}* — `)).toBe(true);
  expect(showsText(p, ACTION_STATUS_LABELS[a.status])).toBe(true);
  expectNoRawMarkup(p);
}

function expectActionStatusModal(p: JPayload, a: ActionDetails) {
  expectActionChangeModal(p, VIEWS.actionStatus, [ACTION_CHANGE_BLOCKS.status, ACTION_CHANGE_BLOCKS.note], a);
  const radios = inputById(p, ACTION_CHANGE_BLOCKS.status).element!;
  expect(radios.type).toBe('radio_buttons');
  expect(radios.options?.map((o) => o.value)).toEqual(NEXT_STATUSES[a.status]);
  expect(radios.options?.map((o) => o.text.text)).toEqual(NEXT_STATUSES[a.status].map((s) => ACTION_STATUS_LABELS[s]));
  expect(inputById(p, ACTION_CHANGE_BLOCKS.note).optional).toBe(true);
  expect(inputById(p, ACTION_CHANGE_BLOCKS.note).element?.max_length).toBe(1000);
}

function expectActionDueModal(p: JPayload, a: ActionDetails, initialDate: string) {
  expectActionChangeModal(p, VIEWS.actionDue, [ACTION_CHANGE_BLOCKS.dueDate, ACTION_CHANGE_BLOCKS.reason], a);
  expect(showsText(p, `Échéance actuelle : ${frenchDate(a.dueDate)}`)).toBe(true);
  expect(inputById(p, ACTION_CHANGE_BLOCKS.dueDate).element?.initial_date).toBe(initialDate);
  expect(inputById(p, ACTION_CHANGE_BLOCKS.reason).element?.max_length).toBe(1000);
}

/** What the coordination can do with a session, by its status (nothing once closed). */
const SESSION_BUTTONS: Record<CommitteeStatus, string[]> = {
  planned: [
    COMMITTEE_BUTTONS.publish,
    COMMITTEE_BUTTONS.editAgenda,
    COMMITTEE_BUTTONS.reschedule,
    COMMITTEE_BUTTONS.cancel,
  ],
  agenda_published: [COMMITTEE_BUTTONS.close],
  held: [COMMITTEE_BUTTONS.close],
  closed: [],
};
const SESSION_BUTTON_TEXTS: Record<string, string> = {
  [COMMITTEE_BUTTONS.publish]: 'Publier l’ordre du jour',
  [COMMITTEE_BUTTONS.editAgenda]: 'Modifier l’ordre du jour',
  [COMMITTEE_BUTTONS.reschedule]: 'Déplacer',
  [COMMITTEE_BUTTONS.cancel]: 'Annuler la séance',
  [COMMITTEE_BUTTONS.close]: 'Clôturer le comité',
};

type CommitteesOptions = Parameters<typeof committeesMessage>[2];

/**
 * /comite: each session with its channel, status and agenda size, followed for the coordination
 * by its next steps (own actions block); then the companies to inform and the rhythm, for the
 * coordination only.
 */
function expectCommittees(p: JPayload, list: CommitteeSummary[], options: CommitteesOptions, clock: Clock) {
  const { canRun, toInform, rhythm } = options;
  expect(p.text).toBe('Comités techniques');
  expect(p.blocks[0]?.text?.text).toBe('*Comités techniques*');
  expect(showsText(p, 'Aucune séance planifiée.')).toBe(list.length === 0);
  // The layout: each session's section, right after it its buttons, then the coordination's lines.
  expect(p.blocks.map((b) => [b.type, b.block_id])).toEqual([
    ['section', undefined],
    ...(list.length === 0 ? [['context', undefined]] : []),
    ...list.flatMap((c) => [
      ['section', undefined],
      ...(canRun && SESSION_BUTTONS[c.status].length ? [['actions', `committee_${c.id}`]] : []),
    ]),
    ...(canRun && toInform ? [['context', undefined]] : []),
    ...(canRun && rhythm ? [['context', undefined]] : []),
    ...(canRun ? [['actions', 'committee_actions']] : []),
  ]);
  const sessions = p.blocks.filter((b) => b.type === 'section' && (b.text?.text ?? '').includes('<#'));
  expect(sessions).toHaveLength(list.length);
  sessions.forEach((b, i) => {
    const c = list[i]!;
    const text = b.text?.text ?? '';
    expect(text.startsWith(`*${frenchDateTime(c.scheduledAt, clock.timeZone)}* — `)).toBe(true);
    // The channel as a link Slack renders: <#C…>.
    expect(text).toMatch(/ — <#C[0-9A-Z]+> — /);
    expect(text).toContain(` — <#${c.channelId}> — `);
    expect(text).toContain(` — ${COMMITTEE_STATUS_LABELS[c.status]} — `);
    expect(text).toContain(`${c._count.items} entreprise(s) à l'ordre du jour`);
    // Once published, the count links to the agenda's header in the channel.
    expect(
      text.endsWith(
        c.agendaPermalink
          ? `<${c.agendaPermalink}|${c._count.items} entreprise(s) à l'ordre du jour>`
          : ` — ${c._count.items} entreprise(s) à l'ordre du jour`,
      ),
    ).toBe(true);
    expect(b.accessory).toBeUndefined();
  });
  // Each session's buttons carry its id: publish, edit, move or cancel a planned one; close one whose agenda is out.
  expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual(
    canRun
      ? [...list.flatMap((c) => SESSION_BUTTONS[c.status].map((id) => [id, c.id])), [COMMITTEE_BUTTONS.plan, undefined]]
      : [],
  );
  for (const b of buttons(p)) {
    if (b.action_id === COMMITTEE_BUTTONS.plan) {
      expect(b.text?.text).toBe('Planifier une séance');
      continue;
    }
    expect(b.text?.text).toBe(SESSION_BUTTON_TEXTS[b.action_id ?? '']);
    expect(b.style).toBe(b.action_id === COMMITTEE_BUTTONS.publish ? 'primary' : undefined);
    // Cancelling and closing cannot be undone: a dialog asks first.
    if (b.action_id === COMMITTEE_BUTTONS.cancel) {
      expect(b.confirm?.title.text).toBe('Annuler la séance ?');
      expect(b.confirm?.text.text).toContain('séance suivante');
      expect(b.confirm?.confirm.text).toBe('Annuler la séance');
      expect(b.confirm?.deny.text).toBe('Retour');
    } else if (b.action_id === COMMITTEE_BUTTONS.close) {
      expect(b.confirm?.title.text).toBe('Clôturer le comité ?');
      expect(b.confirm?.text.text).toContain('relevé de décisions');
      expect(b.confirm?.confirm.text).toBe('Clôturer');
      expect(b.confirm?.deny.text).toBe('Retour');
    } else expect(b.confirm, b.action_id).toBeUndefined();
  }
  const blockIds = p.blocks.filter((b) => b.type === 'actions').map((b) => b.block_id);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  expect(showsText(p, '`/comite a-informer`')).toBe(canRun && Boolean(toInform));
  if (canRun && toInform)
    expect(
      showsText(
        p,
        `:envelope: ${toInform} entreprise(s) pas encore informée(s) des décisions du comité : \`/comite a-informer\`.`,
      ),
    ).toBe(true);
  expect(showsText(p, 'Séances proposées automatiquement')).toBe(canRun && Boolean(rhythm));
  if (canRun && rhythm) expect(showsText(p, `Séances proposées automatiquement le ${rhythm}.`)).toBe(true);
}

/**
 * A list in a section, cut at whole characters within 3000: its heading, then every line, or the
 * lines that fit in order and the beginning of the next one, ending with « … ».
 */
function expectListSection(text: string, heading: string, full: string[]) {
  expect(Array.from(text).length).toBeLessThanOrEqual(3000);
  const [first, ...lines] = text.split('\n');
  expect(first).toBe(heading);
  if (Array.from([heading, ...full].join('\n')).length <= 3000) {
    expect(lines).toEqual(full);
    return;
  }
  const last = lines[lines.length - 1]!;
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.length).toBeLessThan(full.length);
  expect(lines.slice(0, -1)).toEqual(full.slice(0, lines.length - 1));
  expect(last.endsWith('…')).toBe(true);
  expect(full[lines.length - 1]!.startsWith(last.slice(0, -1))).toBe(true);
}

/**
 * The agenda's header: a plain_text header, the companies in rank order, then the open actions to
 * review (when there are some, with how many are not listed), and the note to read the agenda.
 */
function expectAgendaHeader(p: JPayload, committee: CommitteeDetails, review: ActionsForReview, clock: Clock) {
  // Local date and time: a session early in the morning in Paris is not dated the day before.
  expect(p.text).toMatch(/^Ordre du jour du comité technique du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);
  const unlisted = review.total - review.actions.length;
  expect(p.blocks.map((b) => b.type)).toEqual([
    'header',
    'section',
    ...(review.total ? ['section', ...(unlisted > 0 ? ['context'] : [])] : []),
    'context',
  ]);
  const [head, agenda] = p.blocks;
  expect(head?.text?.type).toBe('plain_text');
  expect(head?.text?.text).toBe(`Comité technique du ${frenchDateTime(committee.scheduledAt, clock.timeZone)}`);
  expect(Array.from(head?.text?.text ?? '').length).toBeLessThanOrEqual(150);
  const companies = committee.items.map(
    (i) => `${i.rank}. ${escapeText(cut(i.company.name, 120))} (${escapeText(i.company.commune)})`,
  );
  expectListSection(
    agenda?.text?.text ?? '',
    `*Ordre du jour — ${committee.items.length} entreprise(s)*`,
    companies.length ? companies : ['_Aucune entreprise pour cette séance._'],
  );
  expect(showsText(p, '*Actions à faire le point')).toBe(review.total > 0);
  if (review.total) {
    const lines = review.actions.map(
      (a) =>
        `• ${escapeText(cut(a.title, 120))} — ${escapeText(cut(a.company.name, 80))} — ${escapeText(a.ownerStructure.name)} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
    );
    expectListSection(
      p.blocks[2]?.text?.text ?? '',
      `*Actions à faire le point — ${review.total} échue(s) d'ici la séance ou bloquée(s)*`,
      lines,
    );
  }
  expect(showsText(p, '… et ')).toBe(unlisted > 0);
  if (unlisted > 0)
    expect(contextTexts(p.blocks[3]!)).toEqual([
      `… et ${unlisted} autre(s) : chaque action a son message dans ce canal.`,
    ]);
  expect(contextTexts(p.blocks[p.blocks.length - 1]!).join('')).toContain('merci de les lire avant la séance');
  expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

/** To the coordinators: the session the rhythm proposed, where, how many companies, and where to change it. */
function expectCommitteeProposed(p: JPayload, committee: CommitteeDetails, clock: Clock, agendaDaysBefore: number) {
  const when = frenchDateTime(committee.scheduledAt, clock.timeZone);
  expect(p.text).toBe(`Comité technique proposé le ${when}`);
  expect(p.blocks.map((b) => b.type)).toEqual(['section', 'context']);
  const said = p.blocks[0]?.text?.text ?? '';
  expect(said).toContain(`proposé le *${when}* dans <#${committee.channelId}>`);
  expect(said).toContain(`${committee.items.length} entreprise(s) à l'ordre du jour`);
  const note = contextTexts(p.blocks[1]!).join('');
  expect(note).toContain(`publié ${agendaDaysBefore} jour(s) avant`);
  expect(note).toContain('`/comite`');
  expect(buttons(p)).toEqual([]);
}

/** One company to inform: its escaped name and commune, its session, since when it is closed (and who brought it). */
function toInformLine(item: ToInformItem, withCapteur: boolean) {
  const by = item.broughtBy;
  const who =
    withCapteur && by ? ` — <@${by.slackUserId}>${by.structure ? ` (${escapeText(by.structure.name)})` : ''}` : '';
  return `*${escapeText(cut(item.company.name, 150))}* (${escapeText(item.company.commune)}) — comité du ${frenchDate(item.committee.scheduledAt)}, clôturé il y a ${INFORM_DAYS} jour(s)${who}`;
}

/** The capteur's reminder: how many, the 20 oldest each with « Entreprise informée », how many more. */
function expectInformReminder(p: JPayload, list: CompaniesToInform) {
  const shown = list.items.slice(0, 20);
  const more = list.total - shown.length;
  expect(p.text).toBe(`${list.total} entreprise(s) à informer des décisions du comité technique`);
  expect(p.blocks[0]?.text?.text.startsWith(`:envelope: *${list.total} entreprise(s) que vous avez présentée(s)`)).toBe(
    true,
  );
  expect(p.blocks).toHaveLength(1 + shown.length + (more > 0 ? 1 : 0));
  p.blocks.slice(1, 1 + shown.length).forEach((b, i) => {
    expect(b.text?.text).toBe(toInformLine(shown[i]!, false));
    expect(b.accessory?.text?.text).toBe('Entreprise informée');
    expect(b.accessory?.style).toBe('primary');
  });
  expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual(shown.map((i) => [COMMITTEE_BUTTONS.informed, i.id]));
  expect(showsText(p, '… et ')).toBe(more > 0);
  if (more > 0) expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([`… et ${more} autre(s).`]);
  expectNoRawMarkup(p);
}

/** /comite a-informer: how many, the 40 oldest with who brought them and the reminders sent. */
function expectCompaniesToInform(p: JPayload, list: CompaniesToInform) {
  const shown = list.items.slice(0, 40);
  expect(p.text).toBe('Entreprises à informer des décisions du comité');
  expect(p.blocks[0]?.text?.text).toBe(`*Entreprises pas encore informées des décisions du comité (${list.total})*`);
  expect(showsText(p, 'Toutes les entreprises examinées ont été informées.')).toBe(list.total === 0);
  const lines = p.blocks.filter((b) => b.accessory?.action_id === COMMITTEE_BUTTONS.informed);
  expect(lines.map((b) => b.text?.text)).toEqual(
    shown.map((i) => `${toInformLine(i, true)}${i.informReminders ? ` — ${i.informReminders} rappel(s)` : ''}`),
  );
  expect(buttons(p).map((b) => [b.action_id, b.value, b.style])).toEqual(
    shown.map((i) => [COMMITTEE_BUTTONS.informed, i.id, undefined]),
  );
  expect(showsText(p, 'plus anciennes sur')).toBe(list.total > 40);
  if (list.total > 40)
    expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([`… les 40 plus anciennes sur ${list.total}.`]);
  expectNoRawMarkup(p);
}

/** Editing a draft agenda: its first 100 companies all selected, the others kept aside in the metadata. */
function expectAgendaEditModal(p: JPayload, draft: DraftAgenda, clock: { timeZone: string }) {
  const listed = draft.items.slice(0, 100);
  const beyond = draft.items.slice(100);
  expect(p.callback_id).toBe(VIEWS.agendaEdit);
  expectWellFormedModal(p);
  expect(p.submit?.text).toBe('Enregistrer');
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    committeeId: draft.id,
    shownUpToRank: draft.items.slice(0, 100).at(-1)?.rank ?? 0,
  });
  expect(contextTexts(p.blocks[0]!)).toEqual([
    `Comité du *${frenchDateTime(draft.scheduledAt, clock.timeZone)}* — ${draft.items.length} entreprise(s) à l'ordre du jour.`,
  ]);
  // No empty select: without any company, only the type-ahead to add some.
  expect(inputs(p).map((b) => b.block_id)).toEqual([
    ...(listed.length ? [AGENDA_EDIT_BLOCKS.keep] : []),
    AGENDA_EDIT_BLOCKS.add,
  ]);
  expect(inputs(p).every((b) => b.optional)).toBe(true);
  if (listed.length) {
    const keep = inputById(p, AGENDA_EDIT_BLOCKS.keep).element!;
    expect(keep.type).toBe('multi_static_select');
    const labels = listed.map((i) => cut(`${i.rank}. ${i.company.name} (${i.company.commune})`, 75));
    expect(keep.options?.map((o) => [o.value, o.text.text])).toEqual(listed.map((i, n) => [i.id, labels[n]]));
    expect(keep.initial_options?.map((o) => o.value)).toEqual(listed.map((i) => i.id));
  }
  expect(inputById(p, AGENDA_EDIT_BLOCKS.add).element?.type).toBe('multi_external_select');
  expect(showsText(p, 'dernières entreprises restent')).toBe(beyond.length > 0);
  if (beyond.length)
    expect(showsText(p, `Les ${beyond.length} dernières entreprises restent à l'ordre du jour`)).toBe(true);
}

const byDateDesc = (visits: AgendaVisit[]) => [...visits].sort((a, b) => b.visitDate.getTime() - a.visitDate.getTime());

/**
 * One company of the agenda: who it is, who brought it, the flags of its shared visits, then its
 * 5 latest visits — shared ones in full (escaped), private ones as a single « contenu non partagé » line.
 */
function expectAgendaItem(p: JPayload, item: AgendaItemDetails) {
  const c = item.company;
  const json = JSON.stringify(p);
  expect(p.text).toBe(`Ordre du jour ${item.rank} : ${escapeText(c.name)}`);
  expect(p.blocks[0]?.text?.text).toBe(`*${item.rank}. ${escapeText(c.name)}* — ${escapeText(c.commune)}`);
  const facts = p.blocks[1]?.fields?.map((f) => f.text) ?? [];
  const naf = findNafSubclass(c.nafCode);
  const band = findHeadcountBand(c.headcountBand);
  expect(facts[0]).toBe(`*Activité*\n${c.nafCode} — ${naf?.label ?? 'code inconnu'}`);
  expect(facts[1]).toBe(`*Effectif*\n${band ? shortBandLabel(band) : c.headcountBand}`);
  const by = item.broughtBy;
  expect(facts[2]).toBe(
    `*Apportée par*\n${by ? `<@${by.slackUserId}>${by.structure ? ` (${escapeText(by.structure.name)})` : ''}` : '—'}`,
  );
  // Red flags: those of the shared visits only; a private visit's never appear, anywhere.
  const visits = byDateDesc(item.visits.map((v) => v.visit));
  const flags = new Set(visits.filter((v) => v.consentToShare).flatMap((v) => v.redFlags.map((f) => f.flag)));
  expect(facts[3]).toEqual(
    flags.size ? expect.stringMatching(/^\*Signaux d'alerte\*\n:warning: /) : "*Signaux d'alerte*\nAucun",
  );
  for (const flag of ALL_RED_FLAGS) {
    expect(facts[3]!.includes(RED_FLAG_LABELS[flag]), flag).toBe(flags.has(flag));
    if (!flags.has(flag)) expect(json, flag).not.toContain(RED_FLAG_LABELS[flag]);
  }
  // The 5 latest visits, most recent first.
  const shown = visits.slice(0, 5);
  const older = visits.length - shown.length;
  expect(p.blocks).toHaveLength(2 + shown.length + (older > 0 ? 1 : 0));
  shown.forEach((v, i) => {
    const b = p.blocks[2 + i]!;
    const when = `*Visite du ${frenchDate(v.visitDate)}*`;
    if (v.consentToShare) {
      expect(b.type).toBe('section');
      const [who, stakes, needs, diagnostic, ...rest] = (b.text?.text ?? '').split('\n');
      expect(who).toBe(
        `${when} — <@${v.capteur.slackUserId}>${v.structure ? ` (${escapeText(v.structure.name)})` : ''}`,
      );
      expect(stakes).toBe(`*Enjeux* : ${stakesLine(v.stakes)}`);
      expect(needs?.startsWith(`*Besoins* : ${escapeText(v.needs.slice(0, 300))}`), needs).toBe(true);
      expect(
        diagnostic?.startsWith(`*Premier diagnostic* : ${escapeText(v.diagnostic.slice(0, 300))}`),
        diagnostic,
      ).toBe(true);
      expect(rest).toEqual([]);
    } else {
      expect(b.type).toBe('context');
      const line = contextTexts(b).join('');
      expect(line.startsWith(v.structure ? `${when} — ` : `${when} : `)).toBe(true);
      expect(line).toContain("contenu non partagé (l'entreprise n'a pas donné son accord)");
      expect(line).not.toContain('<@');
      // Neither its needs nor its diagnostic, in any form.
      for (const t of [v.needs, v.diagnostic]) {
        expect(json).not.toContain(t.slice(0, 60));
        expect(json).not.toContain(escapeText(t).slice(0, 60));
      }
    }
  });
  expect(json).not.toContain(CONFIDENTIAL);
  expect(showsText(p, '… et ')).toBe(older > 0);
  if (older > 0)
    expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([
      `… et ${older} visite(s) plus ancienne(s) : voir la fiche entreprise.`,
    ]);
  expect(buttons(p)).toEqual([]);
  expectNoRawMarkup(p);
}

/**
 * Planning a session: when (a datetimepicker, in seconds) and where (a conversations_select);
 * moving one, the same form carrying the session's id.
 */
function expectCommitteePlanModal(p: JPayload, opening: Parameters<typeof committeePlanModal>[0]) {
  expect(p.callback_id).toBe(VIEWS.committeePlan);
  expectWellFormedModal(p);
  expect(p.title?.text).toBe(opening.committeeId ? 'Déplacer la séance' : 'Planifier un comité');
  expect(p.submit?.text).toBe(opening.committeeId ? 'Déplacer' : 'Planifier');
  expect(p.private_metadata === undefined ? undefined : JSON.parse(p.private_metadata)).toEqual(
    opening.committeeId ? { committeeId: opening.committeeId } : undefined,
  );
  // Exactly the ids the submission handler reads, block_id === action_id.
  expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(COMMITTEE_BLOCKS));
  for (const b of inputs(p)) expect(b.element?.action_id, b.block_id).toBe(b.block_id);
  expect(inputs(p).every((b) => !b.optional)).toBe(true);
  const when = inputById(p, COMMITTEE_BLOCKS.scheduledAt).element!;
  expect(when.type).toBe('datetimepicker');
  expect(Number.isInteger(when.initial_date_time)).toBe(true);
  expect(when.initial_date_time).toBe(Math.floor(opening.initialAt.getTime() / 1000));
  const channel = inputById(p, COMMITTEE_BLOCKS.channel).element!;
  expect(channel.type).toBe('conversations_select');
  expect(channel.filter?.include).toEqual(['public', 'private']);
  expect(channel.initial_conversation).toBe(opening.channelId);
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

interface Case {
  name: string;
  /** The builder under test: the coverage test compares exports against these. */
  builder: (...args: never[]) => unknown;
  surface: Surface;
  render: () => unknown;
  check?: (payload: JPayload) => void;
}

/** One table entry; `args` are type-checked against the builder's parameters. */
function entry<A extends unknown[]>(
  builder: (...args: A) => unknown,
  scenario: string,
  surface: Surface,
  args: A,
  check?: (payload: JPayload) => void,
): Case {
  return {
    name: `${builder.name} — ${scenario}`,
    builder: builder as (...args: never[]) => unknown,
    surface,
    render: () => builder(...args),
    ...(check ? { check } : {}),
  };
}

const OPENING_BLANK: VisitModalInput = { submissionKey: uuid(9001), today: '2026-03-02' };
const OPENING_COMPANY: VisitModalInput = {
  submissionKey: uuid(9002),
  today: '2026-03-02',
  company: { id: uuid(1), label: 'Mécanique du Val — Vierzon — 732 829 320 00074' },
};
const OPENING_WORST_COMPANY: VisitModalInput = {
  submissionKey: `${uuid(9003)}-${uuid(9004)}`,
  today: '2026-12-31',
  // companyLabel() of the worst company: the builder must cut it to an option's 75 characters.
  company: { id: uuid(2), label: `${LONG_COMPANY_NAME} — ${LONG_COMMUNE}` },
};
const OPENING_NEW_SIRET: VisitModalInput = {
  submissionKey: uuid(9005),
  today: '2026-03-02',
  newSiret: '12345678200010',
};

const MEMBER_EDIT: MemberModalInput = {
  structures: structures(3),
  current: { slackUserId: slackId(1), structureId: uuid(801), roles: ['capteur'], active: true },
};
const MEMBER_WORST: MemberModalInput = {
  structures: structures(150, true),
  current: { slackUserId: slackId(2), structureId: null, roles: [...ALL_ROLES], active: false },
};

const HOME_CAPTEUR: HomeInput = {
  kind: 'member',
  roles: ['capteur'],
  structureName: 'CCI du Cher',
  capteur: { recentVisits: [homeVisit(1, false), homeVisit(2, false), homeVisit(3, false)], visitsThisMonth: 3 },
};
const HOME_CAPTEUR_WORST: HomeInput = {
  kind: 'member',
  roles: [...ALL_ROLES],
  structureName: LONG_STRUCTURE_NAME,
  capteur: {
    recentVisits: Array.from({ length: HOME_VISIT_LIMIT }, (_, i) => homeVisit(i + 1, true)),
    visitsThisMonth: 1_000_000,
  },
};
const HOME_CAPTEUR_EMPTY: HomeInput = {
  kind: 'member',
  roles: ['capteur'],
  structureName: null,
  capteur: { recentVisits: [], visitsThisMonth: 0 },
};
const HOME_NO_STRUCTURE: HomeInput = { kind: 'member', roles: ['coordinateur', 'pilotage'], structureName: null };
const HOME_NO_ROLE: HomeInput = { kind: 'member', roles: [], structureName: null };

const CHOICES_FEW = [companySummary(1, false), companySummary(2, false)];
/** /entreprise asks the search for at most 25 matches. */
const CHOICES_MANY = Array.from({ length: 25 }, (_, i) => companySummary(i + 1, true));

// --- Recruitment alerts ---

const ALERT_OPENING_BLANK: AlertModalInput = { submissionKey: uuid(9101), deadlineHours: 48 };
const ALERT_OPENING_COMPANY: AlertModalInput = {
  submissionKey: uuid(9102),
  deadlineHours: 48,
  company: { id: uuid(1), label: 'Mécanique du Val — Vierzon — 732 829 320 00074' },
};
const ALERT_OPENING_WORST: AlertModalInput = {
  submissionKey: `${uuid(9103)}-${uuid(9104)}`,
  deadlineHours: 48,
  company: { id: uuid(2), label: `${LONG_COMPANY_NAME} — ${LONG_COMMUNE}` },
};
const ALERT_OPENING_NEW_SIRET: AlertModalInput = {
  submissionKey: uuid(9105),
  deadlineHours: 48,
  newSiret: '12345678200010',
};

const FT_EMAIL = 'entreprises.vierzon@francetravail.fr';
const LONG_FT_EMAIL = longEmail('service-entreprises.agence-de-vierzon-sologne-berry', 'francetravail.fr');

/** Every state, realistic and on time; and worst case, late (transmitted after the deadline). */
const ALERT_SCENARIOS: { label: string; scenario: AlertScenario }[] = ALERT_PATH.flatMap((state) => [
  { label: `${state}, on time`, scenario: { state } },
  {
    label: `worst case: ${state}, late, 3 long positions, 1000-char urgency, no consent`,
    scenario: { state, worst: true, late: true },
  },
]);

const pageCase = (label: string, scenario: AlertScenario, clock = clockFor(scenario.late ?? false)) => {
  const alert = alertDetails(scenario);
  return entry(alertPageMessage, label, 'message', [alert, clock], (p) => expectAlertPage(p, alert, clock));
};
const requestCase = (label: string, scenario: AlertScenario, clock = clockFor(scenario.late ?? false)) => {
  const alert = alertDetails(scenario);
  return entry(franceTravailRequestMessage, label, 'message', [alert, clock], (p) =>
    expectFranceTravailRequest(p, alert, clock),
  );
};

/** Worst for escaping: every character people typed becomes an entity (&amp; is 5 characters). */
const ALL_ESCAPED_ALERT: AlertDetails = (() => {
  const alert = alertDetails({ state: 'signalee', worst: true });
  return {
    ...alert,
    urgency: '&'.repeat(1000),
    contactName: '<'.repeat(120),
    company: { ...alert.company, name: '&'.repeat(200), commune: '>'.repeat(100) },
    positions: alert.positions.map((p) => ({ ...p, jobTitle: '<&>'.repeat(40), location: '&'.repeat(120) })),
  };
})();

const ALERT_CASES: Case[] = [
  // --- Modals: alert form and its outcome ---
  entry(alertReportModal, 'blank /alerte-recrutement', 'modal', [ALERT_OPENING_BLANK], (p) => {
    expectAlertReportModal(p, ALERT_OPENING_BLANK);
    expect(p.submit?.text).toBe('Envoyer l’alerte');
  }),
  entry(alertReportModal, 'known company pre-filled', 'modal', [ALERT_OPENING_COMPANY], (p) =>
    expectAlertReportModal(p, ALERT_OPENING_COMPANY),
  ),
  entry(
    alertReportModal,
    'worst case: 300-char company label, long submission key',
    'modal',
    [ALERT_OPENING_WORST],
    (p) => expectAlertReportModal(p, ALERT_OPENING_WORST),
  ),
  entry(alertReportModal, 'unknown SIRET pre-filled', 'modal', [ALERT_OPENING_NEW_SIRET], (p) =>
    expectAlertReportModal(p, ALERT_OPENING_NEW_SIRET),
  ),
  entry(
    alertRaisedModal,
    'winter deadline',
    'modal',
    [{ reference: 'ALR-2026-0042', deadlineAt: DEADLINE_AT }, TIME_ZONE],
    (p) => {
      expect(p.callback_id).toBe(VIEWS.alertRaised);
      expect(p.submit).toBeUndefined();
      expect(showsText(p, '*ALR-2026-0042*')).toBe(true);
      expect(showsText(p, `*${DEADLINE_TEXT}*`)).toBe(true);
    },
  ),
  entry(
    alertRaisedModal,
    'worst case: 5-digit number, deadline past midnight in summer time',
    'modal',
    [{ reference: 'ALR-2026-10000', deadlineAt: new Date('2026-07-01T22:30:00Z') }, TIME_ZONE],
    (p) => {
      expect(inputs(p)).toEqual([]);
      expect(showsText(p, '*02/07/2026 à 00:30*')).toBe(true);
    },
  ),
  entry(
    transmitByEmailModal,
    'realistic, France Travail address configured',
    'modal',
    [alertDetails({ state: 'prise_en_charge' }), FT_EMAIL],
    (p) => expectTransmitByEmail(p, alertDetails({ state: 'prise_en_charge' }), FT_EMAIL),
  ),
  entry(
    transmitByEmailModal,
    'realistic, no address configured',
    'modal',
    [alertDetails({ state: 'signalee' }), undefined],
    (p) => expectTransmitByEmail(p, alertDetails({ state: 'signalee' }), undefined),
  ),
  entry(
    transmitByEmailModal,
    'worst case: long everything, 200-char address',
    'modal',
    [alertDetails({ state: 'prise_en_charge', worst: true, late: true }), LONG_FT_EMAIL],
    (p) => expectTransmitByEmail(p, alertDetails({ state: 'prise_en_charge', worst: true, late: true }), LONG_FT_EMAIL),
  ),
  entry(
    transmitByEmailModal,
    'worst case: every typed character escaped, e-mail over 10 000 characters',
    'modal',
    [ALL_ESCAPED_ALERT, LONG_FT_EMAIL],
    (p) => {
      expectTransmitByEmail(p, ALL_ESCAPED_ALERT, LONG_FT_EMAIL);
      expect(p.blocks.filter((b) => b.text?.text.startsWith('```')).length).toBeGreaterThan(3);
    },
  ),
  entry(offerModal, 'realistic', 'modal', [alertDetails({ state: 'transmise' })], (p) => {
    expectAlertForm(p, VIEWS.alertOffer, OFFER_BLOCKS, alertDetails({ state: 'transmise' }));
    expect(
      inputs(p)
        .filter((b) => !b.optional)
        .map((b) => b.block_id),
    ).toEqual([OFFER_BLOCKS.reference, OFFER_BLOCKS.contactName]);
    expect(inputById(p, OFFER_BLOCKS.url).element?.max_length).toBe(500);
  }),
  entry(offerModal, 'worst case: 5-digit reference', 'modal', [{ id: uuid(2002), reference: 'ALR-2026-10000' }], (p) =>
    expectAlertForm(p, VIEWS.alertOffer, OFFER_BLOCKS, { id: uuid(2002), reference: 'ALR-2026-10000' }),
  ),
  entry(closeModal, 'realistic', 'modal', [alertDetails({ state: 'diffusee' })], (p) => {
    expectAlertForm(p, VIEWS.alertClose, CLOSE_BLOCKS, alertDetails({ state: 'diffusee' }));
    expect(inputById(p, CLOSE_BLOCKS.outcome).element?.options?.map((o) => o.value)).toEqual(
      Object.keys(OUTCOME_LABELS),
    );
    expect(inputById(p, CLOSE_BLOCKS.note).element?.max_length).toBe(1000);
  }),
  entry(closeModal, 'worst case: 5-digit reference', 'modal', [{ id: uuid(2002), reference: 'ALR-2026-10000' }], (p) =>
    expectAlertForm(p, VIEWS.alertClose, CLOSE_BLOCKS, { id: uuid(2002), reference: 'ALR-2026-10000' }),
  ),

  // --- Messages: the coordinator's page and the France Travail request, in every state ---
  ...ALERT_SCENARIOS.map(({ label, scenario }) => pageCase(label, scenario)),
  pageCase('worst case: signalee, deadline passed, late not yet flagged', { state: 'signalee', worst: true }, LATE),
  pageCase('prise_en_charge, flagged late by the deadline job', { state: 'prise_en_charge', late: true }),
  pageCase('worst case: offre_enregistree, on time, consent to be named', {
    state: 'offre_enregistree',
    worst: true,
    consentToName: true,
  }),
  pageCase('offre_enregistree, no consent to be named', { state: 'offre_enregistree', consentToName: false }),
  ...ALERT_SCENARIOS.map(({ label, scenario }) => requestCase(label, scenario)),

  // --- Messages: news of each step ---
  ...ALERT_SCENARIOS.map(({ label, scenario }) => {
    const alert = alertDetails(scenario);
    const last = alert.transitions[alert.transitions.length - 1]!;
    return entry(
      alertNewsMessage,
      `${label}: news of its last step`,
      'message',
      [alert, last.id, clockFor(scenario.late ?? false)],
      (p) => expectNews(p, alert, last),
    );
  }),
  // A closed alert's earlier steps are told as they were (the DM is rendered after the alert moved on).
  ...alertDetails({ state: 'cloturee' }).transitions.map((t) =>
    entry(
      alertNewsMessage,
      `news of the step to ${t.to}, alert since closed`,
      'message',
      [alertDetails({ state: 'cloturee' }), t.id, ON_TIME],
      (p) => expectNews(p, alertDetails({ state: 'cloturee' }), t),
    ),
  ),
  entry(
    alertNewsMessage,
    'unknown transition: tells the current state',
    'message',
    [alertDetails({ state: 'transmise' }), uuid(4999), ON_TIME],
    (p) => {
      expect(p.text).toContain(NEWS_SAYS.transmise);
      expect(p.text).not.toContain(' par <@');
    },
  ),

  // --- Messages: diffusion to the partners ---
  ...[true, false].flatMap((consentToName) => [
    entry(
      alertDiffusionMessage,
      `consent to be named: ${consentToName}`,
      'message',
      [alertDetails({ state: 'diffusee', consentToName })],
      (p) => expectDiffusion(p, alertDetails({ state: 'diffusee', consentToName })),
    ),
    entry(
      alertDiffusionMessage,
      `worst case: consent to be named: ${consentToName}, 3 long positions, 500-char offer URL`,
      'message',
      [alertDetails({ state: 'diffusee', worst: true, late: true, consentToName })],
      (p) => expectDiffusion(p, alertDetails({ state: 'diffusee', worst: true, late: true, consentToName })),
    ),
  ]),

  // --- Messages: reminder and breach of the 48 h deadline ---
  ...(['signalee', 'prise_en_charge', 'transmise'] as const).flatMap((state) => [
    entry(
      alertReminderMessage,
      `${state}, 24 h after raising`,
      'message',
      [alertDetails({ state }), { now: hoursAfter(RAISED_AT, 24), timeZone: TIME_ZONE }],
      (p) => {
        expectAlertButtons(p, alertDetails({ state }), ['prendre_en_charge', 'transmettre']);
        expect(p.text).toBe('Rappel : alerte ALR-2026-0042 à transmettre à France Travail');
        expect(showsText(p, 'signalée il y a 24 h 00, il reste 24 h 00')).toBe(true);
      },
    ),
    entry(
      alertReminderMessage,
      `worst case: ${state}, 47 h after raising`,
      'message',
      [alertDetails({ state, worst: true }), { now: hoursAfter(RAISED_AT, 47), timeZone: TIME_ZONE }],
      (p) => {
        expectAlertButtons(p, alertDetails({ state, worst: true }), ['prendre_en_charge', 'transmettre']);
        expect(showsText(p, `(${escapeText(LONG_COMPANY_NAME)})`)).toBe(true);
      },
    ),
  ]),
  entry(
    alertBreachMessage,
    'signalee, nobody took it',
    'message',
    [alertDetails({ state: 'signalee', late: true }), LATE],
    (p) => {
      expect(p.text).toBe('Délai dépassé : alerte ALR-2026-0042');
      expect(showsText(p, `(échéance le ${DEADLINE_TEXT})`)).toBe(true);
      expect(showsText(p, 'Suivie par : personne.')).toBe(true);
    },
  ),
  entry(
    alertBreachMessage,
    'worst case: prise_en_charge, 200-char company name',
    'message',
    [alertDetails({ state: 'prise_en_charge', worst: true, late: true }), LATE],
    (p) => {
      expect(showsText(p, `(${escapeText(LONG_COMPANY_NAME)})`)).toBe(true);
      expect(showsText(p, `Suivie par : <@${COORDINATOR_SLACK}>.`)).toBe(true);
    },
  ),

  // --- Messages: open alerts (/alerte-recrutement liste) ---
  entry(openAlertsMessage, 'none open', 'message', [[], ON_TIME], (p) => expectOpenAlerts(p, [], ON_TIME, 0)),
  entry(openAlertsMessage, 'three alerts, one late', 'message', [REALISTIC_OPEN_ALERTS, ON_TIME], (p) => {
    expectOpenAlerts(p, REALISTIC_OPEN_ALERTS, ON_TIME, 3);
    expect(visibleTexts(p).filter((t) => t.includes(':rotating_light: *en retard*'))).toHaveLength(1);
    expect(showsText(p, '20 premières affichées')).toBe(false);
  }),
  entry(
    openAlertsMessage,
    'worst case: 30 long alerts, every open state, half late',
    'message',
    [WORST_OPEN_ALERTS, LATE],
    (p) => {
      expectOpenAlerts(p, WORST_OPEN_ALERTS, LATE, 20);
      expect(showsText(p, '… 20 premières affichées, les plus urgentes d’abord.')).toBe(true);
      expect(p.text).toBe('30 alerte(s) recrutement en cours');
    },
  ),
];

// --- Actions ---

const ACTION_OPENING: ActionCreateInput = {
  submissionKey: uuid(9201),
  company: { id: uuid(1), name: 'Mécanique du Val' },
  structures: structures(3),
  today: ACTION_CLOCK.today,
};
const ACTION_OPENING_ALERT: ActionCreateInput = { ...ACTION_OPENING, submissionKey: uuid(9202), alertId: uuid(2001) };
const ACTION_OPENING_WORST: ActionCreateInput = {
  submissionKey: `${uuid(9203)}-${uuid(9204)}`,
  company: { id: uuid(2), name: LONG_COMPANY_NAME },
  structures: structures(150, true),
  today: '2026-12-31',
  alertId: uuid(2002),
};

const actionMessageCase = (label: string, action: ActionDetails) =>
  entry(actionMessage, label, 'message', [action, ACTION_CLOCK], (p) => expectActionMessage(p, action, ACTION_CLOCK));
const actionNewsCase = (label: string, action: ActionDetails) =>
  entry(actionNewsMessage, label, 'message', [action, ACTION_CLOCK], (p) => expectActionNews(p, action, ACTION_CLOCK));

const ACTION_CASES: Case[] = [
  // --- Messages: the action's own message and the news to its owner, in every status ---
  ...ACTION_SCENARIOS.map(({ label, scenario }) => actionMessageCase(label, actionDetails(scenario))),
  actionMessageCase(
    'a_faire, due today: not late yet',
    actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) }),
  ),
  actionMessageCase('en_cours, no history', { ...actionDetails({ status: 'en_cours' }), updates: [] }),
  entry(
    actionMessage,
    'worst case: every typed character escaped',
    'message',
    [ALL_ESCAPED_ACTION, ACTION_CLOCK],
    (p) => {
      expectActionButtons(p, [ALL_ESCAPED_ACTION]);
      expect(p.blocks[0]?.text?.text).toContain(`*${'&amp;'.repeat(150)}*`);
      expect(JSON.stringify(p)).not.toMatch(/[^\\]<[<&]/);
    },
  ),
  ...ACTION_SCENARIOS.map(({ label, scenario }) => actionNewsCase(label, actionDetails(scenario))),
  actionNewsCase('a_faire, due date moved by someone else', {
    ...actionDetails({ status: 'a_faire' }),
    updates: actionDetails({ status: 'a_faire' }).updates.map((u) => ({
      ...u,
      kind: 'echeance' as const,
      fromDue: DUE_PAST,
      toDue: DUE_LATER,
      note: 'Formation décalée.',
    })),
  }),
  entry(
    actionNewsMessage,
    'worst case: every typed character escaped',
    'message',
    [ALL_ESCAPED_ACTION, ACTION_CLOCK],
    (p) => {
      expectActionButtons(p, [ALL_ESCAPED_ACTION]);
      expect(p.blocks[1]?.text?.text).toContain(`*${'&amp;'.repeat(150)}*`);
    },
  ),

  // --- Messages: the morning digest ---
  entry(
    actionDigestMessage,
    'one overdue, one due today, one due in three days',
    'message',
    [REALISTIC_DIGEST, ACTION_CLOCK],
    (p) => expectActionDigest(p, REALISTIC_DIGEST, ACTION_CLOCK),
  ),
  entry(actionDigestMessage, 'only due soon', 'message', [REALISTIC_DIGEST.slice(1), ACTION_CLOCK], (p) =>
    expectActionDigest(p, REALISTIC_DIGEST.slice(1), ACTION_CLOCK),
  ),
  entry(
    actionDigestMessage,
    'worst case: 30 overdue and 30 due soon, longest texts',
    'message',
    [WORST_DIGEST, ACTION_CLOCK],
    (p) => expectActionDigest(p, WORST_DIGEST, ACTION_CLOCK),
  ),

  // --- Messages: /actions ---
  entry(myActionsMessage, 'nothing open', 'message', [{ mine: [], structure: [] }, ACTION_CLOCK], (p) =>
    expectMyActions(p, { mine: [], structure: [] }, ACTION_CLOCK),
  ),
  entry(myActionsMessage, 'three of mine, two of my structure', 'message', [REALISTIC_MY_ACTIONS, ACTION_CLOCK], (p) =>
    expectMyActions(p, REALISTIC_MY_ACTIONS, ACTION_CLOCK),
  ),
  entry(
    myActionsMessage,
    'only my structure’s, none of mine',
    'message',
    [{ mine: [], structure: REALISTIC_MY_ACTIONS.structure }, ACTION_CLOCK],
    (p) => expectMyActions(p, { mine: [], structure: REALISTIC_MY_ACTIONS.structure }, ACTION_CLOCK),
  ),
  entry(
    myActionsMessage,
    'worst case: 30 + 30 long actions, every open status, half overdue',
    'message',
    [WORST_MY_ACTIONS, ACTION_CLOCK],
    (p) => expectMyActions(p, WORST_MY_ACTIONS, ACTION_CLOCK),
  ),

  // --- Modals: create an action ---
  entry(actionCreateModal, 'from a company card', 'modal', [ACTION_OPENING], (p) =>
    expectActionCreateModal(p, ACTION_OPENING),
  ),
  entry(actionCreateModal, 'following an alert', 'modal', [ACTION_OPENING_ALERT], (p) =>
    expectActionCreateModal(p, ACTION_OPENING_ALERT),
  ),
  entry(
    actionCreateModal,
    'worst case: 150 long-named structures, 200-char company name, long submission key',
    'modal',
    [ACTION_OPENING_WORST],
    (p) => {
      expectActionCreateModal(p, ACTION_OPENING_WORST);
      expect(inputById(p, ACTION_BLOCKS.ownerStructureId).element?.options).toHaveLength(100);
    },
  ),

  entry(actionCreateModal, 'no active structure', 'modal', [{ ...ACTION_OPENING, structures: [] }], (p) => {
    expect(p.callback_id).toBe(VIEWS.actionCreate);
    expectWellFormedModal(p);
    expect(inputs(p)).toEqual([]);
    expect(p.submit).toBeUndefined();
    expect(showsText(p, 'Aucune structure partenaire active')).toBe(true);
  }),

  // --- Modals: change an action ---
  ...OPEN_STATUSES.flatMap((status) => [
    entry(actionStatusModal, `${status}`, 'modal', [actionDetails({ status })], (p) =>
      expectActionStatusModal(p, actionDetails({ status })),
    ),
    entry(
      actionStatusModal,
      `worst case: ${status}, 150-char title, 200-char company name`,
      'modal',
      [actionDetails({ status, worst: true, overdue: true })],
      (p) => expectActionStatusModal(p, actionDetails({ status, worst: true, overdue: true })),
    ),
  ]),
  ...(['realisee', 'abandonnee'] as const).map((status) =>
    entry(
      actionStatusModal,
      `${status}: closed, offered by an older message`,
      'modal',
      [actionDetails({ status })],
      (p) => {
        expect(p.callback_id).toBe(VIEWS.actionStatus);
        expectWellFormedModal(p);
        expect(inputs(p)).toEqual([]);
        expect(p.submit).toBeUndefined();
        expect(JSON.parse(p.private_metadata ?? '')).toEqual({ actionId: actionDetails({ status }).id });
        expect(showsText(p, 'Cette action est close')).toBe(true);
      },
    ),
  ),
  entry(actionNoteModal, 'en_cours', 'modal', [actionDetails({ status: 'en_cours' })], (p) => {
    expectActionChangeModal(p, VIEWS.actionNote, [ACTION_CHANGE_BLOCKS.note], actionDetails({ status: 'en_cours' }));
    expect(inputById(p, ACTION_CHANGE_BLOCKS.note).optional).toBeUndefined();
    expect(inputById(p, ACTION_CHANGE_BLOCKS.note).element?.max_length).toBe(1000);
  }),
  entry(
    actionNoteModal,
    'worst case: bloquee, 150-char title, 200-char company name',
    'modal',
    [actionDetails({ status: 'bloquee', worst: true })],
    (p) =>
      expectActionChangeModal(
        p,
        VIEWS.actionNote,
        [ACTION_CHANGE_BLOCKS.note],
        actionDetails({ status: 'bloquee', worst: true }),
      ),
  ),
  entry(
    actionDueModal,
    'due later: starts from the current due date',
    'modal',
    [actionDetails({ status: 'en_cours' }), ACTION_CLOCK.today],
    (p) => expectActionDueModal(p, actionDetails({ status: 'en_cours' }), '2026-03-31'),
  ),
  entry(
    actionDueModal,
    'due today',
    'modal',
    [actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) }), ACTION_CLOCK.today],
    (p) =>
      expectActionDueModal(
        p,
        actionDetails({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) }),
        ACTION_CLOCK.today,
      ),
  ),
  entry(
    actionDueModal,
    'past its due date: starts from today',
    'modal',
    [actionDetails({ status: 'a_faire', overdue: true }), ACTION_CLOCK.today],
    (p) => expectActionDueModal(p, actionDetails({ status: 'a_faire', overdue: true }), ACTION_CLOCK.today),
  ),
  entry(
    actionDueModal,
    'worst case: bloquee, overdue, 150-char title, 200-char company name',
    'modal',
    [actionDetails({ status: 'bloquee', worst: true, overdue: true }), ACTION_CLOCK.today],
    (p) =>
      expectActionDueModal(p, actionDetails({ status: 'bloquee', worst: true, overdue: true }), ACTION_CLOCK.today),
  ),

  // --- Messages: the company card's open actions ---
  entry(
    companyCardMessage,
    'two open actions, committee member',
    'message',
    [CARD_WITH_ACTIONS, { canFileVisit: false, canCreateActions: true }],
    (p) => {
      expectCompanyCard(p, CARD_WITH_ACTIONS, false, true);
      const section = visibleTexts(p).find((t) => t.startsWith('*Actions en cours (2)*')) ?? '';
      for (const a of CARD_WITH_ACTIONS.actions) {
        expect(section).toContain(
          `• ${a.title} — ${a.ownerStructure.name} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
        );
      }
    },
  ),
  entry(
    companyCardMessage,
    'two open actions, capteur outside the committee',
    'message',
    [CARD_WITH_ACTIONS, { canFileVisit: true, canCreateActions: false }],
    (p) => expectCompanyCard(p, CARD_WITH_ACTIONS, true, false),
  ),
  entry(
    companyCardMessage,
    'two open actions, neither visits nor actions allowed',
    'message',
    [CARD_WITH_ACTIONS, { canFileVisit: false }],
    (p) => expectCompanyCard(p, CARD_WITH_ACTIONS, false, false),
  ),
  entry(
    companyCardMessage,
    'worst case: 120 visits, 10 long open actions, every flag, both buttons',
    'message',
    [WORST_CARD_WITH_ACTIONS, { canFileVisit: true, canCreateActions: true }],
    (p) => {
      expectCompanyCard(p, WORST_CARD_WITH_ACTIONS, true, true);
      // The committee's decisions, escaped, with « pas de suite » for the last.
      expect(showsText(p, '*Décisions du comité technique*')).toBe(true);
      expect(showsText(p, ': pas de suite')).toBe(true);
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),
];

// ---------------------------------------------------------------------------
// Visits that overlap another structure's, and visit programmes
// ---------------------------------------------------------------------------

/** Every mrkdwn text of the blocks, where Slack acts on mentions and links (plain_text it shows as typed). */
function blocksMrkdwn(p: JPayload): string {
  const walk = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.flatMap(walk);
    if (typeof value !== 'object' || value === null) return [];
    const own =
      'type' in value && value.type === 'mrkdwn' && 'text' in value && typeof value.text === 'string'
        ? [value.text]
        : [];
    return [...own, ...Object.values(value).flatMap(walk)];
  };
  return walk(p.blocks).join('\n');
}

/** What people typed reached the blocks, escaped: never as a mention or a link. */
function expectTypedMarkupEscaped(p: JPayload) {
  const text = blocksMrkdwn(p);
  for (const raw of RAW_MARKUP) expect(text, raw).not.toContain(raw);
  expect(text).toContain('&lt;!channel&gt;');
}

/** A structure name at the structure form's 120 characters, with a mention and mrkdwn characters. */
const typedStructure = (n: number) => `${LONG_TYPED_STRUCTURE.slice(0, 116)} ${String(n).padStart(3, '0')}`;

type OverlapVisit = Overlap['visit'];
const overlapVisit = (
  n: number,
  visitDate: Date,
  company: OverlapVisit['company'],
  structure: string | null,
): OverlapVisit => ({
  id: uuid(1000 + n),
  visitDate,
  company,
  capteur: { slackUserId: slackId(500 + n) },
  structure: structure === null ? null : { name: structure },
});
const OVERLAP_COMPANY: OverlapVisit['company'] = { id: uuid(1), name: 'Mécanique du Val', commune: 'Vierzon' };
const OVERLAP_WORST_COMPANY: OverlapVisit['company'] = {
  id: uuid(2),
  name: agendaCompanyName(1),
  commune: LONG_COMMUNE,
};

/** One other structure visited the company two weeks earlier. */
const REALISTIC_OVERLAP: Overlap = {
  visit: overlapVisit(1, day('2026-02-24'), OVERLAP_COMPANY, 'CCI du Cher'),
  others: [overlapVisit(2, day('2026-02-10'), OVERLAP_COMPANY, 'CMA Centre-Val de Loire')],
};
/** oweOverlapNotices names at most 3 structures: 3, with the longest names (one past the form's 120), one without structure. */
const WORST_OVERLAP: Overlap = {
  visit: overlapVisit(3, day('2026-12-31'), OVERLAP_WORST_COMPANY, typedStructure(1)),
  others: [
    overlapVisit(4, day('2026-12-30'), OVERLAP_WORST_COMPANY, typedStructure(2)),
    overlapVisit(5, day('2026-12-01'), OVERLAP_WORST_COMPANY, long(`${LONG_TYPED_STRUCTURE} 3`, 150)),
    overlapVisit(6, day('2026-11-02'), OVERLAP_WORST_COMPANY, null),
  ],
};

/** Who else visited and when, one line each; the company card to coordinate; nothing else of the other visits. */
function expectOverlap(p: JPayload, o: Overlap) {
  expect(p.text).toContain('a aussi été visitée par une autre structure');
  const [first, ...lines] = p.blocks[0]!.text!.text.split('\n');
  expect(first).toBe(
    `:busts_in_silhouette: *${escapeText(cut(o.visit.company.name, 200))}* (${escapeText(o.visit.company.commune)}), que vous avez visitée le ${frenchDate(o.visit.visitDate)}, a aussi été visitée :`,
  );
  expect(lines).toEqual(
    o.others.map(
      (x) =>
        `• le ${frenchDate(x.visitDate)} par <@${x.capteur.slackUserId}>${x.structure ? ` (${escapeText(cut(x.structure.name, 120))})` : ''}`,
    ),
  );
  expect(showsText(p, 'la fiche `/entreprise` rassemble les visites et les actions')).toBe(true);
  expect(buttons(p).map((b) => [b.action_id, b.value, b.text?.text])).toEqual([
    [ACTIONS.showCompanyCard, o.visit.company.id, 'Fiche entreprise'],
  ]);
}

const VISIT_OVERLAP_CASES: Case[] = [
  entry(visitOverlapMessage, 'one other structure visited two weeks earlier', 'message', [REALISTIC_OVERLAP], (p) => {
    expectOverlap(p, REALISTIC_OVERLAP);
    expect(p.blocks[0]?.text?.text).toBe(
      `:busts_in_silhouette: *Mécanique du Val* (Vierzon), que vous avez visitée le 24/02/2026, a aussi été visitée :\n• le 10/02/2026 par <@${slackId(502)}> (CMA Centre-Val de Loire)`,
    );
  }),
  entry(
    visitOverlapMessage,
    'worst case: 3 other structures, 200-char company name, 120- and 150-char structure names with markup, one without structure',
    'message',
    [WORST_OVERLAP],
    (p) => {
      expectOverlap(p, WORST_OVERLAP);
      expect(p.blocks[0]?.text?.text.split('\n')).toHaveLength(4);
      expect(p.blocks[0]?.text?.text.endsWith(`• le 02/11/2026 par <@${slackId(506)}>`)).toBe(true);
      expect(showsText(p, `${escapeText(cut(WORST_OVERLAP.others[1]!.structure!.name, 120))})`)).toBe(true);
      expectTypedMarkupEscaped(p);
    },
  ),
];

// Visit programmes: progress as programmeProgress returns it, programmes as getProgramme does.

/** Wednesday 18 March 2026: 8 visits a month ask for 4 by today (8 × 18 / 31, rounded down). */
const PROGRAMME_TODAY = '2026-03-18';
/** 30 December 2026: 500 a month ask for 483 by today; next year's programmes can be set. */
const PROGRAMME_WORST_TODAY = '2026-12-30';
/** Pasted for a company the platform does not know yet. */
const PENDING_SIRET = '12345678900012';
const PENDING_SIRET_TEXT = 'SIRET 123 456 789 00012';

const knownTarget = (n: number, worst = false): TargetNotVisited =>
  worst
    ? { companyId: uuid(50_000 + n), name: agendaCompanyName(n), commune: LONG_COMMUNE, siret: null }
    : {
        companyId: uuid(50_000 + n),
        name: ['Boulangerie Martin', 'Transports Berrichons & Fils', 'Fonderie du Cher'][n % 3]!,
        commune: ['Bourges', 'Issoudun', 'Vierzon'][n % 3]!,
        siret: null,
      };
const pendingTarget = (siret = PENDING_SIRET): TargetNotVisited => ({
  companyId: null,
  name: null,
  commune: null,
  siret,
});

interface ProgressScenario {
  name: string;
  monthlyTarget: number;
  visits: number;
  /** How many visits the pace asks by today. */
  expected: number;
  ytd: number;
  monthsBegun: number;
  total: number;
  visited: number;
  notVisited?: TargetNotVisited[];
}

function progressRow(n: number, s: ProgressScenario): ProgrammeProgress {
  return {
    structure: { id: uuid(800 + n), name: s.name },
    year: 2026,
    monthlyTarget: s.monthlyTarget,
    month: { visits: s.visits, target: s.monthlyTarget, expectedByToday: s.expected },
    yearToDate: { visits: s.ytd, target: s.monthlyTarget * s.monthsBegun },
    targets: { total: s.total, visited: s.visited, notVisited: s.notVisited ?? [] },
    behindPace: s.visits < s.expected,
  };
}

/** Behind its pace: 2 of 8 visits, 4 expected; 3 of its 6 targets not visited, one a pending SIRET. */
const PROGRESS_BEHIND = progressRow(1, {
  name: 'CCI du Cher',
  monthlyTarget: 8,
  visits: 2,
  expected: 4,
  ytd: 14,
  monthsBegun: 3,
  total: 6,
  visited: 3,
  notVisited: [knownTarget(1), knownTarget(2), pendingTarget()],
});
/** On pace, no target set. */
const PROGRESS_NO_TARGETS = progressRow(2, {
  name: 'CMA Centre-Val de Loire',
  monthlyTarget: 6,
  visits: 5,
  expected: 3,
  ytd: 17,
  monthsBegun: 3,
  total: 0,
  visited: 0,
});
/** Ahead of its target, most targets visited. */
const PROGRESS_AHEAD = progressRow(3, {
  name: 'Initiative Cher & Berry',
  monthlyTarget: 4,
  visits: 6,
  expected: 2,
  ytd: 12,
  monthsBegun: 3,
  total: 10,
  visited: 8,
  notVisited: [knownTarget(4), knownTarget(5)],
});
const REALISTIC_PROGRESS = [PROGRESS_BEHIND, PROGRESS_NO_TARGETS, PROGRESS_AHEAD];

/**
 * The worst structure: 120-char name with markup, 500 visits a month, none yet on 30 December,
 * 75 targets of which 5 visited, the 10 first not visited listed (200-char names, two pending SIRETs).
 */
const PROGRESS_WORST = progressRow(31, {
  name: typedStructure(31),
  monthlyTarget: 500,
  visits: 0,
  expected: 483,
  ytd: 0,
  monthsBegun: 12,
  total: 75,
  visited: 5,
  notVisited: Array.from({ length: 10 }, (_, i) =>
    i % 4 === 3 ? pendingTarget(`1234567890${String(i).padStart(4, '0')}`) : knownTarget(i + 1, true),
  ),
});

/** A target as the lists show it: escaped name cut to 150 and commune, or its pending SIRET. */
const targetLine = (t: TargetNotVisited) =>
  t.name
    ? `${escapeText(cut(t.name, 150))}${t.commune ? ` (${escapeText(t.commune)})` : ''}`
    : `SIRET ${formatSiret(t.siret!)} — entreprise pas encore connue de la plateforme`;

/** The month against its pace, the year, the targets: as the nudge, the overview and the capteur's Home say them. */
const progressText = (x: ProgrammeProgress, today: string) => [
  `*${frenchMonth(today)}* : ${progressBar(x.month.visits, x.month.target)} visite(s)${x.behindPace ? ` — :warning: en retard sur le rythme (${x.month.expectedByToday} attendue(s) à ce jour)` : ''}`,
  `*Depuis janvier* : ${x.yearToDate.visits} / ${x.yearToDate.target} visite(s)`,
  `*Entreprises cibles* : ${x.targets.total ? `${x.targets.visited} / ${x.targets.total} visitée(s)` : 'aucune fixée'}`,
];

/** The first `limit` targets not visited, each with « Nouvelle visite » when the company is known, then how many more. */
function expectTargetsNotVisited(p: JPayload, x: ProgrammeProgress, limit: number) {
  const shown = x.targets.notVisited.slice(0, limit);
  const targetButtons = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined);
  expect(targetButtons.map((b) => [b.text?.text, b.value])).toEqual(
    shown.filter((t) => t.companyId).map((t) => ['Nouvelle visite', t.companyId]),
  );
  const at = p.blocks.findIndex(
    (b) => b.type === 'section' && b.text?.text === '*Entreprises cibles pas encore visitées*',
  );
  expect(at >= 0).toBe(shown.length > 0);
  if (shown.length === 0) return;
  const listed = p.blocks.slice(at + 1, at + 1 + shown.length);
  expect(listed.map((b) => [b.type, b.text?.text, b.accessory?.value])).toEqual(
    shown.map((t) => ['section', targetLine(t), t.companyId ?? undefined]),
  );
  const rest = x.targets.total - x.targets.visited - shown.length;
  const after = p.blocks[at + 1 + shown.length];
  expect(
    after?.type === 'context' &&
      contextTexts(after).includes(`… et ${rest} autre(s) entreprise(s) cible(s) à visiter.`),
  ).toBe(rest > 0);
}

function expectNudge(p: JPayload, x: ProgrammeProgress, today: string) {
  expect(p.text?.endsWith(` : en retard sur le rythme de ${frenchMonth(today)}`)).toBe(true);
  expect(p.blocks[0]?.text?.text).toBe(
    `:hourglass_flowing_sand: *Programme de visites de ${escapeText(cut(x.structure.name, 120))}* — le mois avance et le rythme n’y est pas encore.`,
  );
  expect(p.blocks[1]?.text?.text.split('\n')).toEqual(progressText(x, today));
  expectTargetsNotVisited(p, x, 8);
  expect(contextTexts(p.blocks[p.blocks.length - 1]!)).toEqual([
    'Déposez vos comptes rendus avec `/visite` : ils comptent dès leur enregistrement.',
  ]);
  expect(buttons(p).every((b) => b.action_id === ACTIONS.openVisitReport)).toBe(true);
}

/** /plateforme programmes: the 20 first structures, with a programme first, each with a button per year that can be set. */
function expectProgrammes(p: JPayload, o: ProgrammesOverview) {
  expect(p.text).toBe(`Programmes de visites ${o.year}`);
  expect(p.blocks[0]?.text?.text).toBe(`*Programmes de visites ${o.year}*`);
  const withProgramme = o.progress.slice(0, 20);
  const without = o.without.slice(0, Math.max(0, 20 - o.progress.length));
  const listed = [...withProgramme.map((x) => x.structure), ...without];
  // Each structure: its section, then its buttons (one per year, value « structureId:year »).
  listed.forEach((s, i) => {
    const section = p.blocks[1 + 2 * i];
    const row = p.blocks[2 + 2 * i];
    expect(section?.type).toBe('section');
    expect(row?.type).toBe('actions');
    expect(row?.block_id).toBe(`programme_${s.id}`);
    expect((row?.elements ?? []).map((b) => [b.action_id, b.text?.text, b.value])).toEqual(
      o.years.map((y, i) => [
        i === 0 ? PROGRAMME_BUTTONS.edit : PROGRAMME_BUTTONS.editNext,
        `Programme ${y}`,
        `${s.id}:${y}`,
      ]),
    );
  });
  expect(buttons(p)).toHaveLength(listed.length * o.years.length);
  expect(
    p.blocks
      .filter((b) => b.type === 'section')
      .slice(1)
      .map((b) => b.text?.text),
  ).toEqual([
    ...withProgramme.map((x) =>
      [
        `*${escapeText(cut(x.structure.name, 120))}* — ${x.monthlyTarget} visite(s) par mois`,
        ...progressText(x, o.today),
      ].join('\n'),
    ),
    ...without.map((s) => `*${escapeText(cut(s.name, 120))}* — pas de programme en ${o.year}`),
  ]);
  const hidden = o.progress.length + o.without.length - listed.length;
  expect(
    showsText(p, `… et ${hidden} autre(s) structure(s) : \`/plateforme programmes <nom>\` pour en voir une.`),
  ).toBe(hidden > 0);
  expect(showsText(p, '`/plateforme structure`')).toBe(listed.length === 0);
  expect(p.blocks).toHaveLength(1 + 2 * listed.length + (hidden > 0 || listed.length === 0 ? 1 : 0));
}

const REALISTIC_OVERVIEW: ProgrammesOverview = {
  year: 2026,
  today: PROGRAMME_TODAY,
  progress: REALISTIC_PROGRESS,
  without: [
    { id: uuid(804), name: 'Mission locale de Vierzon' },
    { id: uuid(805), name: 'Cap emploi du Cher' },
  ],
  years: [2026],
};
/** From October, next year's programme can be prepared: two buttons per structure. */
const OCTOBER_OVERVIEW: ProgrammesOverview = {
  ...REALISTIC_OVERVIEW,
  today: '2026-10-05',
  progress: REALISTIC_PROGRESS.map((x) => ({
    ...x,
    yearToDate: { visits: x.yearToDate.visits * 3, target: x.monthlyTarget * 10 },
  })),
  years: [2026, 2027],
};
/** 30 structures with a programme (alternately behind and ahead), 10 without, 120-char names with markup. */
const WORST_OVERVIEW: ProgrammesOverview = {
  year: 2026,
  today: PROGRAMME_WORST_TODAY,
  progress: Array.from({ length: 30 }, (_, i) => ({
    ...PROGRESS_WORST,
    structure: { id: uuid(810 + i), name: typedStructure(i + 1) },
    month: { ...PROGRESS_WORST.month, visits: i % 2 === 0 ? 0 : 1_000 },
    behindPace: i % 2 === 0,
  })),
  without: Array.from({ length: 10 }, (_, i) => ({ id: uuid(850 + i), name: typedStructure(40 + i) })),
  years: [2026, 2027],
};

type ProgrammeTargetRow = Programme['targets'][number];
const programmeTarget = (
  n: number,
  company: ProgrammeTargetRow['company'],
  siret: string | null = null,
): ProgrammeTargetRow => ({
  id: uuid(60_000 + n),
  programmeId: uuid(61_000),
  companyId: company?.id ?? null,
  siret: company ? null : siret,
  addedAt: new Date(Date.UTC(2026, 0, 5, 9, n % 60)),
  company,
});
const programmeRow = (
  structure: { id: string; name: string },
  year: number,
  monthlyTarget: number,
  targets: ProgrammeTargetRow[],
): Programme => ({
  id: uuid(61_000),
  structureId: structure.id,
  year,
  monthlyTarget,
  updatedById: uuid(902),
  createdAt: new Date('2026-01-05T09:00:00Z'),
  updatedAt: new Date('2026-02-02T09:00:00Z'),
  structure,
  targets,
});

const PROGRAMME_STRUCTURE = { id: uuid(801), name: 'CCI du Cher' };
const PROGRAMME_NEW = { structure: PROGRAMME_STRUCTURE, year: 2027, programme: null };
const PROGRAMME_THREE = {
  structure: PROGRAMME_STRUCTURE,
  year: 2026,
  programme: programmeRow(PROGRAMME_STRUCTURE, 2026, 8, [
    programmeTarget(1, { id: uuid(1), name: 'Mécanique du Val', commune: 'Vierzon', siret: '73282932000074' }),
    programmeTarget(2, { id: uuid(3), name: 'Transports Berrichons & Fils', commune: 'Issoudun', siret: null }),
    programmeTarget(3, null, PENDING_SIRET),
  ]),
};
const PROGRAMME_WORST_STRUCTURE = { id: uuid(899), name: typedStructure(99) };
/** 130 targets, 200-char names with markup, one in ten a pending SIRET. */
const PROGRAMME_WORST = {
  structure: PROGRAMME_WORST_STRUCTURE,
  year: 2027,
  programme: programmeRow(
    PROGRAMME_WORST_STRUCTURE,
    2027,
    500,
    Array.from({ length: 130 }, (_, i) =>
      i % 10 === 9
        ? programmeTarget(i + 1, null, `1234567890${String(i).padStart(4, '0')}`)
        : programmeTarget(i + 1, {
            id: uuid(40_000 + i),
            name: agendaCompanyName(i + 1),
            commune: LONG_COMMUNE,
            siret: null,
          }),
    ),
  ),
};

/** The form: visits a month, the first 100 targets all chosen (the others kept), companies to add. */
function expectProgrammeModal(p: JPayload, opening: Parameters<typeof programmeModal>[0]) {
  const { structure, year, programme } = opening;
  const targets = programme?.targets ?? [];
  const shown = targets.slice(0, 100);
  expect(p.callback_id).toBe(VIEWS.programme);
  expect(p.title?.text).toBe(`Programme ${year}`);
  expect(p.submit?.text).toBe('Enregistrer');
  expectWellFormedModal(p);
  const last = shown.at(-1);
  expect(JSON.parse(p.private_metadata ?? '')).toEqual({
    structureId: structure.id,
    year,
    shownUpTo: last ? { addedAt: last.addedAt.toISOString(), id: last.id } : null,
  });
  expect(contextTexts(p.blocks[0]!)).toEqual([
    `*${escapeText(cut(structure.name, 200))}* — programme de visites ${year}`,
  ]);
  expect(inputs(p).map((b) => b.block_id)).toEqual([
    PROGRAMME_BLOCKS.monthlyTarget,
    ...(shown.length ? [PROGRAMME_BLOCKS.keep] : []),
    PROGRAMME_BLOCKS.add,
    PROGRAMME_BLOCKS.sirets,
  ]);
  const monthly = inputById(p, PROGRAMME_BLOCKS.monthlyTarget);
  expect(monthly.optional).toBeUndefined();
  expect(monthly.element?.type).toBe('number_input');
  expect(monthly.element?.initial_value).toBe(programme ? String(programme.monthlyTarget) : undefined);
  if (shown.length) {
    const keep = inputById(p, PROGRAMME_BLOCKS.keep);
    expect(keep.optional).toBe(true);
    expect(keep.label?.text).toBe(`Entreprises cibles (${targets.length})`);
    expect(keep.element?.type).toBe('multi_static_select');
    expect(keep.element?.options?.map((o) => [o.text.text, o.value])).toEqual(
      shown.map((t) => [
        cut(
          t.company ? `${t.company.name} (${t.company.commune})` : `SIRET ${formatSiret(t.siret!)} (pas encore connue)`,
          75,
        ),
        t.id,
      ]),
    );
    expect(keep.element?.initial_options?.map((o) => o.value)).toEqual(shown.map((t) => t.id));
  }
  const hidden = targets.length - shown.length;
  expect(showsText(p, 'autres entreprises cibles restent ciblées')).toBe(hidden > 0);
  if (hidden > 0)
    expect(
      showsText(p, `Les ${hidden} autres entreprises cibles restent ciblées (100 au plus dans cette liste).`),
    ).toBe(true);
  expect(inputById(p, PROGRAMME_BLOCKS.add).element?.type).toBe('multi_external_select');
  expect(inputById(p, PROGRAMME_BLOCKS.sirets).element?.max_length).toBe(3000);
}

const PROGRAMME_CASES: Case[] = [
  entry(
    programmeNudgeMessage,
    'behind pace, 3 targets not visited, one a pending SIRET',
    'message',
    [PROGRESS_BEHIND, PROGRAMME_TODAY],
    (p) => {
      expectNudge(p, PROGRESS_BEHIND, PROGRAMME_TODAY);
      expect(p.text).toBe('Programme de visites de CCI du Cher : en retard sur le rythme de mars 2026');
      expect(p.blocks[1]?.text?.text).toBe(
        '*mars 2026* : ▰▰▰▱▱▱▱▱▱▱ 2 / 8 visite(s) — :warning: en retard sur le rythme (4 attendue(s) à ce jour)\n*Depuis janvier* : 14 / 24 visite(s)\n*Entreprises cibles* : 3 / 6 visitée(s)',
      );
      expect(showsText(p, 'Transports Berrichons &amp; Fils (Issoudun)')).toBe(true);
      expect(showsText(p, `${PENDING_SIRET_TEXT} — entreprise pas encore connue de la plateforme`)).toBe(true);
      expect(buttons(p)).toHaveLength(2);
      expect(showsText(p, '… et ')).toBe(false);
    },
  ),
  entry(
    programmeNudgeMessage,
    'worst case: 120-char structure name, 500 a month, 8 of 75 targets shown with 200-char names and markup',
    'message',
    [PROGRESS_WORST, PROGRAMME_WORST_TODAY],
    (p) => {
      expectNudge(p, PROGRESS_WORST, PROGRAMME_WORST_TODAY);
      expect(
        showsText(p, '▱▱▱▱▱▱▱▱▱▱ 0 / 500 visite(s) — :warning: en retard sur le rythme (483 attendue(s) à ce jour)'),
      ).toBe(true);
      expect(showsText(p, '… et 62 autre(s) entreprise(s) cible(s) à visiter.')).toBe(true);
      expect(buttons(p)).toHaveLength(6);
      expectTypedMarkupEscaped(p);
    },
  ),
  entry(
    programmesMessage,
    'no active structure',
    'message',
    [{ year: 2026, today: PROGRAMME_TODAY, progress: [], without: [], years: [2026] }],
    (p) => {
      expectProgrammes(p, { year: 2026, today: PROGRAMME_TODAY, progress: [], without: [], years: [2026] });
      expect(contextTexts(p.blocks[1]!)).toEqual(['Aucune structure active : créez-les avec `/plateforme structure`.']);
    },
  ),
  entry(
    programmesMessage,
    'three structures with a programme, two without, in March',
    'message',
    [REALISTIC_OVERVIEW],
    (p) => {
      expectProgrammes(p, REALISTIC_OVERVIEW);
      expect(p.blocks[1]?.text?.text.split('\n')[0]).toBe('*CCI du Cher* — 8 visite(s) par mois');
      expect(
        showsText(
          p,
          '*Initiative Cher &amp; Berry* — 4 visite(s) par mois\n*mars 2026* : ▰▰▰▰▰▰▰▰▰▰ 6 / 4 visite(s)\n',
        ),
      ).toBe(true);
      expect(showsText(p, '*Cap emploi du Cher* — pas de programme en 2026')).toBe(true);
      expect(buttons(p).map((b) => b.value)).toEqual(
        [uuid(801), uuid(802), uuid(803), uuid(804), uuid(805)].map((id) => `${id}:2026`),
      );
    },
  ),
  entry(programmesMessage, 'in October: this year and next for each structure', 'message', [OCTOBER_OVERVIEW], (p) => {
    expectProgrammes(p, OCTOBER_OVERVIEW);
    expect(p.blocks[2]?.elements?.map((b) => b.value)).toEqual([`${uuid(801)}:2026`, `${uuid(801)}:2027`]);
    expect(showsText(p, '*octobre 2026* : ')).toBe(true);
  }),
  entry(
    programmesMessage,
    'worst case: 30 programmes and 10 structures without, 120-char names with markup, 20 shown',
    'message',
    [WORST_OVERVIEW],
    (p) => {
      expectProgrammes(p, WORST_OVERVIEW);
      expect(p.blocks.length).toBeLessThanOrEqual(50);
      expect(showsText(p, '… et 20 autre(s) structure(s)')).toBe(true);
      expect(showsText(p, 'pas de programme')).toBe(false);
      expectTypedMarkupEscaped(p);
    },
  ),
  entry(programmeModal, 'new programme for next year', 'modal', [PROGRAMME_NEW], (p) => {
    expectProgrammeModal(p, PROGRAMME_NEW);
    expect(JSON.parse(p.private_metadata ?? '')).toEqual({ structureId: uuid(801), year: 2027, shownUpTo: null });
    expect(inputById(p, PROGRAMME_BLOCKS.monthlyTarget).element?.initial_value).toBeUndefined();
  }),
  entry(programmeModal, 'existing programme, three targets, one a pending SIRET', 'modal', [PROGRAMME_THREE], (p) => {
    expectProgrammeModal(p, PROGRAMME_THREE);
    expect(inputById(p, PROGRAMME_BLOCKS.monthlyTarget).element?.initial_value).toBe('8');
    expect(inputById(p, PROGRAMME_BLOCKS.keep).element?.options?.map((o) => o.text.text)).toEqual([
      'Mécanique du Val (Vierzon)',
      'Transports Berrichons & Fils (Issoudun)',
      `${PENDING_SIRET_TEXT} (pas encore connue)`,
    ]);
  }),
  entry(
    programmeModal,
    'worst case: 130 targets with 200-char names, 100 listed, 120-char structure name with markup',
    'modal',
    [PROGRAMME_WORST],
    (p) => {
      expectProgrammeModal(p, PROGRAMME_WORST);
      expect(inputById(p, PROGRAMME_BLOCKS.keep).element?.options).toHaveLength(100);
      // The 100th target listed: the 30 after it stay whatever the answer.
      expect(JSON.parse(p.private_metadata ?? '').shownUpTo.id).toBe(PROGRAMME_WORST.programme!.targets[99]!.id);
      expect(showsText(p, 'Les 30 autres entreprises cibles restent ciblées')).toBe(true);
      expect(inputById(p, PROGRAMME_BLOCKS.monthlyTarget).element?.initial_value).toBe('500');
      expectTypedMarkupEscaped(p);
    },
  ),
];

/**
 * The Home's programmes: the coordination sees each structure's month (25 at most); a capteur
 * their structure's progress and its first 5 targets not visited, each with « Nouvelle visite ».
 */
function expectHomeProgrammes(p: JPayload, programmes: Extract<HomeInput, { kind: 'member' }>['programmes']) {
  const targetButtons = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined);
  const all = programmes?.all === true;
  const mine = programmes && !programmes.all ? programmes.progress[0] : undefined;
  expect(showsText(p, '*Programmes de visites — ')).toBe(all);
  expect(showsText(p, '*Programme de visites de ')).toBe(mine !== undefined);
  if (!programmes || (!all && !mine)) {
    expect(targetButtons).toEqual([]);
    return;
  }
  if (all) {
    expect(targetButtons).toEqual([]);
    const at = p.blocks.findIndex((b) => b.text?.text === `*Programmes de visites — ${frenchMonth(programmes.today)}*`);
    expect(at).toBeGreaterThan(0);
    const shown = programmes.progress.slice(0, 25);
    const next = p.blocks[at + 1]!;
    if (shown.length === 0)
      expect(contextTexts(next)).toEqual(['Aucun programme fixé cette année : `/plateforme programmes`.']);
    else {
      // Every line whole, over as many sections as needed (none cut), up to the divider.
      const end = p.blocks.findIndex((b, i) => i > at && b.type !== 'section');
      const sections = p.blocks.slice(at + 1, end);
      expect(sections.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
      expect(sections.flatMap((b) => b.text?.text.split('\n') ?? [])).toEqual(
        shown.map(
          (x) =>
            `${x.behindPace ? ':warning:' : ':white_check_mark:'} *${escapeText(cut(x.structure.name, 80))}* — ${progressBar(x.month.visits, x.month.target)} ce mois-ci · cibles ${x.targets.visited} / ${x.targets.total}`,
        ),
      );
    }
    const more = programmes.progress.length - shown.length;
    expect(showsText(p, `… et ${more} autre(s) : \`/plateforme programmes\`.`)).toBe(more > 0);
    return;
  }
  const head = p.blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('*Programme de visites de '));
  expect(head?.text?.text.split('\n')).toEqual([
    `*Programme de visites de ${escapeText(cut(mine!.structure.name, 120))}*`,
    ...progressText(mine!, programmes.today),
  ]);
  expectTargetsNotVisited(p, mine!, 5);
}

/** What programmeProgress gives the coordination's Home (notVisitedLimit 0) and a capteur's (5). */
const forCoordination = (x: ProgrammeProgress): ProgrammeProgress => ({
  ...x,
  targets: { ...x.targets, notVisited: [] },
});
const forCapteur = (x: ProgrammeProgress): ProgrammeProgress => ({
  ...x,
  targets: { ...x.targets, notVisited: x.targets.notVisited.slice(0, 5) },
});

/** Every active structure has a programme: 40, with 120-char names and markup, alternately behind. */
const WORST_HOME_PROGRESS = WORST_OVERVIEW.progress
  .concat(
    Array.from({ length: 10 }, (_, i) => ({
      ...PROGRESS_WORST,
      structure: { id: uuid(850 + i), name: typedStructure(40 + i) },
    })),
  )
  .map(forCoordination);

const HOME_COORDINATOR: HomeInput = {
  kind: 'member',
  roles: ['coordinateur'],
  structureName: null,
  coordination: { openAlerts: REALISTIC_OPEN_ALERTS, clock: ON_TIME },
};
const HOME_COORDINATOR_NONE: HomeInput = {
  kind: 'member',
  roles: ['coordinateur'],
  structureName: null,
  coordination: { openAlerts: [], clock: ON_TIME },
};
const HOME_COORDINATOR_WORST: HomeInput = {
  ...HOME_CAPTEUR_WORST,
  coordination: { openAlerts: WORST_OPEN_ALERTS, clock: LATE },
};

const HOME_ALERT_CASES: Case[] = [
  entry(homeView, 'coordinator with three open alerts', 'home', [HOME_COORDINATOR], (p) =>
    expectHome(p, HOME_COORDINATOR),
  ),
  entry(homeView, 'coordinator, no open alert', 'home', [HOME_COORDINATOR_NONE], (p) =>
    expectHome(p, HOME_COORDINATOR_NONE),
  ),
  entry(
    homeView,
    'worst case: capteur and coordinator, all roles, 10 long visits, 30 long open alerts',
    'home',
    [HOME_COORDINATOR_WORST],
    (p) => expectHome(p, HOME_COORDINATOR_WORST),
  ),
];

/** The coordination's Home: the next session (agenda in preparation), three companies to inform, with their capteurs. */
const HOME_COORDINATOR_COMMITTEE: HomeInput = {
  ...HOME_COORDINATOR,
  committee: {
    next: { scheduledAt: COMMITTEE_AT, channelId: committeeChannel(1), status: 'planned', items: 4 },
    toInform: { total: 3, items: [...TO_INFORM_TWO.items, toInformItem(3, false)] },
    clock: COMMITTEE_CLOCK,
    all: true,
  },
};
/** A capteur's Home: no session planned, two companies of theirs to inform. */
const HOME_CAPTEUR_COMMITTEE: HomeInput = {
  ...HOME_CAPTEUR,
  committee: { next: null, toInform: TO_INFORM_TWO, clock: INFORM_CLOCK, all: false },
};
/** Everything at its maximum, a session in progress in summer time, 10 of 75 companies to inform, 40 programmes. */
const HOME_COMMITTEE_WORST: HomeInput = {
  ...HOME_COORDINATOR_WORST,
  programmes: { progress: WORST_HOME_PROGRESS, today: PROGRAMME_WORST_TODAY, all: true },
  committee: {
    next: {
      scheduledAt: new Date('2026-07-02T22:30:00Z'),
      channelId: `C${'Z9'.repeat(20)}`,
      status: 'held',
      items: 1_000_000,
    },
    toInform: { total: 75, items: TO_INFORM_WORST.items.slice(0, 10) },
    clock: LATE,
    all: true,
  },
};
/** A capteur's Home at its maximum: their structure's programme lists 5 of its 75 targets, long names with markup. */
const HOME_CAPTEUR_COMMITTEE_WORST: HomeInput = {
  ...HOME_CAPTEUR_WORST,
  programmes: { progress: [forCapteur(PROGRESS_WORST)], today: PROGRAMME_WORST_TODAY, all: false },
  committee: {
    next: { scheduledAt: COMMITTEE_AT, channelId: committeeChannel(1), status: 'agenda_published', items: 60 },
    toInform: TO_INFORM_WORST,
    clock: INFORM_CLOCK,
    all: false,
  },
};

const HOME_COMMITTEE_CASES: Case[] = [
  entry(
    homeView,
    'coordinator: next session, three companies to inform with their capteurs',
    'home',
    [HOME_COORDINATOR_COMMITTEE],
    (p) => {
      expectHome(p, HOME_COORDINATOR_COMMITTEE);
      expect(
        showsText(
          p,
          `*Prochain comité technique* : ${COMMITTEE_AT_TEXT} dans <#${committeeChannel(1)}> — ordre du jour en préparation, 4 entreprise(s).`,
        ),
      ).toBe(true);
      expect(showsText(p, `Transports Berrichons &amp; Fils — comité du 12/03/2026 — <@${slackId(311)}>`)).toBe(true);
    },
  ),
  entry(
    homeView,
    'capteur: no session planned, two companies of theirs to inform',
    'home',
    [HOME_CAPTEUR_COMMITTEE],
    (p) => {
      expectHome(p, HOME_CAPTEUR_COMMITTEE);
      expect(showsText(p, 'aucune séance planifiée')).toBe(true);
      expect(showsText(p, '<@')).toBe(false);
    },
  ),
  entry(
    homeView,
    'coordinator, nobody left to inform',
    'home',
    [
      {
        ...HOME_COORDINATOR_COMMITTEE,
        committee: { next: null, toInform: TO_INFORM_NONE, clock: COMMITTEE_CLOCK, all: true },
      },
    ],
    (p) =>
      expectHome(p, {
        ...HOME_COORDINATOR_COMMITTEE,
        committee: { next: null, toInform: TO_INFORM_NONE, clock: COMMITTEE_CLOCK, all: true },
      }),
  ),
  entry(
    homeView,
    'worst case: all roles, 10 long visits, 30 long alerts, session in progress, 10 of 75 long names to inform, 40 programmes',
    'home',
    [HOME_COMMITTEE_WORST],
    (p) => {
      expectHome(p, HOME_COMMITTEE_WORST);
      expect(showsText(p, '… et 15 autre(s) : `/plateforme programmes`.')).toBe(true);
      expect(p.blocks.length).toBeLessThanOrEqual(100);
      expectTypedMarkupEscaped(p);
      expect(showsText(p, '03/07/2026 à 00:30 dans')).toBe(true);
      expect(showsText(p, '… toutes avec `/comite a-informer`.')).toBe(true);
      expect(buttons(p).filter((b) => b.action_id === COMMITTEE_BUTTONS.informed)).toHaveLength(10);
    },
  ),
  entry(
    homeView,
    'worst case: capteur with all roles, 10 long visits, 40 of 75 long names to inform, 5 of 75 long targets',
    'home',
    [HOME_CAPTEUR_COMMITTEE_WORST],
    (p) => {
      expectHome(p, HOME_CAPTEUR_COMMITTEE_WORST);
      expect(showsText(p, '… et 65 autre(s) entreprise(s) cible(s) à visiter.')).toBe(true);
      expect(buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined)).toHaveLength(
        4,
      );
      expect(p.blocks.length).toBeLessThanOrEqual(100);
      expectTypedMarkupEscaped(p);
      expect(showsText(p, '… et 65 autre(s).')).toBe(true);
    },
  ),
];

const COMMITTEE_OPENING = { initialAt: COMMITTEE_AT };
const COMMITTEE_OPENING_CHANNEL = { initialAt: COMMITTEE_AT, channelId: committeeChannel(1) };
/** An instant with milliseconds, in summer time, and a long channel id. */
const COMMITTEE_OPENING_WORST = { initialAt: new Date('2026-07-02T22:30:59.999Z'), channelId: `C${'Z9'.repeat(20)}` };

const COMMITTEES_INFORM_RHYTHM = (canRun: boolean): CommitteesOptions => ({
  canRun,
  toInform: 3,
  rhythm: '2e mardi du mois à 14 h 00',
});
const COMMITTEES_WORST_OPTIONS = (canRun: boolean): CommitteesOptions => ({
  canRun,
  toInform: 1_000_000,
  rhythm: 'dernier mercredi du mois à 23 h 59',
});
/** Moving a planned session: its current time and channel, its id. */
const COMMITTEE_OPENING_MOVE = { initialAt: COMMITTEE_AT, channelId: committeeChannel(2), committeeId: uuid(30_002) };

const COMMITTEE_CASES: Case[] = [
  // --- Messages: /comite, for the coordination and for the other members ---
  ...[true, false].flatMap((canRun) => {
    const who = canRun ? 'who runs the committees' : 'who cannot run them';
    return [
      entry(committeesMessage, `none planned, ${who}`, 'message', [[], COMMITTEE_CLOCK, { canRun }], (p) =>
        expectCommittees(p, [], { canRun }, COMMITTEE_CLOCK),
      ),
      ...COMMITTEE_STATUSES.map((status) =>
        entry(
          committeesMessage,
          `three sessions ${status}, ${who}`,
          'message',
          [threeSessions(status), COMMITTEE_CLOCK, { canRun }],
          (p) => expectCommittees(p, threeSessions(status), { canRun }, COMMITTEE_CLOCK),
        ),
      ),
      entry(
        committeesMessage,
        `three planned, 3 companies to inform, proposed by the rhythm, ${who}`,
        'message',
        [threeSessions('planned'), COMMITTEE_CLOCK, COMMITTEES_INFORM_RHYTHM(canRun)],
        (p) => {
          expectCommittees(p, threeSessions('planned'), COMMITTEES_INFORM_RHYTHM(canRun), COMMITTEE_CLOCK);
          expect(showsText(p, ':envelope: 3 entreprise(s) pas encore informée(s)')).toBe(canRun);
          expect(showsText(p, 'Séances proposées automatiquement le 2e mardi du mois à 14 h 00.')).toBe(canRun);
        },
      ),
      entry(
        committeesMessage,
        `none planned, nobody left to inform, no rhythm, ${who}`,
        'message',
        [[], COMMITTEE_CLOCK, { canRun, toInform: 0, rhythm: undefined }],
        (p) => {
          expectCommittees(p, [], { canRun, toInform: 0 }, COMMITTEE_CLOCK);
          expect(p.blocks.filter((b) => b.type === 'context')).toHaveLength(1);
        },
      ),
      entry(
        committeesMessage,
        `worst case: 10 sessions in every status, 60+ companies each, a million to inform, a rhythm, ${who}`,
        'message',
        [TEN_SESSIONS, COMMITTEE_CLOCK, COMMITTEES_WORST_OPTIONS(canRun)],
        (p) => expectCommittees(p, TEN_SESSIONS, COMMITTEES_WORST_OPTIONS(canRun), COMMITTEE_CLOCK),
      ),
    ];
  }),

  // --- Messages: the agenda posted in the committee channel ---
  entry(
    agendaHeaderMessage,
    'no company on the agenda, no action to review',
    'message',
    [AGENDA_EMPTY, REVIEW_NONE, COMMITTEE_CLOCK],
    (p) => expectAgendaHeader(p, AGENDA_EMPTY, REVIEW_NONE, COMMITTEE_CLOCK),
  ),
  entry(
    agendaHeaderMessage,
    'a company shown without its name: its label, its commune said once',
    'message',
    [
      {
        ...AGENDA_THREE,
        items: AGENDA_THREE.items.map((i, n) =>
          n === 1
            ? {
                ...i,
                company: { ...i.company, name: 'Entreprise non nommée — industrie, 10 à 19 salariés, Bourges' },
                companyHidden: true,
              }
            : i,
        ),
      },
      REVIEW_NONE,
      COMMITTEE_CLOCK,
    ],
    (p) => {
      expect(showsText(p, '2. Entreprise non nommée — industrie, 10 à 19 salariés, Bourges\n')).toBe(true);
      expect(showsText(p, 'Bourges (Bourges)')).toBe(false);
    },
  ),
  entry(
    agendaHeaderMessage,
    'three companies, no action to review',
    'message',
    [AGENDA_THREE, REVIEW_NONE, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_THREE, REVIEW_NONE, COMMITTEE_CLOCK);
      expect(p.blocks[0]?.text?.text).toBe(`Comité technique du ${COMMITTEE_AT_TEXT}`);
      expect(p.text).toBe(`Ordre du jour du comité technique du ${COMMITTEE_AT_TEXT}`);
      expect(showsText(p, '3. Transports Berrichons &amp; Fils (Issoudun)')).toBe(true);
    },
  ),
  entry(
    agendaHeaderMessage,
    'three companies, three actions to review',
    'message',
    [AGENDA_THREE, REVIEW_THREE, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_THREE, REVIEW_THREE, COMMITTEE_CLOCK);
      expect(p.blocks[2]?.text?.text).toBe(
        [
          "*Actions à faire le point — 3 échue(s) d'ici la séance ou bloquée(s)*",
          '• Monter une POE de soudeurs — Mécanique du Val — OPCO 2i — En cours, échéance 06/03/2026',
          '• Diagnostic RH — Transports Berrichons &amp; Fils — CCI du Cher — À faire, échéance 12/03/2026',
          '• Présenter l’entreprise au club RH — Boulangerie Martin — CMA Centre-Val de Loire — Bloquée, échéance 30/04/2026',
        ].join('\n'),
      );
    },
  ),
  entry(
    agendaHeaderMessage,
    'worst case: 60 companies with 200-char names, mentions and ampersands, no action to review',
    'message',
    [AGENDA_60, REVIEW_NONE, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_60, REVIEW_NONE, COMMITTEE_CLOCK);
      // Too long to list whole: cut within the section's 3000 characters.
      expect(p.blocks[1]?.text?.text.endsWith('…')).toBe(true);
      expect(showsText(p, `1. ${escapeText(cut(agendaCompanyName(1), 120))} (${LONG_COMMUNE})`)).toBe(true);
    },
  ),
  entry(
    agendaHeaderMessage,
    'worst case: 60 companies, 20 of 57 actions to review with 200-char titles and names, mentions and links',
    'message',
    [AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK],
    (p) => {
      expectAgendaHeader(p, AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK);
      expect(showsText(p, "*Actions à faire le point — 57 échue(s) d'ici la séance ou bloquée(s)*")).toBe(true);
      // Both lists too long to show whole: each cut within its section.
      expect(p.blocks[1]?.text?.text.endsWith('…')).toBe(true);
      expect(p.blocks[2]?.text?.text.endsWith('…')).toBe(true);
      expect(showsText(p, '… et 37 autre(s) : chaque action a son message dans ce canal.')).toBe(true);
      expect(p.blocks[2]?.text?.text).toContain('&lt;!channel&gt; &amp; *soudeurs TIG*');
    },
  ),

  // --- Messages: the session the rhythm proposed, to each coordinator ---
  entry(
    committeeProposedMessage,
    'three companies so far, agenda published 7 days before',
    'message',
    [proposed(AGENDA_THREE), COMMITTEE_CLOCK, 7],
    (p) => {
      expectCommitteeProposed(p, proposed(AGENDA_THREE), COMMITTEE_CLOCK, 7);
      expect(p.text).toBe(`Comité technique proposé le ${COMMITTEE_AT_TEXT}`);
    },
  ),
  entry(committeeProposedMessage, 'no company yet', 'message', [proposed(AGENDA_EMPTY), COMMITTEE_CLOCK, 1], (p) => {
    expectCommitteeProposed(p, proposed(AGENDA_EMPTY), COMMITTEE_CLOCK, 1);
    expect(showsText(p, "0 entreprise(s) à l'ordre du jour pour l'instant")).toBe(true);
  }),
  entry(
    committeeProposedMessage,
    'worst case: 60 companies with 200-char names, summer time, published 365 days before',
    'message',
    [
      { ...proposed(AGENDA_60), scheduledAt: new Date('2026-07-02T22:30:00Z'), channelId: `C${'Z9'.repeat(20)}` },
      COMMITTEE_CLOCK,
      365,
    ],
    (p) => {
      expectCommitteeProposed(
        p,
        { ...proposed(AGENDA_60), scheduledAt: new Date('2026-07-02T22:30:00Z'), channelId: `C${'Z9'.repeat(20)}` },
        COMMITTEE_CLOCK,
        365,
      );
      expect(showsText(p, '*03/07/2026 à 00:30*')).toBe(true);
      expectNoRawMarkup(p);
    },
  ),
  entry(
    agendaItemMessage,
    'realistic: one shared visit with stakes, needs, diagnostic and a red flag',
    'message',
    [REALISTIC_AGENDA_ITEM],
    (p) => {
      expectAgendaItem(p, REALISTIC_AGENDA_ITEM);
      expect(showsText(p, `*Signaux d'alerte*\n:warning: ${RED_FLAG_LABELS.recrutement_urgent}`)).toBe(true);
      expect(showsText(p, `<@${slackId(301)}> (CCI du Cher)`)).toBe(true);
      expect(showsText(p, '*Besoins* : Recruter deux soudeurs qualifiés')).toBe(true);
    },
  ),
  entry(
    agendaItemMessage,
    'worst case: 8 visits with 3000-char texts, 200-char name with markup, unknown NAF, every stake and flag',
    'message',
    [WORST_AGENDA_ITEM],
    (p) => {
      expectAgendaItem(p, WORST_AGENDA_ITEM);
      expect(showsText(p, 'code inconnu')).toBe(true);
      expect(showsText(p, '… et 3 visite(s) plus ancienne(s)')).toBe(true);
      for (const flag of ALL_RED_FLAGS) expect(showsText(p, RED_FLAG_LABELS[flag])).toBe(true);
      expect(showsText(p, '&lt;!channel&gt; &amp; Chaudronnerie')).toBe(true);
    },
  ),
  entry(
    agendaItemMessage,
    'a visit the company did not agree to share, carrying every flag',
    'message',
    [PRIVATE_VISIT_ITEM],
    (p) => {
      expectAgendaItem(p, PRIVATE_VISIT_ITEM);
      expect(showsText(p, "*Signaux d'alerte*\nAucun")).toBe(true);
      expect(showsText(p, 'CMA Centre-Val de Loire : contenu non partagé')).toBe(true);
    },
  ),
  entry(
    agendaItemMessage,
    'worst case: 7 private visits only, nobody bringing the company',
    'message',
    [ONLY_PRIVATE_ITEM],
    (p) => {
      expectAgendaItem(p, ONLY_PRIVATE_ITEM);
      expect(p.blocks.filter((b) => b.type === 'section' && (b.text?.text ?? '').includes('*Besoins*'))).toEqual([]);
    },
  ),
  // In the meeting: the item's buttons, and what was decided (long decision, several actions).
  entry(
    agendaItemMessage,
    'in the meeting: decided, with actions, buttons to record more',
    'message',
    [IN_MEETING_ITEM],
    (p) => {
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([
        [COMMITTEE_BUTTONS.itemAction, IN_MEETING_ITEM.id],
        [COMMITTEE_BUTTONS.itemDecision, IN_MEETING_ITEM.id],
        [COMMITTEE_BUTTONS.itemNoFollowUp, IN_MEETING_ITEM.id],
      ]);
      expect(showsText(p, '*Décision* : ')).toBe(true);
      expect(showsText(p, '*Action* : Monter une POE de soudeurs')).toBe(true);
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),
  entry(agendaItemMessage, 'closed session: no follow-up, no buttons', 'message', [CLOSED_ITEM], (p) => {
    expect(buttons(p)).toEqual([]);
    expect(showsText(p, '*Pas de suite*')).toBe(true);
  }),
  // The whole 60-company agenda: every item's message too.
  ...AGENDA_60_ITEMS.map((item) =>
    entry(
      agendaItemMessage,
      `worst case: 60-company agenda, item ${item.rank} with ${item.visits.length} visit(s)`,
      'message',
      [item],
      (p) => expectAgendaItem(p, item),
    ),
  ),

  // --- J-2: the reminder to each committee member ---
  entry(
    committeeReminderMessage,
    'three companies, two actions to update',
    'message',
    [
      AGENDA_THREE,
      [
        {
          title: 'Monter une POE',
          status: 'en_cours',
          dueDate: new Date('2026-04-30T00:00:00Z'),
          company: { name: 'Forges de Vierzon' },
        },
        {
          title: 'Diagnostic RH',
          status: 'a_faire',
          dueDate: new Date('2026-03-20T00:00:00Z'),
          company: { name: 'Porcelaines de Foëcy' },
        },
      ],
      COMMITTEE_CLOCK,
    ],
    (p) => {
      expect(showsText(p, `${AGENDA_THREE.items.length} entreprise(s) à l'ordre du jour`)).toBe(true);
      expect(showsText(p, 'Monter une POE')).toBe(true);
      // The agenda's header, one click away.
      expect(showsText(p, `<${agendaLink(1)}|Ouvrir l'ordre du jour>`)).toBe(true);
    },
  ),
  entry(
    committeeReminderMessage,
    'agenda link not known (Slack refused it): the channel only',
    'message',
    [{ ...AGENDA_THREE, agendaPermalink: null }, [], COMMITTEE_CLOCK],
    (p) => {
      expect(showsText(p, "Ouvrir l'ordre du jour")).toBe(false);
      expect(showsText(p, `à lire dans <#${committeeChannel(1)}>`)).toBe(true);
    },
  ),
  entry(
    committeeReminderMessage,
    'worst case: 60 companies, 30 long actions with mentions',
    'message',
    [
      AGENDA_60,
      Array.from({ length: 30 }, (_, i) => ({
        title: `${'T'.repeat(140)} <!channel> ${i}`,
        status: 'bloquee' as const,
        dueDate: new Date('2026-03-01T00:00:00Z'),
        company: { name: `${'N'.repeat(190)} <!here>` },
      })),
      COMMITTEE_CLOCK,
    ],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
      expect(JSON.stringify(p)).not.toContain('<!here>');
    },
  ),
  entry(committeeReminderMessage, 'no action to update', 'message', [AGENDA_EMPTY, [], COMMITTEE_CLOCK], (p) =>
    expect(showsText(p, "Votre structure n'a pas d'action en cours")).toBe(true),
  ),

  // --- The closing: the summary, and the decisions to pass on to each company ---
  entry(committeeSummaryMessage, 'three companies', 'message', [summaryOf(3, false), COMMITTEE_CLOCK], (p) => {
    expect(showsText(p, 'Accompagner le recrutement de soudeurs.')).toBe(true);
    expect(showsText(p, 'Pas de suite.')).toBe(true);
  }),
  entry(
    committeeSummaryMessage,
    'worst case: 60 companies, long decisions, ten actions each',
    'message',
    [summaryOf(60, true), COMMITTEE_CLOCK],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
      expect(JSON.stringify(p)).not.toContain('<!here>');
    },
  ),
  entry(
    informCompanyMessage,
    'worst case: a long decision with mentions, ten actions: the text to send and « Entreprise informée »',
    'message',
    [IN_MEETING_ITEM],
    (p) => {
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([[COMMITTEE_BUTTONS.informed, IN_MEETING_ITEM.id]]);
      expect(showsText(p, 'Madame, Monsieur,')).toBe(true);
      expect(showsText(p, 'Monter une POE de soudeurs')).toBe(true);
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),
  entry(informCompanyMessage, 'already informed: no more button', 'message', [INFORMED_ITEM], (p) => {
    expect(buttons(p)).toEqual([]);
    expect(showsText(p, 'Entreprise informée par téléphone le 20/03/2026.')).toBe(true);
  }),

  // --- Companies still to inform: the capteur's reminder, and /comite a-informer ---
  entry(
    informReminderMessage,
    'two companies, one without structure',
    'message',
    [TO_INFORM_TWO, INFORM_CLOCK],
    (p) => {
      expectInformReminder(p, TO_INFORM_TWO);
      expect(p.blocks[1]?.text?.text).toBe(
        `*Transports Berrichons &amp; Fils* (Issoudun) — comité du 12/03/2026, clôturé il y a 12 jour(s)`,
      );
    },
  ),
  entry(
    informReminderMessage,
    'worst case: 20 of 75, 200-char names and communes with mentions',
    'message',
    [TO_INFORM_WORST_CAPTEUR, INFORM_CLOCK],
    (p) => {
      expectInformReminder(p, TO_INFORM_WORST_CAPTEUR);
      expect(showsText(p, '… et 55 autre(s).')).toBe(true);
      expect(showsText(p, '&lt;!channel&gt; &amp; Chaudronnerie')).toBe(true);
    },
  ),
  entry(
    informReminderMessage,
    'more listed than a reminder shows: the 20 oldest',
    'message',
    [TO_INFORM_WORST, INFORM_CLOCK],
    (p) => {
      expectInformReminder(p, TO_INFORM_WORST);
      expect(buttons(p)).toHaveLength(20);
    },
  ),
  entry(companiesToInformMessage, 'everyone informed', 'message', [TO_INFORM_NONE, INFORM_CLOCK], (p) => {
    expectCompaniesToInform(p, TO_INFORM_NONE);
    expect(buttons(p)).toEqual([]);
  }),
  entry(
    companiesToInformMessage,
    'two companies, reminded once, one capteur without structure',
    'message',
    [TO_INFORM_TWO, INFORM_CLOCK],
    (p) => {
      expectCompaniesToInform(p, TO_INFORM_TWO);
      expect(showsText(p, `— <@${slackId(311)}> (CCI du Cher) — 1 rappel(s)`)).toBe(true);
      expect(p.blocks[2]?.text?.text.endsWith(`clôturé il y a 12 jour(s) — <@${slackId(312)}>`)).toBe(true);
    },
  ),
  entry(
    companiesToInformMessage,
    'worst case: 40 of 75, 200-char names with mentions, long structures, one capteur gone',
    'message',
    [TO_INFORM_WORST, INFORM_CLOCK],
    (p) => {
      expectCompaniesToInform(p, TO_INFORM_WORST);
      expect(buttons(p)).toHaveLength(40);
      expect(showsText(p, '… les 40 plus anciennes sur 75.')).toBe(true);
      // Nobody to name for the one whose capteur left.
      expect(p.blocks[3]?.text?.text).not.toContain('<@');
      expect(showsText(p, escapeText(LONG_TYPED_STRUCTURE))).toBe(true);
    },
  ),

  entry(
    informedModal,
    'how and when',
    'modal',
    [{ id: uuid(43_001), company: { name: 'Forges de Vierzon' } }, '2026-03-20'],
    (p) => {
      expect(p.callback_id).toBe(VIEWS.companyInformed);
      expect(JSON.parse(p.private_metadata!)).toEqual({ agendaItemId: uuid(43_001) });
    },
  ),
  entry(
    informedModal,
    'worst case: a 200-character name with a mention',
    'modal',
    [{ id: uuid(43_002), company: { name: `${'N'.repeat(190)} <!channel>` } }, '2026-03-20'],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),

  // --- Modal: a decision for an agenda item ---
  entry(
    decisionModal,
    'first decision',
    'modal',
    [{ id: uuid(40_001), decision: null, company: { name: 'Forges de Vierzon' } }],
    (p) => {
      expect(p.callback_id).toBe(VIEWS.itemDecision);
      expect(JSON.parse(p.private_metadata!)).toEqual({ agendaItemId: uuid(40_001) });
    },
  ),
  entry(
    decisionModal,
    'worst case: editing a 2000-character decision, 200-character name',
    'modal',
    [{ id: uuid(40_002), decision: 'd'.repeat(2000), company: { name: `${'N'.repeat(190)} <!channel>` } }],
    (p) => {
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),

  // --- Modal: planning a session ---
  entry(committeePlanModal, 'no channel yet', 'modal', [COMMITTEE_OPENING], (p) =>
    expectCommitteePlanModal(p, COMMITTEE_OPENING),
  ),
  entry(committeePlanModal, 'the last session’s channel pre-selected', 'modal', [COMMITTEE_OPENING_CHANNEL], (p) =>
    expectCommitteePlanModal(p, COMMITTEE_OPENING_CHANNEL),
  ),
  entry(
    committeePlanModal,
    'worst case: instant with milliseconds in summer time, long channel id',
    'modal',
    [COMMITTEE_OPENING_WORST],
    (p) => expectCommitteePlanModal(p, COMMITTEE_OPENING_WORST),
  ),
  entry(
    committeePlanModal,
    'moving a planned session: its time and channel, its id',
    'modal',
    [COMMITTEE_OPENING_MOVE],
    (p) => expectCommitteePlanModal(p, COMMITTEE_OPENING_MOVE),
  ),

  // --- Modal: editing an agenda before publication ---
  entry(
    agendaEditModal,
    'empty agenda: only companies to add',
    'modal',
    [DRAFT_EMPTY, { timeZone: TIME_ZONE }],
    (p) => {
      expectAgendaEditModal(p, DRAFT_EMPTY, { timeZone: TIME_ZONE });
      expect(inputs(p)).toHaveLength(1);
    },
  ),
  entry(agendaEditModal, 'three companies, all kept at first', 'modal', [DRAFT_THREE, { timeZone: TIME_ZONE }], (p) => {
    expectAgendaEditModal(p, DRAFT_THREE, { timeZone: TIME_ZONE });
    expect(showsText(p, `Comité du *${COMMITTEE_AT_TEXT}* — 3 entreprise(s)`)).toBe(true);
    expect(inputById(p, AGENDA_EDIT_BLOCKS.keep).element?.options?.[2]?.text.text).toBe(
      '3. Transports Berrichons & Fils (Issoudun)',
    );
  }),
  entry(
    agendaEditModal,
    'worst case: 130 companies with 200-char names, 100 listed, 30 kept aside',
    'modal',
    [DRAFT_130, { timeZone: TIME_ZONE }],
    (p) => {
      expectAgendaEditModal(p, DRAFT_130, { timeZone: TIME_ZONE });
      expect(inputById(p, AGENDA_EDIT_BLOCKS.keep).element?.options).toHaveLength(100);
      expect(JSON.parse(p.private_metadata ?? '').shownUpToRank).toBe(100);
      expect(showsText(p, "Les 30 dernières entreprises restent à l'ordre du jour")).toBe(true);
    },
  ),
];

const HOME_COORDINATOR_PROGRAMMES: HomeInput = {
  ...HOME_COORDINATOR,
  programmes: { progress: REALISTIC_PROGRESS.map(forCoordination), today: PROGRAMME_TODAY, all: true },
};
const HOME_COORDINATOR_NO_PROGRAMME: HomeInput = {
  ...HOME_COORDINATOR,
  programmes: { progress: [], today: PROGRAMME_TODAY, all: true },
};
/** A capteur ahead of pace: 5 of their structure's 7 targets not visited listed, one a pending SIRET. */
const PROGRESS_CAPTEUR = progressRow(1, {
  name: 'CCI du Cher',
  monthlyTarget: 8,
  visits: 5,
  expected: 4,
  ytd: 20,
  monthsBegun: 3,
  total: 9,
  visited: 2,
  notVisited: [knownTarget(1), knownTarget(2), pendingTarget(), knownTarget(4), knownTarget(5)],
});
const HOME_CAPTEUR_PROGRAMME: HomeInput = {
  ...HOME_CAPTEUR,
  programmes: { progress: [PROGRESS_CAPTEUR], today: PROGRAMME_TODAY, all: false },
};
const HOME_CAPTEUR_NO_PROGRAMME: HomeInput = {
  ...HOME_CAPTEUR,
  programmes: { progress: [], today: PROGRAMME_TODAY, all: false },
};
const HOME_PROGRAMME_CASES: Case[] = [
  entry(
    homeView,
    'coordinator: three structures’ programmes, one behind pace',
    'home',
    [HOME_COORDINATOR_PROGRAMMES],
    (p) => {
      expectHome(p, HOME_COORDINATOR_PROGRAMMES);
      expect(showsText(p, '*Programmes de visites — mars 2026*')).toBe(true);
      expect(showsText(p, ':warning: *CCI du Cher* — ▰▰▰▱▱▱▱▱▱▱ 2 / 8 ce mois-ci · cibles 3 / 6')).toBe(true);
      expect(
        showsText(p, ':white_check_mark: *Initiative Cher &amp; Berry* — ▰▰▰▰▰▰▰▰▰▰ 6 / 4 ce mois-ci · cibles 8 / 10'),
      ).toBe(true);
      expect(showsText(p, '… et ')).toBe(false);
    },
  ),
  entry(homeView, 'coordinator, no programme this year', 'home', [HOME_COORDINATOR_NO_PROGRAMME], (p) => {
    expectHome(p, HOME_COORDINATOR_NO_PROGRAMME);
    expect(showsText(p, '`/plateforme programmes`')).toBe(true);
  }),
  entry(
    homeView,
    'capteur: their structure’s programme, 5 targets not visited, one a pending SIRET',
    'home',
    [HOME_CAPTEUR_PROGRAMME],
    (p) => {
      expectHome(p, HOME_CAPTEUR_PROGRAMME);
      expect(showsText(p, '*Programme de visites de CCI du Cher*\n*mars 2026* : ▰▰▰▰▰▰▱▱▱▱ 5 / 8 visite(s)\n')).toBe(
        true,
      );
      expect(showsText(p, 'en retard sur le rythme')).toBe(false);
      expect(buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined)).toHaveLength(
        4,
      );
      expect(showsText(p, `${PENDING_SIRET_TEXT} — entreprise pas encore connue de la plateforme`)).toBe(true);
      expect(showsText(p, '… et 2 autre(s) entreprise(s) cible(s) à visiter.')).toBe(true);
    },
  ),
  entry(homeView, 'capteur whose structure has no programme', 'home', [HOME_CAPTEUR_NO_PROGRAMME], (p) => {
    expectHome(p, HOME_CAPTEUR_NO_PROGRAMME);
    expect(p.blocks).toHaveLength(toJson(homeView(HOME_CAPTEUR)).blocks.length);
  }),
];

// ---------------------------------------------------------------------------
// Steering indicators: quarterly snapshots, /plateforme indicateurs, the choice form
// ---------------------------------------------------------------------------

type SnapshotRow = NonNullable<SnapshotWithPrevious['previous']>;
type IndicatorsOverview = Parameters<typeof indicatorsOverviewMessage>[0];

/** toLocaleString('fr-FR') groups thousands with a narrow no-break space (U+202F). */
const NNBSP = '\u202f';

const catalogued = (key: string) => {
  const indicator = INDICATORS.find((i) => i.key === key);
  if (!indicator) throw new Error(`no indicator ${key}`);
  return indicator;
};

/** A frozen value as snapshotQuarter stores it: the catalogue's label, unit and direction at the time. */
const snapshotValue = (
  key: string,
  value: number | null,
  target: number | null = null,
  breakdown?: Record<string, number>,
): SnapshotValue => {
  const { label, unit, higherIsBetter } = catalogued(key);
  return { key, label, unit, higherIsBetter, value, target, ...(breakdown ? { breakdown } : {}) };
};

const snapshotRow = (
  year: number,
  quarter: number,
  values: SnapshotValue[],
  computedAt: Date,
  setId: string | null = null,
): SnapshotRow => ({
  id: uuid(70_000 + year * 10 + quarter),
  year,
  quarter,
  setId,
  values: values as unknown as SnapshotRow['values'],
  computedAt,
});

const indicatorSet = (
  version: number,
  createdAt: Date,
  choices: [string, number | null][],
  year = 2026,
): IndicatorSetRow => ({
  id: uuid(71_000 + version),
  year,
  version,
  createdById: uuid(902),
  createdAt,
  choices: choices.map(([key, target]) => ({ setId: uuid(71_000 + version), key, target })),
});

/** Frozen by the job on Thursday 1 October 2026 at 09:10 in Paris. */
const Q3_FROZEN_AT = new Date('2026-10-01T07:10:00Z');

/** T3 2026, version 2 of the year's choice: one target missed, one met, one met lower-is-better; each with its T2 value. */
const SNAPSHOT_Q3: SnapshotWithPrevious = {
  snapshot: {
    ...snapshotRow(
      2026,
      3,
      [
        snapshotValue('visites', 142, 150),
        snapshotValue('alertes_48h', 87.5, 80),
        snapshotValue('delai_median_actions', 12, 15),
      ],
      Q3_FROZEN_AT,
      uuid(71_002),
    ),
    set: { version: 2, createdAt: new Date('2026-04-14T08:00:00Z') },
  },
  previous: snapshotRow(
    2026,
    2,
    [
      snapshotValue('visites', 128, 150),
      snapshotValue('alertes_48h', 90, 80),
      snapshotValue('delai_median_actions', 18, 15),
    ],
    new Date('2026-07-01T07:10:00Z'),
    uuid(71_002),
  ),
};

/** Q1 values of the whole catalogue (no choice for 2027), and the Q4 before (which did not yet have the last indicator). */
const Q1_VALUES: [string, number | null, number | null][] = [
  ['visites', 128, 128],
  ['entreprises_visitees', 97, 90],
  ['realisation_programmes', null, 95],
  ['couverture_cibles', 41.3, 88.9],
  ['repartition_enjeux', 23, 19],
  ['actions_creees', 36, 41],
  ['actions_realisees', 22, 18],
  ['actions_en_retard', 7, 9],
  ['delai_median_actions', 23.5, 19],
  ['alertes_signalees', 14, 11],
  ['alertes_48h', 92.9, 85.7],
  ['delai_median_transmission', 31.5, 26],
  ['offres_diffusees', 1234, 998],
  ['entreprises_informees', 100, null],
];
const Q1_BREAKDOWN = { Recrutement: 54, 'Compétences / formation': 31, 'Investissement / modernisation': 12 };
const SNAPSHOT_Q1: SnapshotWithPrevious = {
  snapshot: {
    ...snapshotRow(
      2027,
      1,
      Q1_VALUES.map(([key, value]) =>
        snapshotValue(key, value, null, key === 'repartition_enjeux' ? Q1_BREAKDOWN : undefined),
      ),
      new Date('2027-04-01T07:10:00Z'),
    ),
    set: null,
  },
  previous: snapshotRow(
    2026,
    4,
    Q1_VALUES.filter(([key]) => key !== 'entreprises_informees').map(([key, , before]) => snapshotValue(key, before)),
    new Date('2027-01-04T08:10:00Z'),
  ),
};

/** Every stake, with a mention, an ampersand and mrkdwn in its label, most cited first. */
const WORST_BREAKDOWN = Object.fromEntries(
  ALL_STAKES.map((stake, i) => [`${STAKE_LABELS[stake]} <!channel> & *${stake}*`, 1_000 - i]),
);
const WORST_AMOUNTS: Record<IndicatorUnit, [number, number, number]> = {
  count: [1_234_567, 2_000_000, 1_234_566],
  percent: [99.9, 100, 33.3],
  days: [365.5, 30, 365.5],
  hours: [1_234.5, 48, 0.5],
  breakdown: [1_234_567, 1_000_000, 1_234_568],
};
/** The whole catalogue, each with a target, a T2 value and the 11 stakes' breakdown. */
const SNAPSHOT_WORST: SnapshotWithPrevious = {
  snapshot: {
    ...snapshotRow(
      2026,
      3,
      INDICATORS.map((i) => snapshotValue(i.key, WORST_AMOUNTS[i.unit][0], WORST_AMOUNTS[i.unit][1], WORST_BREAKDOWN)),
      new Date('2026-12-31T22:59:59.999Z'),
      uuid(71_099),
    ),
    set: { version: 99, createdAt: new Date('2026-12-31T22:00:00Z') },
  },
  previous: snapshotRow(
    2026,
    2,
    INDICATORS.map((i) => snapshotValue(i.key, WORST_AMOUNTS[i.unit][2])),
    Q3_FROZEN_AT,
    uuid(71_099),
  ),
};
/** More frozen values than a message holds (an older, larger catalogue): the first 20 are shown. */
const SNAPSHOT_25: SnapshotWithPrevious = {
  snapshot: {
    ...snapshotRow(
      2026,
      3,
      Array.from({ length: 25 }, (_, n) => ({
        ...snapshotValue(INDICATORS[n % INDICATORS.length]!.key, n, n + 1, WORST_BREAKDOWN),
        key: `indicateur_${n}`,
      })),
      Q3_FROZEN_AT,
    ),
    set: null,
  },
  previous: null,
};

/**
 * A quarter's message: its header, one section per frozen value (20 at most), each with its value,
 * target and previous quarter when known, the first 5 of a breakdown; the freezing date last.
 */
function expectSnapshot(p: JPayload, s: SnapshotWithPrevious) {
  const values = s.snapshot.values as unknown as SnapshotValue[];
  const title = `Indicateurs du T${s.snapshot.quarter} ${s.snapshot.year}`;
  expect(p.text).toBe(title);
  expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: title } });
  const sections = p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
  const shown = values.slice(0, 20);
  expect(sections).toHaveLength(shown.length);
  expect(p.blocks).toHaveLength(shown.length + 2);
  const before = new Map(((s.previous?.values ?? []) as unknown as SnapshotValue[]).map((v) => [v.key, v.value]));
  const prevLabel = s.snapshot.quarter === 1 ? `T4 ${s.snapshot.year - 1}` : `T${s.snapshot.quarter - 1}`;
  shown.forEach((v, i) => {
    const [line, breakdown, ...rest] = sections[i]!.split('\n');
    expect(line!.startsWith(`*${escapeText(v.label)}* : ${formatValue(v.value, v.unit)}`), line).toBe(true);
    expect(line!.includes(` — cible ${formatValue(v.target, v.unit)}`), line).toBe(v.target !== null);
    expect(line!.includes(` — ${prevLabel} : `), line).toBe(before.has(v.key));
    const entries = Object.entries(v.breakdown ?? {}).slice(0, 5);
    expect(breakdown, v.key).toBe(
      v.breakdown
        ? entries
            .map(([label, n]) => `${escapeText(label)} ${formatValue(n, v.unit === 'breakdown' ? 'count' : v.unit)}`)
            .join(' · ')
        : undefined,
    );
    expect(rest).toEqual([]);
  });
  const last = p.blocks[p.blocks.length - 1]!;
  expect(last.type).toBe('context');
  expect(contextTexts(last)).toEqual([
    `Valeurs figées le ${frenchDate(s.snapshot.computedAt)}${s.snapshot.set ? `, indicateurs choisis (version ${s.snapshot.set.version})` : ', catalogue complet (aucun indicateur choisi pour l’année)'} : elles ne changent plus. Définitions : \`/plateforme indicateurs\`.`,
  ]);
  expectNoRawMarkup(p);
}

/** A set chosen on 10 March 2026 (version 2; version 1 dated 12 December 2025): three targets, one indicator followed without. */
const SET_V2 = indicatorSet(2, new Date('2026-03-10T10:00:00Z'), [
  ['visites', 150],
  ['alertes_48h', 87.5],
  ['delai_median_actions', 15],
  ['actions_en_retard', null],
]);
const SET_V1 = indicatorSet(1, new Date('2025-12-12T15:30:00Z'), [['visites', 120]]);
const FROZEN_OCTOBER = [
  { year: 2026, quarter: 3 },
  { year: 2026, quarter: 2 },
  { year: 2026, quarter: 1 },
  { year: 2025, quarter: 4 },
];
const OVERVIEW_NONE: IndicatorsOverview = { year: 2026, sets: [], frozen: [], canChoose: true, years: [2026] };
const OVERVIEW_OCTOBER: IndicatorsOverview = {
  year: 2026,
  sets: [SET_V2, SET_V1],
  frozen: FROZEN_OCTOBER,
  canChoose: true,
  years: [2026, 2027],
};
const OVERVIEW_READER: IndicatorsOverview = { ...OVERVIEW_OCTOBER, canChoose: false, years: [2026] };
/** Target of each catalogue indicator in the worst case (0 for the late actions: none at all). */
const WORST_TARGETS: Record<IndicatorUnit, number> = {
  count: 1_234_567.5,
  percent: 99.9,
  days: 365.5,
  hours: 0.5,
  breakdown: 1_000_000,
};
const worstTarget = (key: string) => (key === 'actions_en_retard' ? 0 : WORST_TARGETS[catalogued(key).unit]);
/** Version 6: the whole catalogue with targets, and an indicator since retired (not shown); 5 older versions; 8 frozen quarters. */
const WORST_SET = indicatorSet(6, new Date('2026-12-31T22:59:59Z'), [
  ...INDICATORS.map((i): [string, number] => [i.key, worstTarget(i.key)]),
  ['indicateur_retire', 3],
]);
const OVERVIEW_WORST: IndicatorsOverview = {
  year: 2026,
  sets: [
    WORST_SET,
    ...[5, 4, 3, 2, 1].map((v) => indicatorSet(v, new Date(Date.UTC(2026, v, 1, 8)), [['visites', v]])),
  ],
  frozen: Array.from({ length: 8 }, (_, i) => ({ year: 2026 - Math.floor(i / 4), quarter: 4 - (i % 4) })),
  canChoose: true,
  years: [2026, 2027],
};

/**
 * /plateforme indicateurs: the title, the version in force (or none), each chosen indicator of
 * the catalogue with its target and definition, the frozen quarters, and one button per year
 * that can be chosen, only for who may choose.
 */
function expectIndicatorsOverview(p: JPayload, o: IndicatorsOverview) {
  expect(p.text).toBe(`Indicateurs du comité de pilotage — ${o.year}`);
  expect(p.blocks[0]?.text?.text).toBe(`*Indicateurs du comité de pilotage — ${o.year}*`);
  expect(p.blocks[1]?.type).toBe('context');
  expect(
    contextTexts(p.blocks[1]!)[0]!.startsWith(
      o.sets[0] ? `Version ${o.sets[0].version} du ` : 'Aucun indicateur choisi pour cette année',
    ),
  ).toBe(true);
  const chosen = (o.sets[0]?.choices ?? []).slice(0, 20).filter((c) => INDICATORS.some((i) => i.key === c.key));
  const sections = p.blocks.slice(1).filter((b) => b.type === 'section');
  expect(sections.map((b) => b.text?.text.split('\n'))).toEqual(
    chosen.map((c) => {
      const i = catalogued(c.key);
      return [`*${i.label}*${c.target !== null ? ` — cible ${formatValue(c.target, i.unit)}` : ''}`, i.definition];
    }),
  );
  const frozen = p.blocks.filter((b) => b.type === 'context' && contextTexts(b)[0]!.startsWith('Trimestres figés'));
  expect(frozen).toHaveLength(o.frozen.length ? 1 : 0);
  const rows = p.blocks.filter((b) => b.type === 'actions');
  expect(rows).toHaveLength(o.canChoose ? 1 : 0);
  expect(buttons(p).map((b) => [b.action_id, b.value, b.text?.text])).toEqual(
    o.canChoose
      ? o.years.map((y, i) => [
          i === 0 ? INDICATOR_BUTTONS.choose : INDICATOR_BUTTONS.chooseNext,
          String(y),
          `Choisir les indicateurs ${y}`,
        ])
      : [],
  );
  // Slack rejects two elements with the same action_id in one block.
  expect(new Set(buttons(p).map((b) => b.action_id)).size).toBe(buttons(p).length);
  expect(p.blocks).toHaveLength(2 + sections.length + frozen.length + rows.length);
}

const TARGET_HINTS: Record<IndicatorUnit, string> = {
  count: 'un nombre',
  percent: 'en %',
  days: 'en jours',
  hours: 'en heures',
  breakdown: 'visites citant un enjeu de priorité haute',
};
const targetBlock = (key: string) => `${INDICATOR_BLOCKS.targetPrefix}${key}`;

/**
 * The choice form: what the year's state means, the catalogue to choose from (the current
 * choice selected), then an optional target per catalogue indicator; `initial` lists the target
 * inputs that must be pre-filled, every other one is empty.
 */
function expectIndicatorsModal(
  p: JPayload,
  year: number,
  current: IndicatorSetRow | undefined,
  started: boolean,
  initial: Record<string, string>,
) {
  expect(p.callback_id).toBe(VIEWS.indicators);
  expect(p.title?.text).toBe(`Indicateurs ${year}`);
  expect(p.submit?.text).toBe('Enregistrer');
  expect(p.close?.text).toBe('Annuler');
  expectWellFormedModal(p);
  expect(p.private_metadata).toBe(`{"year":${year}}`);
  expect(p.blocks[0]?.type).toBe('context');
  expect(contextTexts(p.blocks[0]!)).toEqual([
    started
      ? `L’année ${year} a commencé : les indicateurs sont fixés. Enregistrer crée une nouvelle version datée d’aujourd’hui ; les précédentes restent dans l’historique.`
      : `Les indicateurs choisis par le comité de pilotage pour ${year}, et leurs cibles. Ils seront fixés le 1er janvier.`,
  ]);
  expect(inputs(p).map((b) => b.block_id)).toEqual([
    INDICATOR_BLOCKS.keys,
    ...INDICATORS.map((i) => targetBlock(i.key)),
  ]);
  const keys = inputById(p, INDICATOR_BLOCKS.keys);
  expect(keys.optional).toBeUndefined();
  expect(keys.label?.text).toBe('Indicateurs suivis');
  expect(keys.element?.type).toBe('multi_static_select');
  expect(keys.element?.options?.map((o) => [o.value, o.text.text])).toEqual(INDICATORS.map((i) => [i.key, i.label]));
  const chosen = new Set(current?.choices.map((c) => c.key));
  // Slack wants initial options identical to offered ones.
  const selected = keys.element?.options?.filter((o) => chosen.has(o.value)) ?? [];
  expect(keys.element?.initial_options).toEqual(selected.length ? selected : undefined);
  for (const i of INDICATORS) {
    const target = inputById(p, targetBlock(i.key));
    expect(target.optional, i.key).toBe(true);
    expect(target.label?.text).toBe(`Cible — ${i.label}`);
    expect(target.element?.type).toBe('plain_text_input');
    expect(target.element?.placeholder?.text).toBe(TARGET_HINTS[i.unit]);
    expect(target.element?.initial_value, i.key).toBe(initial[i.key]);
  }
}

const INDICATOR_CASES: Case[] = [
  entry(
    indicatorsSnapshotMessage,
    'T3 with the T2 before and version 2 of the choice: one target missed, one met, one met lower-is-better',
    'message',
    [SNAPSHOT_Q3],
    (p) => {
      expectSnapshot(p, SNAPSHOT_Q3);
      expect(p.blocks[0]?.text?.text).toBe('Indicateurs du T3 2026');
      expect(p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text)).toEqual([
        '*Visites réalisées* : 142 :small_orange_diamond: — cible 150 — T2 : 128 — :arrow_upper_right: en hausse',
        '*Alertes transmises à France Travail sous 48 h* : 87,5 % :white_check_mark: — cible 80 % — T2 : 90 % — :arrow_lower_right: en baisse :warning:',
        '*Délai médian de réalisation des actions* : 12 j :white_check_mark: — cible 15 j — T2 : 18 j — :arrow_lower_right: en baisse',
      ]);
      expect(contextTexts(p.blocks[4]!)).toEqual([
        'Valeurs figées le 01/10/2026, indicateurs choisis (version 2) : elles ne changent plus. Définitions : `/plateforme indicateurs`.',
      ]);
    },
  ),
  entry(
    indicatorsSnapshotMessage,
    'T1 without a choice for the year: the whole catalogue against T4 of the year before, a value not computable',
    'message',
    [SNAPSHOT_Q1],
    (p) => {
      expectSnapshot(p, SNAPSHOT_Q1);
      expect(p.text).toBe('Indicateurs du T1 2027');
      const sections = p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
      expect(sections).toHaveLength(14);
      expect(sections[0]).toBe('*Visites réalisées* : 128 — T4 2026 : 128 — :arrow_right: stable');
      expect(sections[2]).toBe('*Réalisation des programmes de visites* : n.d. — T4 2026 : 95 %');
      expect(sections[3]).toBe(
        '*Couverture des entreprises cibles* : 41,3 % — T4 2026 : 88,9 % — :arrow_lower_right: en baisse :warning:',
      );
      expect(sections[4]).toBe(
        '*Répartition des enjeux* : 23 — T4 2026 : 19 — :arrow_upper_right: en hausse\nRecrutement 54 · Compétences / formation 31 · Investissement / modernisation 12',
      );
      expect(sections[7]).toBe('*Actions en retard* : 7 — T4 2026 : 9 — :arrow_lower_right: en baisse');
      expect(sections[11]).toBe(
        '*Délai médian de transmission à France Travail* : 31,5 h — T4 2026 : 26 h — :arrow_upper_right: en hausse :warning:',
      );
      expect(sections[12]).toBe(
        `*Offres diffusées aux partenaires* : 1${NNBSP}234 — T4 2026 : 998 — :arrow_upper_right: en hausse`,
      );
      // Not in the T4 snapshot: no previous value, no trend.
      expect(sections[13]).toBe('*Entreprises informées après un comité* : 100 %');
      expect(
        sections.some(
          (t) => t.includes(' — cible ') || t.includes(':white_check_mark:') || t.includes(':small_orange_diamond:'),
        ),
      ).toBe(false);
      expect(contextTexts(p.blocks[p.blocks.length - 1]!)[0]).toBe(
        'Valeurs figées le 01/04/2027, catalogue complet (aucun indicateur choisi pour l’année) : elles ne changent plus. Définitions : `/plateforme indicateurs`.',
      );
    },
  ),
  entry(
    indicatorsSnapshotMessage,
    'worst case: the 14 catalogue indicators with targets, T2 values and a breakdown of the 11 stakes with markup',
    'message',
    [SNAPSHOT_WORST],
    (p) => {
      expectSnapshot(p, SNAPSHOT_WORST);
      expect(p.blocks[0]?.text?.text).toBe('Indicateurs du T3 2026');
      const sections = p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
      expect(sections).toHaveLength(INDICATORS.length);
      expect(sections.map((t) => t.split('\n')[1]!.split(' · '))).toEqual(
        // Breakdown entries in their indicator's unit (a stake count for the distribution).
        INDICATORS.map((indicator) =>
          ALL_STAKES.slice(0, 5).map(
            (stake, i) =>
              `${STAKE_LABELS[stake]} &lt;!channel&gt; &amp; *${stake}* ${formatValue(1_000 - i, indicator.unit === 'breakdown' ? 'count' : indicator.unit)}`,
          ),
        ),
      );
      expect(sections[0]!.split('\n')[0]).toBe(
        `*Visites réalisées* : 1${NNBSP}234${NNBSP}567 :small_orange_diamond: — cible 2${NNBSP}000${NNBSP}000 — T2 : 1${NNBSP}234${NNBSP}566 — :arrow_upper_right: en hausse`,
      );
      expect(sections[7]!.split('\n')[0]).toBe(
        `*Actions en retard* : 1${NNBSP}234${NNBSP}567 :white_check_mark: — cible 2${NNBSP}000${NNBSP}000 — T2 : 1${NNBSP}234${NNBSP}566 — :arrow_upper_right: en hausse :warning:`,
      );
      expect(sections[8]!.split('\n')[0]).toBe(
        '*Délai médian de réalisation des actions* : 365,5 j :small_orange_diamond: — cible 30 j — T2 : 365,5 j — :arrow_right: stable',
      );
      expect(sections[11]!.split('\n')[0]).toBe(
        `*Délai médian de transmission à France Travail* : 1${NNBSP}234,5 h :small_orange_diamond: — cible 48 h — T2 : 0,5 h — :arrow_upper_right: en hausse :warning:`,
      );
      expect(showsText(p, 'Autre &lt;!channel&gt;')).toBe(false);
      expectTypedMarkupEscaped(p);
    },
  ),
  entry(
    indicatorsSnapshotMessage,
    'worst case: 25 frozen values, more than a message holds, no previous quarter',
    'message',
    [SNAPSHOT_25],
    (p) => {
      expectSnapshot(p, SNAPSHOT_25);
      expect(p.blocks).toHaveLength(22);
      expect(showsText(p, ' — T2 : ')).toBe(false);
      expect(showsText(p, ':arrow_')).toBe(false);
    },
  ),
  entry(
    indicatorsOverviewMessage,
    'no indicator chosen yet, who may choose, in March',
    'message',
    [OVERVIEW_NONE],
    (p) => {
      expectIndicatorsOverview(p, OVERVIEW_NONE);
      expect(contextTexts(p.blocks[1]!)).toEqual([
        'Aucun indicateur choisi pour cette année : chaque trimestre est figé avec le catalogue complet.',
      ]);
      expect(showsText(p, 'Trimestres figés')).toBe(false);
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([[INDICATOR_BUTTONS.choose, '2026']]);
      expect(p.blocks.find((b) => b.type === 'actions')?.block_id).toBe('indicator_actions');
    },
  ),
  entry(
    indicatorsOverviewMessage,
    'version 2 after version 1, four frozen quarters, in October: this year and next',
    'message',
    [OVERVIEW_OCTOBER],
    (p) => {
      expectIndicatorsOverview(p, OVERVIEW_OCTOBER);
      expect(contextTexts(p.blocks[1]!)).toEqual(['Version 2 du 10/03/2026 — versions précédentes : 1 (12/12/2025)']);
      expect(p.blocks.slice(2, 6).map((b) => b.text?.text.split('\n')[0])).toEqual([
        '*Visites réalisées* — cible 150',
        '*Alertes transmises à France Travail sous 48 h* — cible 87,5 %',
        '*Délai médian de réalisation des actions* — cible 15 j',
        '*Actions en retard*',
      ]);
      expect(contextTexts(p.blocks[6]!)).toEqual([
        'Trimestres figés : `2026-T3`, `2026-T2`, `2026-T1`, `2025-T4` — `/plateforme indicateurs 2026-T3` pour en revoir un.',
      ]);
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([
        [INDICATOR_BUTTONS.choose, '2026'],
        [INDICATOR_BUTTONS.chooseNext, '2027'],
      ]);
    },
  ),
  entry(indicatorsOverviewMessage, 'the same for who may not choose: no button', 'message', [OVERVIEW_READER], (p) => {
    expectIndicatorsOverview(p, OVERVIEW_READER);
    expect(buttons(p)).toEqual([]);
    expect(p.blocks.map((b) => b.type)).toEqual([
      'section',
      'context',
      'section',
      'section',
      'section',
      'section',
      'context',
    ]);
  }),
  entry(
    indicatorsOverviewMessage,
    'worst case: the 14 indicators chosen with targets and a retired one, 5 older versions, 8 frozen quarters',
    'message',
    [OVERVIEW_WORST],
    (p) => {
      expectIndicatorsOverview(p, OVERVIEW_WORST);
      expect(p.blocks.filter((b) => b.type === 'section')).toHaveLength(1 + INDICATORS.length);
      expect(contextTexts(p.blocks[1]!)).toEqual([
        'Version 6 du 31/12/2026 — versions précédentes : 5 (01/06/2026), 4 (01/05/2026), 3 (01/04/2026), 2 (01/03/2026), 1 (01/02/2026)',
      ]);
      expect(p.blocks[2]?.text?.text.split('\n')[0]).toBe(`*Visites réalisées* — cible 1${NNBSP}234${NNBSP}567,5`);
      expect(showsText(p, '*Actions en retard* — cible 0\n')).toBe(true);
      expect(showsText(p, 'indicateur_retire')).toBe(false);
      expect(
        showsText(
          p,
          'Trimestres figés : `2026-T4`, `2026-T3`, `2026-T2`, `2026-T1`, `2025-T4`, `2025-T3`, `2025-T2`, `2025-T1` — ',
        ),
      ).toBe(true);
      expect(buttons(p)).toHaveLength(2);
    },
  ),
  entry(indicatorsModal, 'first choice for next year, before it starts', 'modal', [2027, undefined, false], (p) => {
    expectIndicatorsModal(p, 2027, undefined, false, {});
    expect(inputById(p, INDICATOR_BLOCKS.keys).element?.initial_options).toBeUndefined();
    expect(showsText(p, 'Ils seront fixés le 1er janvier')).toBe(true);
  }),
  entry(
    indicatorsModal,
    'before the year starts, the current choice to replace',
    'modal',
    [2027, { ...SET_V2, year: 2027 }, false],
    (p) => {
      expectIndicatorsModal(p, 2027, SET_V2, false, {
        visites: '150',
        alertes_48h: '87,5',
        delai_median_actions: '15',
      });
      expect(showsText(p, 'nouvelle version')).toBe(false);
    },
  ),
  entry(
    indicatorsModal,
    'year started, version 2 with three targets and one indicator without',
    'modal',
    [2026, SET_V2, true],
    (p) => {
      expectIndicatorsModal(p, 2026, SET_V2, true, { visites: '150', alertes_48h: '87,5', delai_median_actions: '15' });
      expect(inputById(p, INDICATOR_BLOCKS.keys).element?.initial_options?.map((o) => o.text.text)).toEqual([
        'Visites réalisées',
        'Actions en retard',
        'Délai médian de réalisation des actions',
        'Alertes transmises à France Travail sous 48 h',
      ]);
      expect(showsText(p, 'crée une nouvelle version datée d')).toBe(true);
    },
  ),
  entry(
    indicatorsModal,
    'worst case: year started, the 14 indicators chosen with targets (one of 0) and a retired one',
    'modal',
    [2026, WORST_SET, true],
    (p) => {
      expectIndicatorsModal(
        p,
        2026,
        WORST_SET,
        true,
        Object.fromEntries(INDICATORS.map((i) => [i.key, String(worstTarget(i.key)).replace('.', ',')])),
      );
      expect(inputById(p, INDICATOR_BLOCKS.keys).element?.initial_options).toHaveLength(INDICATORS.length);
      expect(inputById(p, targetBlock('visites')).element?.initial_value).toBe('1234567,5');
      expect(inputById(p, targetBlock('actions_en_retard')).element?.initial_value).toBe('0');
      expect(inputById(p, targetBlock('delai_median_transmission')).element?.initial_value).toBe('0,5');
      expect(JSON.stringify(p)).not.toContain('indicateur_retire');
    },
  ),
];

/** The erase confirmation: what goes, what stays, one danger button confirmed in Slack. */
function expectEraseConfirmation(p: JPayload, company: { id: string; name: string }) {
  const [erase] = buttons(p);
  expect(buttons(p)).toHaveLength(1);
  expect(erase).toMatchObject({ action_id: PRIVACY_BUTTONS.erase, value: company.id, style: 'danger' });
  expect((erase as { confirm?: { style?: string } }).confirm?.style).toBe('danger');
  expect(showsText(p, '*Restera*')).toBe(true);
  expectNoRawMarkup(p);
}

const CASES: Case[] = [
  entry(
    eraseConfirmationMessage,
    'realistic: a company by its name',
    'message',
    [{ id: uuid(7001), name: 'Forges de Vierzon' }],
    (p) => {
      expectEraseConfirmation(p, { id: uuid(7001), name: 'Forges de Vierzon' });
      expect(p.blocks[0]?.text?.text).toBe(':warning: *Effacer les données de Forges de Vierzon* ?');
    },
  ),
  entry(
    eraseConfirmationMessage,
    'worst case: a 200-character name with mentions and markup',
    'message',
    [{ id: uuid(7002), name: agendaCompanyName(1) }],
    (p) => expectEraseConfirmation(p, { id: uuid(7002), name: agendaCompanyName(1) }),
  ),
  entry(contentRemovedMessage, 'a message about an erased company', 'message', ['erase'], (p) => {
    expect(showsText(p, 'Données effacées à la demande de l’entreprise.')).toBe(true);
    expect(buttons(p)).toEqual([]);
  }),
  entry(contentRemovedMessage, 'a message whose content is past its retention period', 'message', ['refresh'], (p) => {
    expect(showsText(p, 'Contenu retiré : sa durée de conservation est écoulée.')).toBe(true);
  }),
  entry(
    companyCardMessage,
    'an erased company: nothing that identifies it, no button',
    'message',
    [
      { ...CARD_WITH_ACTIONS, erasedAt: new Date('2026-11-27T10:00:00Z') },
      { canFileVisit: true, canCreateActions: true },
    ],
    (p) => {
      expect(showsText(p, 'Données effacées à la demande de l’entreprise le 27/11/2026.')).toBe(true);
      expect(buttons(p)).toEqual([]);
      for (const hidden of [CARD_WITH_ACTIONS.name, CARD_WITH_ACTIONS.commune, CARD_WITH_ACTIONS.nafCode])
        expect(JSON.stringify(p)).not.toContain(hidden);
    },
  ),
  entry(
    agendaItemMessage,
    'a company that did not consent to be named: its label, and the button to name it',
    'message',
    [
      {
        ...IN_MEETING_ITEM,
        company: { ...IN_MEETING_ITEM.company, name: 'Entreprise non nommée — industrie, 10 à 19 salariés, Vierzon' },
        companyHidden: true,
      },
    ],
    (p) => {
      expect(showsText(p, 'Entreprise non nommée — industrie, 10 à 19 salariés, Vierzon*')).toBe(true);
      expect(showsText(p, 'seule la coordination connaît son nom')).toBe(true);
      const name = buttons(p).find((b) => b.action_id === COMMITTEE_BUTTONS.itemNameCompany);
      expect(name).toMatchObject({ value: IN_MEETING_ITEM.id });
      expect((name as { confirm?: unknown }).confirm).toBeDefined();
    },
  ),
  // --- Modals: visit report ---
  entry(visitReportModal, 'blank /visite', 'modal', [OPENING_BLANK], (p) => expectVisitReportModal(p, OPENING_BLANK)),
  entry(visitReportModal, 'known company pre-filled', 'modal', [OPENING_COMPANY], (p) =>
    expectVisitReportModal(p, OPENING_COMPANY),
  ),
  entry(
    visitReportModal,
    'worst case: 300-char company label, long submission key',
    'modal',
    [OPENING_WORST_COMPANY],
    (p) => expectVisitReportModal(p, OPENING_WORST_COMPANY),
  ),
  entry(visitReportModal, 'unknown SIRET pre-filled', 'modal', [OPENING_NEW_SIRET], (p) =>
    expectVisitReportModal(p, OPENING_NEW_SIRET),
  ),

  // --- Modals: administration ---
  entry(structureModal, 'new structure', 'modal', [undefined], (p) => {
    expect(p.callback_id).toBe(VIEWS.structureForm);
    expectWellFormedModal(p);
    expect(JSON.parse(p.private_metadata ?? '')).toEqual({ id: null });
    expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(STRUCTURE_BLOCKS));
    expect(inputById(p, STRUCTURE_BLOCKS.active).element?.initial_options?.map((o) => o.value)).toEqual(['active']);
  }),
  entry(structureModal, 'edit an active structure', 'modal', [structureRow(1, false)], (p) => {
    expect(JSON.parse(p.private_metadata ?? '')).toEqual({ id: uuid(801) });
    expect(inputById(p, STRUCTURE_BLOCKS.name).element?.initial_value).toBe('CMA Centre-Val de Loire');
    expect(inputById(p, STRUCTURE_BLOCKS.kind).element?.initial_option?.value).toBe('cma');
  }),
  entry(structureModal, 'worst case: inactive, 120-char name', 'modal', [structureRow(5, true)], (p) => {
    expectWellFormedModal(p);
    expect(inputById(p, STRUCTURE_BLOCKS.name).element?.initial_value).toBe(structureRow(5, true).name);
    expect(inputById(p, STRUCTURE_BLOCKS.active).element?.initial_options).toBeUndefined();
  }),
  entry(memberModal, 'new member, three structures', 'modal', [{ structures: structures(3) }], (p) => {
    expect(p.callback_id).toBe(VIEWS.memberForm);
    expectWellFormedModal(p);
    expect(inputs(p).map((b) => b.block_id)).toEqual(Object.values(MEMBER_BLOCKS));
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.options?.map((o) => o.value)).toEqual([
      'none',
      uuid(801),
      uuid(802),
      uuid(803),
    ]);
  }),
  entry(memberModal, 'edit a capteur', 'modal', [MEMBER_EDIT], (p) => {
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.initial_option?.value).toBe(uuid(801));
    expect(inputById(p, MEMBER_BLOCKS.roles).element?.initial_options?.map((o) => o.value)).toEqual(['capteur']);
    expect(inputById(p, MEMBER_BLOCKS.active).element?.initial_options?.map((o) => o.value)).toEqual(['active']);
  }),
  entry(memberModal, 'worst case: 150 structures, all roles, no structure, inactive', 'modal', [MEMBER_WORST], (p) => {
    const structureOptions = inputById(p, MEMBER_BLOCKS.structure).element?.options ?? [];
    expect(structureOptions).toHaveLength(100);
    expect(structureOptions[0]?.value).toBe('none');
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.initial_option?.value).toBe('none');
    expect(inputById(p, MEMBER_BLOCKS.roles).element?.initial_options).toHaveLength(ALL_ROLES.length);
    expect(inputById(p, MEMBER_BLOCKS.active).element?.initial_options).toBeUndefined();
  }),
  entry(memberModal, 'no structure at all', 'modal', [{ structures: [] }], (p) => {
    expect(inputById(p, MEMBER_BLOCKS.structure).element?.options?.map((o) => o.value)).toEqual(['none']);
  }),
  entry(
    savedModal,
    'structure saved',
    'modal',
    ['Structure enregistrée', ':white_check_mark: *CCI du Cher* est enregistrée.'],
    (p) => {
      expect(p.submit).toBeUndefined();
      expect(showsText(p, 'CCI du Cher')).toBe(true);
    },
  ),
  entry(
    savedModal,
    'worst case: 120-char structure name',
    'modal',
    ['Structure enregistrée', `:white_check_mark: *${LONG_STRUCTURE_NAME}* est enregistrée.`],
    (p) => expect(inputs(p)).toEqual([]),
  ),
  entry(savedModal, 'member saved', 'modal', [
    'Membre enregistré',
    `:white_check_mark: <@${slackId(1)}> est enregistré.`,
  ]),
  ...Object.entries(REFUSALS).map(([key, text]) =>
    entry(refusalModal, `refusal « ${key} »`, 'modal', [text], (p) => {
      expect(p.submit).toBeUndefined();
      expect(showsText(p, text)).toBe(true);
    }),
  ),

  // --- Messages: administration ---
  entry(administrationMessage, 'three structures, a few members', 'message', [structures(3), members(5)], (p) =>
    expectAdministration(p, structures(3), members(5)),
  ),
  entry(administrationMessage, 'empty platform', 'message', [[], []], (p) => expectAdministration(p, [], [])),
  entry(
    administrationMessage,
    'exactly 30 long-named structures, 200 members',
    'message',
    [structures(30, true), members(200, true)],
    (p) => expectAdministration(p, structures(30, true), members(200, true)),
  ),
  entry(
    administrationMessage,
    'worst case: 40 structures, 200 members',
    'message',
    [structures(40, true), members(200, true)],
    (p) => expectAdministration(p, structures(40, true), members(200, true)),
  ),

  // --- Home ---
  entry(homeView, 'unknown user', 'home', [{ kind: 'unknown' }], (p) => expectHome(p, { kind: 'unknown' })),
  entry(homeView, 'capteur with three visits', 'home', [HOME_CAPTEUR], (p) => expectHome(p, HOME_CAPTEUR)),
  entry(
    homeView,
    'worst case: capteur, all roles, 10 long visits with every red flag',
    'home',
    [HOME_CAPTEUR_WORST],
    (p) => expectHome(p, HOME_CAPTEUR_WORST),
  ),
  entry(homeView, 'capteur without visits nor structure', 'home', [HOME_CAPTEUR_EMPTY], (p) =>
    expectHome(p, HOME_CAPTEUR_EMPTY),
  ),
  entry(homeView, 'coordinator without structure', 'home', [HOME_NO_STRUCTURE], (p) =>
    expectHome(p, HOME_NO_STRUCTURE),
  ),
  entry(homeView, 'member without any role', 'home', [HOME_NO_ROLE], (p) => {
    expectHome(p, HOME_NO_ROLE);
    expect(showsText(p, 'Vos rôles : aucun')).toBe(true);
  }),

  // --- Messages: company card and search ---
  entry(
    companyCardMessage,
    'realistic card, capteur viewer',
    'message',
    [REALISTIC_CARD, { canFileVisit: true }],
    (p) => expectCompanyCard(p, REALISTIC_CARD, true),
  ),
  entry(
    companyCardMessage,
    'realistic card, committee viewer',
    'message',
    [REALISTIC_CARD, { canFileVisit: false }],
    (p) => expectCompanyCard(p, REALISTIC_CARD, false),
  ),
  entry(
    companyCardMessage,
    'worst case: 120 visits, 200-char name, no SIRET, unknown NAF and band, every flag',
    'message',
    [WORST_CARD, { canFileVisit: true }],
    (p) => {
      expectCompanyCard(p, WORST_CARD, true);
      expect(showsText(p, 'code inconnu')).toBe(true);
      expect(showsText(p, `*Visites*\n${WORST_CARD.visits.length}`)).toBe(true);
    },
  ),
  entry(
    companyCardMessage,
    'only masked visits still carrying their content',
    'message',
    [MASKED_CARD, { canFileVisit: false }],
    (p) => expectCompanyCard(p, MASKED_CARD, false),
  ),
  entry(
    companyCardMessage,
    'no visit, no SIRET, non-employer band',
    'message',
    [EMPTY_CARD, { canFileVisit: true }],
    (p) => expectCompanyCard(p, EMPTY_CARD, true),
  ),
  entry(companyChoicesMessage, 'two matches', 'message', ['Mécanique', CHOICES_FEW], (p) => {
    expect(buttons(p).map((b) => b.value)).toEqual(CHOICES_FEW.map((c) => c.id));
    expect(showsText(p, 'Liste limitée')).toBe(false);
  }),
  entry(
    companyChoicesMessage,
    'worst case: 25 long matches, 500-char query',
    'message',
    [LONG_QUERY, CHOICES_MANY],
    (p) => {
      expect(buttons(p).map((b) => b.value)).toEqual(CHOICES_MANY.slice(0, 10).map((c) => c.id));
      expect(showsText(p, 'Liste limitée aux 10 premières')).toBe(true);
    },
  ),
  entry(companyNotFoundMessage, 'name', 'message', ['Dupont'], (p) => expect(p.text).toContain('« Dupont »')),
  entry(companyNotFoundMessage, 'worst case: 500-char query', 'message', [LONG_QUERY], (p) =>
    expect(p.text).toContain(LONG_QUERY.slice(0, 50)),
  ),

  // --- Visit saved: modal and direct message ---
  entry(visitSavedModal, 'realistic visit', 'modal', [REALISTIC_SUMMARY], (p) => {
    expect(p.callback_id).toBe(VIEWS.visitSaved);
    expect(p.submit).toBeUndefined();
    expectVisitSummary(p, REALISTIC_SUMMARY);
  }),
  entry(
    visitSavedModal,
    'worst case: long everything, all stakes, every flag, 60 hiring lines',
    'modal',
    [WORST_SUMMARY],
    (p) => expectVisitSummary(p, WORST_SUMMARY),
  ),
  entry(visitSavedModal, 'nothing optional answered', 'modal', [MINIMAL_SUMMARY], (p) =>
    expectVisitSummary(p, MINIMAL_SUMMARY),
  ),
  entry(visitConfirmationMessage, 'realistic visit', 'message', [REALISTIC_SUMMARY], (p) => {
    expectVisitSummary(p, REALISTIC_SUMMARY);
    expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([
      [ACTIONS.showCompanyCard, REALISTIC_SUMMARY.company.id],
    ]);
  }),
  entry(
    visitConfirmationMessage,
    'worst case: long everything, all stakes, every flag, 60 hiring lines',
    'message',
    [WORST_SUMMARY],
    (p) => expectVisitSummary(p, WORST_SUMMARY),
  ),
  entry(visitConfirmationMessage, 'nothing optional answered', 'message', [MINIMAL_SUMMARY], (p) =>
    expectVisitSummary(p, MINIMAL_SUMMARY),
  ),

  ...VISIT_OVERLAP_CASES,
  ...PROGRAMME_CASES,
  ...HOME_ALERT_CASES,
  ...HOME_COMMITTEE_CASES,
  ...HOME_PROGRAMME_CASES,
  ...ALERT_CASES,
  ...ACTION_CASES,
  ...COMMITTEE_CASES,
  ...INDICATOR_CASES,
];

describe('every view within Slack limits', () => {
  it('has distinct case names', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const rendered = c.render();
      // Slack gets JSON: validate what survives serialisation (undefined fields vanish).
      const json = toJson(rendered);
      expect(json.blocks.length).toBeGreaterThan(0);
      assertWithinSlackLimits(c.surface, json);
      expectChoicesOffered(json);
      c.check?.(json);
    });
  }
});

describe('every view in the simulated workspace’s page', () => {
  // The page renders the app's real Block Kit JSON (src/simulator/web/render.js): nothing the
  // app sends may be left unsupported, and every input keeps its block id for the view state.
  for (const c of CASES) {
    it(c.name, () => {
      const json = toJson(c.render());
      expect(unsupportedIn(json.blocks)).toEqual([]);
      const html = renderBlocks(json.blocks, { people: [], channels: [] });
      for (const block of json.blocks.filter((b) => b.type === 'input'))
        expect(html).toContain(`data-input-block="${block.block_id}"`);
      for (const b of buttons(json)) expect(html).toContain(`data-action="${b.action_id}"`);
    });
  }
});

// ---------------------------------------------------------------------------
// The suite cannot pass vacuously
// ---------------------------------------------------------------------------

describe('the validator is really applied', () => {
  it('rejects a modal whose title is 30 characters', () => {
    const view = {
      ...toJson(visitReportModal(OPENING_BLANK)),
      title: { type: 'plain_text', text: 'Compte rendu de visite du jour' },
    };
    expect(view.title.text).toHaveLength(30);
    expect(() => assertWithinSlackLimits('modal', view)).toThrow(/modal title is longer than 24 characters \(30\)/);
  });

  it('rejects a rendered message pushed past 50 blocks and a header over 150 characters', () => {
    const message = toJson(companyCardMessage(WORST_CARD, { canFileVisit: true }));
    const broken = {
      ...message,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: LONG_COMPANY_NAME } },
        ...message.blocks,
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
      ],
    };
    const violations = findLimitViolations('message', broken);
    expect(violations.some((v) => v.startsWith('blocks: message has more than 50 blocks'))).toBe(true);
    expect(violations.some((v) => v.startsWith('blocks[0].text.text: header text is longer than 150'))).toBe(true);
    expect(() => assertWithinSlackLimits('message', broken)).toThrow();
  });

  it('checks a Home tab against the home surface', () => {
    expect(() => assertWithinSlackLimits('home', toJson(visitReportModal(OPENING_BLANK)))).toThrow(
      /view type must be "home"/,
    );
  });
});

/** Every views module, so a builder added to any of them must appear in the table. */
const VIEW_MODULES: Record<string, Record<string, unknown>> = {
  'modals/action.ts': actionModalsModule,
  'modals/administration.ts': administrationModule,
  'modals/visit-report.ts': visitReportModule,
  'modals/alert.ts': alertModalsModule,
  'modals/committee.ts': committeeModalsModule,
  'modals/company-blocks.ts': companyBlocksModule,
  'modals/programme.ts': programmeModalsModule,
  'modals/indicators.ts': indicatorModalsModule,
  'home/home.ts': homeModule,
  'messages/action.ts': actionMessagesModule,
  'messages/alert.ts': alertMessagesModule,
  'messages/committee.ts': committeeMessagesModule,
  'messages/company-card.ts': companyCardModule,
  'messages/programme.ts': programmeMessagesModule,
  'messages/indicators.ts': indicatorMessagesModule,
  'messages/privacy.ts': privacyMessagesModule,
  'messages/visit.ts': visitMessagesModule,
};

describe('no builder is left out', () => {
  it('lists every module of src/views/{modals,home,messages}', () => {
    const onDisk = ['modals', 'home', 'messages'].flatMap((dir) =>
      readdirSync(new URL(`../../src/views/${dir}/`, import.meta.url))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${dir}/${f}`),
    );
    expect(Object.keys(VIEW_MODULES).sort()).toEqual(onDisk.sort());
  });

  const covered = new Set(CASES.map((c) => c.builder));
  const coveredNames = [...new Set(CASES.map((c) => c.builder.name))].sort();

  it('covers every exported *Modal, *Message and *View function', () => {
    const builders = Object.entries(VIEW_MODULES).flatMap(([file, module]) =>
      Object.entries(module)
        .filter(([name, value]) => typeof value === 'function' && /(Modal|Message|View)$/.test(name))
        .map(([name, value]) => ({ file, name, fn: value })),
    );
    expect(builders.length).toBeGreaterThanOrEqual(32);
    const missing = builders.filter((b) => !covered.has(b.fn as Case['builder'])).map((b) => `${b.file}: ${b.name}`);
    expect(missing).toEqual([]);
    expect(coveredNames).toEqual(builders.map((b) => b.name).sort());
  });

  it('checks each builder on the surface its name says, with a realistic and a worst case where it has data', () => {
    for (const c of CASES) {
      const name = c.builder.name;
      if (name.endsWith('Message')) expect(c.surface, c.name).toBe('message');
      if (name.endsWith('Modal')) expect(c.surface, c.name).toBe('modal');
      if (name.endsWith('View')) expect(c.surface, c.name).toBe('home');
    }
    const withWorstCase = new Set(CASES.filter((c) => c.name.includes('worst case')).map((c) => c.builder.name));
    // refusalModal only shows the fixed REFUSALS texts, all of which are in the table; contentRemovedMessage its two fixed texts.
    expect(coveredNames.filter((n) => !withWorstCase.has(n))).toEqual(['contentRemovedMessage', 'refusalModal']);
  });
});

describe('text people typed', () => {
  it('cannot mention the channel or forge a link in a rendered view', () => {
    const visit = {
      ...REALISTIC_SUMMARY,
      diagnostic: 'Voir <!channel> et <https://evil.example|le site> & co',
      company: { ...REALISTIC_SUMMARY.company, name: 'Dupont <@U123>' },
    };
    const json = JSON.stringify(visitConfirmationMessage(visit));
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil.example');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('Dupont &lt;@U123&gt;');
  });
});

describe('the progress bar of a visit programme (progressBar)', () => {
  it('fills one square of ten per tenth of the target, rounded, ten at most', () => {
    expect(progressBar(0, 8)).toBe('▱▱▱▱▱▱▱▱▱▱ 0 / 8');
    expect(progressBar(3, 8)).toBe('▰▰▰▰▱▱▱▱▱▱ 3 / 8');
    expect(progressBar(8, 8)).toBe('▰▰▰▰▰▰▰▰▰▰ 8 / 8');
    expect(progressBar(12, 8)).toBe('▰▰▰▰▰▰▰▰▰▰ 12 / 8');
    expect(progressBar(1, 500)).toBe('▱▱▱▱▱▱▱▱▱▱ 1 / 500');
  });

  it('is just the number of visits without a target', () => {
    expect(progressBar(0, 0)).toBe('0');
    expect(progressBar(5, 0)).toBe('5');
  });
});

describe('recruitment alerts', () => {
  it('go through every state of the state machine, in the order of its actions', () => {
    expect([...ALERT_PATH].sort()).toEqual(Object.values(AlertState).sort());
    for (const [i, state] of ALERT_PATH.slice(1).entries())
      expect(nextActions(ALERT_PATH[i]!).length, `${state} is reachable`).toBeGreaterThan(0);
    for (const state of ALERT_PATH) {
      expect(CASES.some((c) => c.builder === alertPageMessage && c.name.includes(`${state}, on time`))).toBe(true);
      expect(CASES.some((c) => c.builder === alertPageMessage && c.name.includes(`worst case: ${state}, late`))).toBe(
        true,
      );
    }
  });

  it('say « en retard » in the state line once the deadline passed before transmission, never after it', () => {
    const line = (state: AlertState, late: boolean, clock: Clock) => stateLine(alertRow({ state, late }), clock);
    expect(line('signalee', false, ON_TIME)).toBe(`*Signalée* — il reste 27 h 00 (échéance le ${DEADLINE_TEXT})`);
    // Deadline passed: late even before the deadline job flags it.
    expect(line('signalee', false, LATE)).toBe(
      `*Signalée* — en retard de 20 h 00 (échéance le ${DEADLINE_TEXT}) :rotating_light: *en retard*`,
    );
    expect(line('prise_en_charge', true, LATE)).toContain(':rotating_light: *en retard*');
    expect(stateLine({ ...alertRow({ state: 'signalee' }), deadlineAt: ON_TIME.now }, ON_TIME)).toContain(
      '*en retard*',
    );
    // Once transmitted, the clock stops: it says whether it came late, not that it is late.
    expect(line('transmise', true, LATE)).toBe('*Transmise à France Travail* — transmise après l’échéance des 48 h');
    expect(line('transmise', false, LATE)).toBe('*Transmise à France Travail*');
    expect(line('diffusee', true, LATE)).not.toContain('en retard');
  });

  it('show a position with its escaped title and place, and its start date when known', () => {
    const [first, second] = alertPositions(uuid(2001), false);
    expect(positionLine(first!)).toBe('• *Soudeur TIG* (ROME H2913) — 2 poste(s), CDI, Vierzon, dès le 07/12/2026');
    expect(positionLine(second!)).toBe('• *Technicien de maintenance* — 1 poste(s), Intérim, Vierzon, site des Forges');
    expect(positionLine(alertPositions(uuid(2002), true)[0]!)).toContain(`*${escapeText(longJobTitle(1))}*`);
  });
});

describe('the e-mail to France Travail (franceTravailEmail)', () => {
  const scenarios = [
    { name: 'realistic', alert: alertDetails({ state: 'prise_en_charge' }) },
    { name: 'worst case', alert: alertDetails({ state: 'prise_en_charge', worst: true, late: true }) },
  ];
  for (const { name, alert } of scenarios) {
    for (const to of [FT_EMAIL, undefined]) {
      it(`${name}, ${to ? 'to a configured address' : 'no address'}: carries the reference, every position and the contact`, () => {
        const { subject, body } = franceTravailEmail(alert, to);
        const lines = body.split('\n');
        expect(subject).toBe(`Besoin urgent de recrutement — ${alert.company.name} (${alert.reference})`);
        // « À : » first, only when there is an address; then the subject.
        expect(lines[0]!.startsWith('À : ')).toBe(to !== undefined);
        expect(lines.filter((l) => l.startsWith('À : '))).toEqual(to ? [`À : ${to}`] : []);
        expect(lines).toContain(`Objet : ${subject}`);
        expect(body).toContain(`(réf. ${alert.reference})`);
        // Plain text for an e-mail: what people typed, as they typed it.
        expect(body).toContain(`Entreprise : ${alert.company.name}, ${alert.company.commune}`);
        expect(body.includes(`SIRET ${alert.company.siret}`)).toBe(alert.company.siret !== null);
        for (const p of alert.positions) {
          const line = lines.find((l) =>
            l.startsWith(`- ${p.jobTitle}${p.romeCode ? ` (ROME ${p.romeCode})` : ''} : `),
          );
          expect(line, p.jobTitle).toBeDefined();
          expect(line).toContain(`${p.count} poste(s), ${CONTRACT_LABELS[p.contractType]}, à ${p.location}`);
          if (p.startDate) expect(line).toContain(`démarrage souhaité le ${p.startDate.toISOString().slice(8, 10)}/`);
        }
        expect(body).toContain(`Urgence : ${alert.urgency}`);
        const contact = lines.find((l) => l.startsWith("Contact dans l'entreprise : "));
        expect(contact).toContain(alert.contactName);
        if (alert.contactPhone) expect(contact).toContain(alert.contactPhone);
        if (alert.contactEmail) expect(contact).toContain(alert.contactEmail);
        expect(lines[lines.length - 1]).toBe('Bien cordialement,');
      });
    }
  }

  it('names the start date as a French calendar date', () => {
    expect(franceTravailEmail(alertDetails({ state: 'signalee' }), undefined).body).toContain(
      'démarrage souhaité le 07/12/2026',
    );
  });
});

describe('the company part of the forms (companyBlocks)', () => {
  const asModal = (blocks: unknown[]) =>
    toJson({
      type: 'modal',
      title: { type: 'plain_text', text: 'Entreprise' },
      close: { type: 'plain_text', text: 'Annuler' },
      submit: { type: 'plain_text', text: 'OK' },
      blocks,
    });
  const companyIds = [
    VISIT_BLOCKS.companyId,
    VISIT_BLOCKS.newSiret,
    VISIT_BLOCKS.newName,
    VISIT_BLOCKS.newNaf,
    VISIT_BLOCKS.newHeadcountBand,
    VISIT_BLOCKS.newCommune,
    VISIT_BLOCKS.newPostalCode,
  ];

  it('has the same block ids in the visit and the alert forms, all optional', () => {
    const p = asModal(companyBlocks({}));
    assertWithinSlackLimits('modal', p);
    expectWellFormedModal(p);
    expect(inputs(p).map((b) => b.block_id)).toEqual(companyIds);
    expect(inputs(p).every((b) => b.optional)).toBe(true);
    expect(showsText(p, '*Entreprise*')).toBe(true);
    for (const modal of [toJson(visitReportModal(OPENING_BLANK)), toJson(alertReportModal(ALERT_OPENING_BLANK))]) {
      expect(
        inputs(modal)
          .map((b) => b.block_id)
          .filter((id) => companyIds.some((c) => c === id)),
      ).toEqual(companyIds);
    }
  });

  it('pre-fills a known company (label cut to an option’s 75 characters) or a new SIRET, with the given title', () => {
    const known = asModal(companyBlocks({ company: ALERT_OPENING_WORST.company }, '*Entreprise concernée*'));
    assertWithinSlackLimits('modal', known);
    expect(showsText(known, '*Entreprise concernée*')).toBe(true);
    const initial = inputById(known, VISIT_BLOCKS.companyId).element?.initial_option;
    expect(initial?.value).toBe(uuid(2));
    expect(Array.from(initial?.text.text ?? '')).toHaveLength(75);
    const siret = asModal(companyBlocks({ newSiret: '12345678200010' }));
    expect(inputById(siret, VISIT_BLOCKS.newSiret).element?.initial_value).toBe('12345678200010');
    expect(inputById(siret, VISIT_BLOCKS.companyId).element?.initial_option).toBeUndefined();
  });
});

describe('text people typed in an alert', () => {
  const typed = (state: AlertState): AlertDetails => {
    const alert = alertDetails({ state, consentToName: true });
    return {
      ...alert,
      urgency: 'Voir <!channel> et <https://evil.example|le site> & co',
      company: { ...alert.company, name: 'Dupont <!channel>' },
      positions: alert.positions.map((p) => ({ ...p, jobTitle: `${p.jobTitle} <!here>` })),
    };
  };
  /** Every mrkdwn text of the blocks, where Slack acts on mentions and links (plain_text it shows as is). */
  function mrkdwnTexts(value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
    if (typeof value !== 'object' || value === null) return [];
    const own =
      'type' in value && value.type === 'mrkdwn' && 'text' in value && typeof value.text === 'string'
        ? [value.text]
        : [];
    return [...own, ...Object.values(value).flatMap(mrkdwnTexts)];
  }
  const blocksOf = (payload: unknown) => mrkdwnTexts(toJson(payload).blocks).join('\n');

  it('cannot mention the channel or forge a link in the page', () => {
    const page = blocksOf(alertPageMessage(typed('prise_en_charge'), ON_TIME));
    expect(page).not.toContain('<!channel>');
    expect(page).not.toContain('<!here>');
    expect(page).not.toContain('<https://evil.example');
    expect(page).toContain('*Dupont &lt;!channel&gt;*');
    expect(page).toContain('*Urgence* : Voir &lt;!channel&gt; et &lt;https://evil.example|le site&gt; &amp; co');
  });

  it('cannot mention the channel in any other alert view', () => {
    const rendered = [
      franceTravailRequestMessage(typed('transmise'), ON_TIME),
      alertNewsMessage(typed('diffusee'), uuid(4005), ON_TIME),
      alertDiffusionMessage(typed('diffusee')),
      alertReminderMessage(typed('signalee'), ON_TIME),
      alertBreachMessage(typed('signalee'), LATE),
      openAlertsMessage(
        [{ ...openAlert(1, { state: 'signalee' }), company: { name: 'Dupont <!channel>', commune: 'Vierzon' } }],
        ON_TIME,
      ),
      transmitByEmailModal(typed('prise_en_charge'), undefined),
    ];
    for (const payload of rendered) {
      const blocks = blocksOf(payload);
      expect(blocks).not.toContain('<!channel>');
      expect(blocks).not.toContain('<!here>');
      expect(blocks).toContain('&lt;!');
    }
  });
});

describe('actions', () => {
  it('are rendered in every status, realistic and worst case, as a message and as news', () => {
    for (const status of ACTION_STATUSES) {
      for (const builder of [actionMessage, actionNewsMessage]) {
        expect(
          CASES.some((c) => c.builder === builder && c.name.includes(`— ${status}, followed by a member`)),
          `${builder.name} ${status}`,
        ).toBe(true);
        expect(
          CASES.some((c) => c.builder === builder && c.name.includes(`worst case: ${status}, overdue`)),
          `${builder.name} worst ${status}`,
        ).toBe(true);
      }
    }
  });

  it('offer « En cours » to start an action to do or blocked, and no button once done or abandoned', () => {
    const shown = (status: ActionStatus) =>
      buttons(toJson(actionMessage(actionDetails({ status }), ACTION_CLOCK))).map((b) => b.action_id);
    const change = [ACTION_BUTTONS.status, ACTION_BUTTONS.note, ACTION_BUTTONS.due];
    expect(shown('a_faire')).toEqual([ACTION_BUTTONS.start, ...change]);
    expect(shown('bloquee')).toEqual([ACTION_BUTTONS.start, ...change]);
    expect(shown('en_cours')).toEqual(change);
    expect(shown('realisee')).toEqual([]);
    expect(shown('abandonnee')).toEqual([]);
  });

  it('say « en retard » for an open action due before today, never for a done one', () => {
    const dueLine = (scenario: ActionScenario) =>
      (actionMessage(actionDetails(scenario), ACTION_CLOCK).blocks[0] as { text: JText }).text.text.split('\n')[2];
    expect(dueLine({ status: 'a_faire', overdue: true })).toBe(
      `Suivie par CCI du Cher — <@${ACTION_OWNER_SLACK}> · Échéance 20/02/2026 — *en retard*`,
    );
    expect(dueLine({ status: 'bloquee', owner: false, overdue: true })).toBe(
      'Suivie par CCI du Cher · Échéance 20/02/2026 — *en retard*',
    );
    expect(dueLine({ status: 'a_faire', dueDate: day(ACTION_CLOCK.today) })).toBe(
      `Suivie par CCI du Cher — <@${ACTION_OWNER_SLACK}> · Échéance 02/03/2026`,
    );
    expect(dueLine({ status: 'realisee', overdue: true })).not.toContain('en retard');
    expect(dueLine({ status: 'abandonnee', overdue: true })).not.toContain('en retard');
  });

  it('name who made the last update, and when, in local time', () => {
    const message = toJson(actionMessage(actionDetails({ status: 'bloquee' }), ACTION_CLOCK));
    expect(contextTexts(message.blocks[message.blocks.length - 1]!)).toEqual([
      `Dernière mise à jour le ${ACTION_UPDATED_TEXT} par <@${ACTION_ACTOR_SLACK}> : ${STATUS_NOTES.bloquee}`,
    ]);
    const news = toJson(actionNewsMessage(actionDetails({ status: 'a_faire' }), ACTION_CLOCK));
    expect(news.blocks[0]?.text?.text).toBe(`<@${ACTION_ACTOR_SLACK}> vous a confié une action :`);
  });

  it('cannot mention the channel or forge a link from what people typed', () => {
    const action = actionDetails({ status: 'en_cours', worst: true });
    const rendered = [
      actionMessage(action, ACTION_CLOCK),
      actionNewsMessage(action, ACTION_CLOCK),
      myActionsMessage({ mine: [action], structure: [] }, ACTION_CLOCK),
      actionDigestMessage([action], ACTION_CLOCK),
      actionStatusModal(action),
      actionNoteModal(action),
      actionDueModal(action, ACTION_CLOCK.today),
      companyCardMessage(WORST_CARD_WITH_ACTIONS, { canFileVisit: false, canCreateActions: true }),
    ];
    for (const payload of rendered) {
      const json = JSON.stringify(payload);
      for (const raw of RAW_MARKUP) expect(json).not.toContain(raw);
      expect(json).toContain('&lt;!channel&gt;');
    }
  });
});

describe('technical committees', () => {
  it('are listed in every status, with and without the right to run them', () => {
    for (const canRun of [true, false]) {
      for (const status of COMMITTEE_STATUSES) {
        expect(
          CASES.some(
            (c) =>
              c.builder === committeesMessage &&
              c.name.includes(`three sessions ${status}, ${canRun ? 'who runs' : 'who cannot'}`),
          ),
        ).toBe(true);
      }
    }
  });

  it('publish an agenda of 60 companies within Slack limits: its header and each of its 60 items', () => {
    expect(AGENDA_60.items).toHaveLength(60);
    expect(AGENDA_60.items.every((i) => Array.from(i.company.name).length === 200)).toBe(true);
    const header = toJson(agendaHeaderMessage(AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK));
    expect(showsText(header, '*Actions à faire le point — 57 ')).toBe(true);
    const rendered = [header, ...AGENDA_60_ITEMS.map((item) => agendaItemMessage(item))];
    expect(rendered).toHaveLength(61);
    for (const message of rendered) assertWithinSlackLimits('message', toJson(message));
    expect(AGENDA_60_ITEMS.map((item) => toJson(agendaItemMessage(item)).blocks[0]?.text?.text.split('.')[0])).toEqual(
      AGENDA_60_ITEMS.map((item) => `*${item.rank}`),
    );
  });

  it('never show what a company did not agree to share, whatever the visit carries', () => {
    const json = JSON.stringify(
      [PRIVATE_VISIT_ITEM, ONLY_PRIVATE_ITEM, WORST_AGENDA_ITEM, ...AGENDA_60_ITEMS].map((item) =>
        agendaItemMessage(item),
      ),
    );
    expect(json).not.toContain(CONFIDENTIAL);
    expect(json).toContain('contenu non partagé');
  });

  it('cannot mention the channel or forge a link from what people typed', () => {
    const rendered = [
      agendaHeaderMessage(AGENDA_60, REVIEW_WORST, COMMITTEE_CLOCK),
      agendaItemMessage(WORST_AGENDA_ITEM),
      agendaItemMessage(AGENDA_60_ITEMS[7]!),
      informReminderMessage(TO_INFORM_WORST, INFORM_CLOCK),
      companiesToInformMessage(TO_INFORM_WORST, INFORM_CLOCK),
      homeView(HOME_COMMITTEE_WORST),
    ];
    for (const payload of rendered) {
      const json = JSON.stringify(payload);
      for (const raw of RAW_MARKUP) expect(json).not.toContain(raw);
      expect(json).toContain('&lt;!channel&gt;');
    }
  });
});

describe('steering indicators (formatValue, trend)', () => {
  it('write a value in its unit, with French decimals and thousands, « n.d. » when not computable', () => {
    expect(formatValue(72.5, 'percent')).toBe('72,5 %');
    expect(formatValue(72.46, 'percent')).toBe('72,5 %');
    expect(formatValue(100, 'percent')).toBe('100 %');
    expect(formatValue(12, 'days')).toBe('12 j');
    expect(formatValue(31.5, 'hours')).toBe('31,5 h');
    expect(formatValue(1234, 'count')).toBe('1\u202f234');
    expect(formatValue(1234, 'count')).toBe((1234).toLocaleString('fr-FR'));
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(312, 'breakdown')).toBe('312');
    expect(formatValue(null, 'percent')).toBe('n.d.');
    expect(formatValue(null, 'count')).toBe('n.d.');
  });

  it('read a change against the previous quarter in the indicator’s direction, nothing without a previous value', () => {
    expect(trend(10, 10, true)).toBe(':arrow_right: stable');
    expect(trend(12, 10, true)).toBe(':arrow_upper_right: en hausse');
    expect(trend(12, 10, false)).toBe(':arrow_upper_right: en hausse :warning:');
    expect(trend(8, 10, true)).toBe(':arrow_lower_right: en baisse :warning:');
    expect(trend(8, 10, false)).toBe(':arrow_lower_right: en baisse');
    expect(trend(3, 0, true)).toBe(':arrow_upper_right: en hausse');
    expect(trend(8, null, true)).toBe('');
    expect(trend(8, undefined, false)).toBe('');
    expect(trend(null, 10, true)).toBe('');
  });
});
