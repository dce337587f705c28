import type { View } from '@slack/types';
import { VIEWS, VISIT_BLOCKS as B } from '../../slack/ids.js';
import {
  CHANNEL_LABELS,
  HIRING_HORIZON_LABELS,
  SITE_OUTLOOK_LABELS,
  STAKE_LABELS,
  TRANSMISSION_BUYER_LABELS,
  TREND_LABELS,
} from '../../texts/fr.js';
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

const YES_NO = [option('Oui', 'oui'), option('Non', 'non')];
export const AGENDA_OPTION = option("Inscrire l'entreprise à l'ordre du jour du prochain comité technique", 'oui');
const optional = { optional: true };

/** The visit-report modal: one screen, the company first, then the visit, figures, stakes, diagnostic. */
export function visitReportModal(input_: VisitModalInput): View {
  const stakeOptions = options(STAKE_LABELS);
  const metadata: VisitModalMetadata = { submissionKey: input_.submissionKey };
  return {
    type: 'modal',
    callback_id: VIEWS.visitReport,
    private_metadata: JSON.stringify(metadata),
    title: plain('Compte rendu de visite'),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      ...companyBlocks(input_, '*Entreprise visitée*'),
      divider(),
      section('*La visite*'),
      input(B.visitDate, 'Date de la visite', { type: 'datepicker', initial_date: input_.today }),
      input(B.channel, 'Modalité', radios(options(CHANNEL_LABELS), 'sur_site')),
      divider(),
      section('*Données quantitatives*'),
      input(B.headcount, 'Effectif actuel (salariés)', textInput({ placeholder: 'ex. 45', maxLength: 9 }), optional),
      input(
        B.headcountTrend,
        "Évolution de l'effectif sur 12 mois",
        staticSelect(options(TREND_LABELS), 'Choisir'),
        optional,
      ),
      input(
        B.revenueTrend,
        "Évolution du chiffre d'affaires",
        staticSelect(options(TREND_LABELS), 'Choisir'),
        optional,
      ),
      input(B.siteOutlook, 'Perspectives du site', staticSelect(options(SITE_OUTLOOK_LABELS), 'Choisir'), optional),
      input(
        B.hiringNeeds,
        'Besoins de recrutement à 12 mois',
        textInput({ multiline: true, maxLength: 1000, placeholder: 'Soudeur : 3\nTechnicien de maintenance : 1' }),
        {
          optional: true,
          hint: 'Une ligne par métier : « métier : nombre de postes ».',
        },
      ),
      input(B.hiringHorizon, 'Échéance des recrutements', radios(options(HIRING_HORIZON_LABELS)), optional),
      input(B.jobsAtRisk, 'Emplois menacés', textInput({ placeholder: 'ex. 0', maxLength: 9 }), optional),
      input(B.investmentPlanned, 'Investissement prévu', radios(YES_NO), optional),
      input(
        B.exportSharePct,
        "Part du chiffre d'affaires à l'export (%)",
        textInput({ placeholder: 'ex. 20', maxLength: 3 }),
        optional,
      ),
      divider(),
      section('*Enjeux* — chaque enjeu avec une seule priorité'),
      input(B.stakesHigh, 'Priorité haute', multiSelect(stakeOptions, 'Enjeux prioritaires'), optional),
      input(B.stakesMedium, 'Priorité moyenne', multiSelect(stakeOptions, 'Enjeux'), optional),
      input(B.stakesLow, 'Priorité basse', multiSelect(stakeOptions, 'Enjeux'), optional),
      input(B.transmissionBuyer, 'Transmission / reprise', radios(options(TRANSMISSION_BUYER_LABELS)), {
        optional: true,
        hint: 'Si le dirigeant envisage de céder : un repreneur est-il identifié ?',
      }),
      divider(),
      section('*Besoins et premier diagnostic*'),
      input(B.needs, "Besoins exprimés par l'entreprise", textInput({ multiline: true, maxLength: 3000 })),
      input(B.diagnostic, 'Premier diagnostic', textInput({ multiline: true, maxLength: 3000 })),
      input(
        B.consentToShare,
        "L'entreprise accepte que ces informations soient partagées avec les partenaires de la plateforme",
        radios(YES_NO),
        {
          hint: 'Sans accord, le contenu de la visite reste visible de votre structure et de la coordination seulement.',
        },
      ),
      input(B.toCommitteeAgenda, 'Comité technique', checkboxes([AGENDA_OPTION]), optional),
    ],
  };
}
