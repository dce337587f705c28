import type { KnownBlock, View } from '@slack/types';
import type { Priority } from '../../generated/prisma/enums.js';
import { VIEWS, VISIT_BLOCKS as B, VISIT_FOLLOW_UP } from '../../slack/ids.js';
import {
  CHANNEL_LABELS,
  HIRING_HORIZON_LABELS,
  SITE_OUTLOOK_LABELS,
  STAKE_LABELS,
  TRANSMISSION_BUYER_LABELS,
  TREND_LABELS,
  VISIT_TEXTS,
} from '../../texts/visit.js';
import { COMMON } from '../../texts/common.js';
import { checkboxes, divider, input, option, options, plain, radios, section, textInput } from '../blocks.js';
import { type VisitCompanyState, visitCompanyBlocks } from './company-blocks.js';
import { type KeptValues, keepValues } from '../kept-values.js';

export interface VisitModalInput extends VisitCompanyState {
  submissionKey: string;
  /** Today in the platform's time zone: the date picker's default. */
  today: string;
  /** The figures group skipped (« Passer »): its inputs are not shown. Shown by default. */
  skipFigures?: boolean | undefined;
  /** What the person had entered, kept when the form is redrawn (views.update). */
  kept?: KeptValues | undefined;
}

export const FIGURES = { show: 'renseigner', skip: 'passer' } as const;
const PRIORITIES: Priority[] = ['haute', 'moyenne', 'basse'];

const T = VISIT_TEXTS.modal;

/** The answers to pick one of, per question of the situation list: the service's field, and its labels. */
export const SITUATION_QUESTIONS = {
  headcountTrend: TREND_LABELS,
  revenueTrend: TREND_LABELS,
  siteOutlook: SITE_OUTLOOK_LABELS,
  investmentPlanned: T.investmentAnswers,
  hiringHorizon: HIRING_HORIZON_LABELS,
  transmissionBuyer: TRANSMISSION_BUYER_LABELS,
} as const;

/**
 * Six one-answer questions in one list, a group each: a capteur answers those that apply in one
 * input. Values « field:answer »; at most one per group (said in the hint, checked on submission).
 */
function situationSelect() {
  return {
    type: 'multi_static_select',
    placeholder: plain(T.situationPlaceholder),
    option_groups: (
      Object.entries(SITUATION_QUESTIONS) as [keyof typeof SITUATION_QUESTIONS, Record<string, string>][]
    ).map(([field, labels]) => ({
      label: plain(T.situationGroups[field]),
      options: Object.entries(labels).map(([value, label]) =>
        option(T.situationOption(T.situationGroups[field], label), `${field}:${value}`),
      ),
    })),
  };
}

/** One list, one option group per priority: choosing « Recrutement (haute) » gives the stake and its priority. */
function stakesSelect() {
  return {
    type: 'multi_static_select',
    placeholder: plain(T.stakesPlaceholder),
    option_groups: PRIORITIES.map((priority) => ({
      label: plain(T.priorityGroups[priority]),
      options: Object.entries(STAKE_LABELS).map(([stake, label]) =>
        option(T.stakeOption(label, T.priorityShort[priority]), `${priority}:${stake}`),
      ),
    })),
  };
}

export interface VisitModalMetadata {
  submissionKey: string;
}

/** Both boxes start unticked: consent is given by ticking it, never by default. */
const FOLLOW_UP_OPTIONS = [
  option(T.consentToShare, VISIT_FOLLOW_UP.consentToShare),
  option(T.toCommitteeAgenda, VISIT_FOLLOW_UP.toCommitteeAgenda),
];
const optional = { optional: true };

/**
 * The visit-report modal: the company (picked, or new when asked), the visit, the figures (a
 * group skipped in one move), the stakes with their priorities in one required list, the
 * diagnostic. Required inputs are required in Slack's sense; what is optional says so.
 */
export function visitReportModal(input_: VisitModalInput): View {
  const metadata: VisitModalMetadata = { submissionKey: input_.submissionKey };
  const figuresChoice = [option(T.figuresShow, FIGURES.show), option(T.figuresSkip, FIGURES.skip)];
  const figures: KnownBlock[] = input_.skipFigures
    ? []
    : [
        input(B.headcount, T.headcount, textInput({ placeholder: T.headcountPlaceholder, maxLength: 9 }), optional),
        input(
          B.hiringNeeds,
          T.hiringNeeds,
          textInput({ multiline: true, maxLength: 1000, placeholder: T.hiringNeedsPlaceholder }),
          { optional: true, hint: T.hiringNeedsHint },
        ),
        input(B.jobsAtRisk, T.jobsAtRisk, textInput({ placeholder: T.jobsAtRiskPlaceholder, maxLength: 9 }), optional),
        input(
          B.exportSharePct,
          T.exportShare,
          textInput({ placeholder: T.exportSharePlaceholder, maxLength: 3 }),
          optional,
        ),
        input(B.situation, T.situation, situationSelect(), { optional: true, hint: T.situationHint }),
      ];
  const blocks: KnownBlock[] = [
    ...visitCompanyBlocks(input_, T.company),
    divider(),
    section(T.visitHeading),
    input(B.visitDate, T.visitDate, { type: 'datepicker', initial_date: input_.today }),
    input(B.channel, T.channel, radios(options(CHANNEL_LABELS), 'sur_site')),
    divider(),
    section(T.figuresHeading),
    input(B.figures, T.figures, radios(figuresChoice, input_.skipFigures ? FIGURES.skip : FIGURES.show), {
      hint: T.figuresHint,
      dispatchAction: true,
    }),
    ...figures,
    divider(),
    section(T.stakesHeading),
    input(B.stakes, T.stakes, stakesSelect(), { hint: T.stakesHint }),
    divider(),
    section(T.diagnosticHeading),
    input(B.needs, T.needs, textInput({ multiline: true, maxLength: 3000 })),
    input(B.diagnostic, T.diagnostic, textInput({ multiline: true, maxLength: 3000 })),
    input(B.followUp, T.followUp, checkboxes(FOLLOW_UP_OPTIONS), { optional: true, hint: T.followUpHint }),
  ];
  // The figures radio shows what was chosen, whatever the kept state says.
  const kept = input_.kept ? { ...input_.kept, [B.figures]: undefined } : undefined;
  return {
    type: 'modal',
    callback_id: VIEWS.visitReport,
    private_metadata: JSON.stringify(metadata),
    title: plain(T.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: keepValues(blocks, kept),
  };
}
