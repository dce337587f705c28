import type { View } from '@slack/types';
import { VIEWS, VISIT_BLOCKS as B } from '../../slack/ids.js';
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
import {
  checkboxes,
  divider,
  input,
  multiSelect,
  option,
  options,
  plain,
  radios,
  section,
  staticSelect,
  textInput,
} from '../blocks.js';
import { companyBlocks, type CompanyPrefill } from './company-blocks.js';

export interface VisitModalInput extends CompanyPrefill {
  submissionKey: string;
  /** Today in the platform's time zone: the date picker's default. */
  today: string;
}

export interface VisitModalMetadata {
  submissionKey: string;
}

const T = VISIT_TEXTS.modal;
const YES_NO = [option(COMMON.yes, 'oui'), option(COMMON.no, 'non')];
export const AGENDA_OPTION = option(T.toCommitteeAgenda, 'oui');
const optional = { optional: true };

/** The visit-report modal: one screen, the company first, then the visit, figures, stakes, diagnostic. */
export function visitReportModal(input_: VisitModalInput): View {
  const stakeOptions = options(STAKE_LABELS);
  const metadata: VisitModalMetadata = { submissionKey: input_.submissionKey };
  return {
    type: 'modal',
    callback_id: VIEWS.visitReport,
    private_metadata: JSON.stringify(metadata),
    title: plain(T.title),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      ...companyBlocks(input_, T.company),
      divider(),
      section(T.visitHeading),
      input(B.visitDate, T.visitDate, { type: 'datepicker', initial_date: input_.today }),
      input(B.channel, T.channel, radios(options(CHANNEL_LABELS), 'sur_site')),
      divider(),
      section(T.figuresHeading),
      input(B.headcount, T.headcount, textInput({ placeholder: T.headcountPlaceholder, maxLength: 9 }), optional),
      input(B.headcountTrend, T.headcountTrend, staticSelect(options(TREND_LABELS), COMMON.choose), optional),
      input(B.revenueTrend, T.revenueTrend, staticSelect(options(TREND_LABELS), COMMON.choose), optional),
      input(B.siteOutlook, T.siteOutlook, staticSelect(options(SITE_OUTLOOK_LABELS), COMMON.choose), optional),
      input(
        B.hiringNeeds,
        T.hiringNeeds,
        textInput({ multiline: true, maxLength: 1000, placeholder: T.hiringNeedsPlaceholder }),
        { optional: true, hint: T.hiringNeedsHint },
      ),
      input(B.hiringHorizon, T.hiringHorizon, radios(options(HIRING_HORIZON_LABELS)), optional),
      input(B.jobsAtRisk, T.jobsAtRisk, textInput({ placeholder: T.jobsAtRiskPlaceholder, maxLength: 9 }), optional),
      input(B.investmentPlanned, T.investmentPlanned, radios(YES_NO), optional),
      input(
        B.exportSharePct,
        T.exportShare,
        textInput({ placeholder: T.exportSharePlaceholder, maxLength: 3 }),
        optional,
      ),
      divider(),
      section(T.stakesHeading),
      input(B.stakesHigh, T.stakesHigh, multiSelect(stakeOptions, T.stakesHighPlaceholder), optional),
      input(B.stakesMedium, T.stakesMedium, multiSelect(stakeOptions, T.stakesPlaceholder), optional),
      input(B.stakesLow, T.stakesLow, multiSelect(stakeOptions, T.stakesPlaceholder), optional),
      input(B.transmissionBuyer, T.transmissionBuyer, radios(options(TRANSMISSION_BUYER_LABELS)), {
        optional: true,
        hint: T.transmissionBuyerHint,
      }),
      divider(),
      section(T.diagnosticHeading),
      input(B.needs, T.needs, textInput({ multiline: true, maxLength: 3000 })),
      input(B.diagnostic, T.diagnostic, textInput({ multiline: true, maxLength: 3000 })),
      input(B.consentToShare, T.consentToShare, radios(YES_NO), { hint: T.consentToShareHint }),
      input(B.toCommitteeAgenda, T.committee, checkboxes([AGENDA_OPTION]), optional),
    ],
  };
}
