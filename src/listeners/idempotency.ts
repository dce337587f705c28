import {
  ACTION_BUTTONS,
  ACTIONS,
  ALERT_ACTION_IDS,
  COMMITTEE_BUTTONS,
  INDICATOR_BUTTONS,
  PRIVACY_BUTTONS,
  PROGRAMME_BUTTONS,
  VIEWS,
} from '../slack/ids.js';

/**
 * What makes each form and button safe to receive twice — Slack's retries, a double click, a
 * replayed submission (DESIGN §6, « Idempotent »). Every view callback and action id registered in
 * listeners/index.ts has its line; test/listeners/idempotency.test.ts fails when one is missing.
 *
 * The kinds of key:
 * - a **submission key**: a UUID generated when the modal opens, carried in its private_metadata,
 *   stored unique with the record, bound to the person (someone else's key is refused);
 * - a **state guard**: a conditional write on the record's current state (status, a null date):
 *   the second delivery finds the state moved and changes nothing (or is refused, saying why);
 * - a **natural key**: the record's own unique key (an upsert, a unique name): writing it twice
 *   leaves one row holding the same values;
 * - **no write**: the button opens or refreshes a modal, or reads; a replay opens it again.
 * Messages owed alongside go through the outbox with a deduplication key (services/outbox.ts).
 */
export const VIEW_IDEMPOTENCY: Record<string, string> = {
  [VIEWS.visitReport]: 'submission key: Visit.submissionKey (services/visits/file-visit.ts)',
  [VIEWS.alertReport]: 'submission key: RecruitmentAlert.submissionKey (services/alerts/alerts.ts raiseAlert)',
  [VIEWS.actionCreate]: 'submission key: Action.submissionKey (services/actions/actions.ts createAction)',
  [VIEWS.actionStatus]:
    'submission key: ActionUpdate.submissionKey; and a state guard: the status moves only from the one read',
  [VIEWS.actionNote]: 'submission key: ActionUpdate.submissionKey (one history row, one message update)',
  [VIEWS.actionDue]: 'submission key: ActionUpdate.submissionKey (one history row, one message update)',
  [VIEWS.committeePlan]:
    'submission key: Committee.submissionKey when planning; moving a session (committeeId) sets the same date and channel again',
  [VIEWS.structureForm]:
    'natural key: the structure name, unique once case and spaces are ignored (a replayed creation is refused as a name taken; an edit writes the same values)',
  [VIEWS.memberForm]: 'natural key: Member.slackUserId (upsert; its roles replaced by the same set)',
  [VIEWS.alertTransmitByEmail]:
    'state guard: the alert moves to « transmise » only from the states before it (services/alerts/alerts.ts moveAlert)',
  [VIEWS.alertOffer]: 'state guard: « offre_enregistree » only from « transmise »',
  [VIEWS.alertClose]: 'state guard: « cloturee » only from an open state',
  [VIEWS.itemDecision]:
    'natural key: the agenda item’s decision, overwritten with the same text (its message updated in place)',
  [VIEWS.companyInformed]:
    'natural key: the agenda item’s informedAt and informedHow, overwritten with the same values',
  [VIEWS.agendaEdit]:
    'natural key: AgendaExclusion (committeeId, companyId) and AgendaItem (committeeId, companyId), under the agendas lock; only while the session is planned',
  [VIEWS.targetCriteria]:
    'no write: reads the proposal again (a replay sends its spreadsheet again, recorded like the first)',
  [VIEWS.targetProposal]:
    'natural key: ProgrammeTarget unique per programme and company; companies from the reference unique by SIRET (services/sirene/targets.ts addProposedTargets)',
  [VIEWS.programme]:
    'natural key: VisitProgramme (structureId, year) upserted, ProgrammeTarget (programmeId, companyId | siret) unique',
  [VIEWS.indicators]:
    'natural key: the same choice as the latest IndicatorSet version records nothing new (services/indicators/steering.ts chooseIndicators)',
};

export const ACTION_IDEMPOTENCY: Record<string, string> = {
  [ACTIONS.openVisitReport]: 'no write: opens the visit report with a new submission key',
  [ACTIONS.showCompanyCard]: 'no write: shows a company card (the read is audited once per click)',
  [ACTIONS.openStructureForm]: 'no write: opens the structure form',
  [ACTIONS.openMemberForm]: 'no write: opens the member form',
  [ACTIONS.raiseAlertFromVisit]: 'no write: opens the alert form pre-filled from the visit, with a new submission key',
  [ACTIONS.companyPicker]: 'no write: redraws the open visit form with the picked company (views.update, hash)',
  [ACTIONS.visitNewCompany]: 'no write: opens the new-company inputs of the visit form (views.update, hash)',
  [ACTIONS.visitKnownCompany]: 'no write: back to the type-ahead in the visit form (views.update, hash)',
  [ACTIONS.visitFigures]: 'no write: shows or skips the figures of the visit form (views.update, hash)',
  [ACTIONS.memberUserPicked]: 'no write: refills the open member form (views.update)',
  [ALERT_ACTION_IDS.prendre_en_charge]: 'state guard: « prise_en_charge » only from « signalee »',
  [ALERT_ACTION_IDS.transmettre]:
    'state guard: « transmise » only from « signalee » or « prise_en_charge » (without France Travail advisers in Slack: no write, opens the e-mail form)',
  [ALERT_ACTION_IDS.enregistrer_offre]: 'no write: opens the offer form (state-guarded itself)',
  [ALERT_ACTION_IDS.diffuser]: 'state guard: « diffusee » only from « offre_enregistree »',
  [ALERT_ACTION_IDS.clore]: 'no write: opens the closing form (state-guarded itself)',
  [ACTION_BUTTONS.create]: 'no write: opens « Créer une action » with a new submission key',
  [ACTION_BUTTONS.createFromAlert]: 'no write: opens « Créer une action » with a new submission key',
  [ACTION_BUTTONS.start]:
    'state guard: « en_cours » only from « a_faire » or « bloquee » (a second click is told the action moved)',
  [ACTION_BUTTONS.status]: 'no write: opens the status form with a new submission key',
  [ACTION_BUTTONS.note]: 'no write: opens the note form with a new submission key',
  [ACTION_BUTTONS.due]: 'no write: opens the due-date form with a new submission key',
  [COMMITTEE_BUTTONS.plan]: 'no write: opens « Planifier un comité » with a new submission key',
  [COMMITTEE_BUTTONS.publish]: 'state guard: published once, from « planned » (a click and the J-7 job alike)',
  [COMMITTEE_BUTTONS.itemAction]: 'no write: opens « Créer une action » for the item with a new submission key',
  [COMMITTEE_BUTTONS.itemDecision]: 'no write: opens the decision form',
  [COMMITTEE_BUTTONS.itemNoFollowUp]: 'natural key: the item’s noFollowUp set again (its message updated in place)',
  [COMMITTEE_BUTTONS.itemNameCompany]: 'state guard: AgendaItem.namedAt written only while null (audited once)',
  [COMMITTEE_BUTTONS.editAgenda]: 'no write: opens the agenda edit form',
  [COMMITTEE_BUTTONS.reschedule]: 'no write: opens the session form to move it',
  [COMMITTEE_BUTTONS.cancel]: 'state guard: cancelled only while « planned »',
  [COMMITTEE_BUTTONS.close]: 'state guard: closed once (summary and words to the capteurs owed once)',
  [COMMITTEE_BUTTONS.informed]: 'no write: opens the « entreprise informée » form',
  [PROGRAMME_BUTTONS.edit]: 'no write: opens the programme form',
  [PROGRAMME_BUTTONS.editNext]: 'no write: opens next year’s programme form',
  [PROGRAMME_BUTTONS.proposeTargets]: 'no write: opens the criteria of proposed targets',
  [INDICATOR_BUTTONS.choose]: 'no write: opens the indicators form',
  [INDICATOR_BUTTONS.chooseNext]: 'no write: opens next year’s indicators form',
  [PRIVACY_BUTTONS.erase]:
    'state guard: a company already erased is not erased again (services/privacy/erasure.ts returns null)',
};
