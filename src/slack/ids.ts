import type { AlertAction } from '../domain/alert-state-machine.js';

/**
 * Every Slack identifier the app uses: command names, callback_ids, action_ids, block_ids.
 * The manifest test, the view builders and the listeners all read them from here, so a
 * rename cannot leave one of them behind.
 */
export const COMMANDS = {
  visite: '/visite',
  entreprise: '/entreprise',
  plateforme: '/plateforme',
  alerteRecrutement: '/alerte-recrutement',
  actions: '/actions',
  comite: '/comite',
} as const;

export const VIEWS = {
  visitReport: 'visit_report',
  structureForm: 'structure_form',
  memberForm: 'member_form',
  alertReport: 'alert_report',
  alertRaised: 'alert_raised',
  alertTransmitByEmail: 'alert_transmit_email',
  alertOffer: 'alert_offer_form',
  alertClose: 'alert_close_form',
  actionCreate: 'action_create',
  actionStatus: 'action_status_form',
  actionNote: 'action_note_form',
  actionDue: 'action_due_form',
  committeePlan: 'committee_plan',
  itemDecision: 'agenda_item_decision',
  companyInformed: 'company_informed',
  agendaEdit: 'agenda_edit',
  programme: 'programme_form',
  targetCriteria: 'programme_target_criteria',
  targetProposal: 'programme_target_proposal',
  indicators: 'indicators_form',
} as const;

/**
 * Blocks of the visit-report modal. Each input block holds one element whose action_id is
 * the same string, so validation errors (keyed by block_id) land next to their field.
 */
export const VISIT_BLOCKS = {
  companyId: 'company',
  newSiret: 'new_siret',
  newName: 'new_name',
  newNaf: 'new_naf',
  newHeadcountBand: 'new_headcount_band',
  newCommune: 'new_commune',
  newPostalCode: 'new_postal_code',
  visitDate: 'visit_date',
  channel: 'channel',
  /** radio_buttons (dispatch_action): the figures group shown (« renseigner ») or skipped (« passer »). */
  figures: 'figures',
  headcount: 'headcount',
  hiringNeeds: 'hiring_needs',
  /**
   * multi_static_select, one option group per question (headcount and revenue trends, the site's
   * outlook, investment, hiring horizon, transmission): values « field:answer ».
   */
  situation: 'situation',
  jobsAtRisk: 'jobs_at_risk',
  exportSharePct: 'export_share_pct',
  /** multi_static_select, one option group per priority: values « priority:stake ». */
  stakes: 'stakes',
  needs: 'needs',
  diagnostic: 'diagnostic',
  /**
   * checkboxes, none ticked by default: « partage » (the company agreed that its information be
   * shared with the partners: consent is a box ticked, never a default) and « comite » (on the next
   * committee's agenda).
   */
  followUp: 'follow_up',
} as const;

/** The values of the visit form's follow-up checkboxes. */
export const VISIT_FOLLOW_UP = { consentToShare: 'partage', toCommitteeAgenda: 'comite' } as const;

export const STRUCTURE_BLOCKS = {
  name: 'structure_name',
  kind: 'structure_kind',
  active: 'structure_active',
} as const;

export const MEMBER_BLOCKS = {
  user: 'member_user',
  structure: 'member_structure',
  roles: 'member_roles',
  active: 'member_active',
} as const;

export const ACTIONS = {
  /** external_select: known companies (type-ahead on SIRET or name); its input block's id. */
  companyPicker: VISIT_BLOCKS.companyId,
  /** Visit form: open the new-company inputs instead of the type-ahead, and back. */
  visitNewCompany: 'visit_new_company',
  visitKnownCompany: 'visit_known_company',
  /** Visit form: the figures group's radio (dispatch_action), shows or hides the group. */
  visitFigures: VISIT_BLOCKS.figures,
  /** external_select: NAF rév. 2 sous-classes. */
  nafPicker: VISIT_BLOCKS.newNaf,
  /** App Home and messages: open a new visit report. */
  openVisitReport: 'open_visit_report',
  /** Several matches for /entreprise: show this company's card. */
  showCompanyCard: 'show_company_card',
  /** A visit's confirmation, when it recorded hiring needs: the alert form pre-filled from it (value: the visit). */
  raiseAlertFromVisit: 'raise_alert_from_visit',
  /** /plateforme administration buttons. */
  openStructureForm: 'open_structure_form',
  openMemberForm: 'open_member_form',
  /** users_select in the member form: refills the form with the member's current settings. */
  memberUserPicked: MEMBER_BLOCKS.user,
} as const;

/** Blocks of the alert modal: the company part is the visit modal's, so its type-ahead serves both. */
export const ALERT_BLOCKS = {
  companyId: VISIT_BLOCKS.companyId,
  newSiret: VISIT_BLOCKS.newSiret,
  newName: VISIT_BLOCKS.newName,
  newNaf: VISIT_BLOCKS.newNaf,
  newHeadcountBand: VISIT_BLOCKS.newHeadcountBand,
  newCommune: VISIT_BLOCKS.newCommune,
  newPostalCode: VISIT_BLOCKS.newPostalCode,
  p1Title: 'p1_title',
  p1Rome: 'p1_rome',
  p1Count: 'p1_count',
  p1Contract: 'p1_contract',
  p1Start: 'p1_start',
  p1Location: 'p1_location',
  p2Title: 'p2_title',
  p2Rome: 'p2_rome',
  p2Count: 'p2_count',
  p2Contract: 'p2_contract',
  p2Start: 'p2_start',
  p2Location: 'p2_location',
  p3Title: 'p3_title',
  p3Rome: 'p3_rome',
  p3Count: 'p3_count',
  p3Contract: 'p3_contract',
  p3Start: 'p3_start',
  p3Location: 'p3_location',
  urgency: 'urgency',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  consentToName: 'consent_to_name',
} as const;

export const OFFER_BLOCKS = {
  reference: 'offer_reference',
  contactName: 'offer_contact_name',
  contactEmail: 'offer_contact_email',
  contactPhone: 'offer_contact_phone',
  url: 'offer_url',
} as const;

export const CLOSE_BLOCKS = {
  outcome: 'outcome',
  note: 'outcome_note',
} as const;

/** The buttons that move an alert, one per action of src/domain/alert-state-machine.ts. */
export const ALERT_ACTION_IDS = {
  prendre_en_charge: 'alert_take',
  transmettre: 'alert_transmit',
  enregistrer_offre: 'alert_record_offer',
  diffuser: 'alert_diffuse',
  clore: 'alert_close',
} as const satisfies Record<AlertAction, string>;

export const ACTION_BLOCKS = {
  title: 'action_title',
  stake: 'action_stake',
  target: 'action_target',
  ownerStructureId: 'action_owner_structure',
  ownerMemberSlackId: 'action_owner_member',
  dueDate: 'action_due_date',
  description: 'action_description',
} as const;

export const ACTION_CHANGE_BLOCKS = {
  status: 'action_new_status',
  note: 'action_change_note',
  dueDate: 'action_new_due',
  reason: 'action_due_reason',
} as const;

/** Buttons on an action's message and in /actions. */
export const ACTION_BUTTONS = {
  create: 'action_open_create',
  /** On an alert's page: an action following the alert, linked to it. */
  createFromAlert: 'action_open_create_from_alert',
  start: 'action_start',
  status: 'action_open_status',
  note: 'action_open_note',
  due: 'action_open_due',
} as const;

export const COMMITTEE_BLOCKS = {
  scheduledAt: 'committee_when',
  /** Shown when the date is a public holiday or a weekend day: the box confirms that very day. */
  confirmOffDay: 'committee_confirm_off_day',
  channel: 'committee_channel',
} as const;

export const COMMITTEE_BUTTONS = {
  plan: 'committee_open_plan',
  publish: 'committee_publish',
  /** On an agenda item (its id as value), in the meeting. */
  itemAction: 'agenda_item_action',
  itemDecision: 'agenda_item_open_decision',
  itemNoFollowUp: 'agenda_item_no_follow_up',
  /** On the item of a company shown without its name (no consent): the coordination names it. */
  itemNameCompany: 'agenda_item_name_company',
  close: 'committee_close',
  /** On a session not yet published (its id as value), for the coordination. */
  editAgenda: 'committee_edit_agenda',
  reschedule: 'committee_reschedule',
  cancel: 'committee_cancel',
  /** To the capteur, on the decisions to pass on: record that the company was informed. */
  informed: 'company_informed_open',
} as const;

/** The agenda edit modal: the items kept (all selected at first), the companies added (type-ahead). */
export const AGENDA_EDIT_BLOCKS = {
  keep: 'agenda_keep',
  add: 'agenda_add_companies',
} as const;

/** The visit programme form; the type-ahead's block is also its options request's action_id. */
export const PROGRAMME_BLOCKS = {
  monthlyTarget: 'programme_monthly_target',
  keep: 'programme_keep_targets',
  add: 'programme_add_companies',
  sirets: 'programme_sirets',
} as const;

/** « Proposer des cibles »: the criteria form, then the proposal (one checkbox and one monthly target per structure). */
export const TARGET_BLOCKS = {
  year: 'targets_year',
  sections: 'targets_sections',
  services: 'targets_services',
  minBand: 'targets_min_band',
  communes: 'targets_communes',
  notVisited: 'targets_not_visited',
  /** + the route (`other`, `tradeRegister`). */
  addPrefix: 'targets_add_',
  monthlyPrefix: 'targets_monthly_',
} as const;

export const PROGRAMME_BUTTONS = {
  /** On a structure in /plateforme programmes (value `structureId:year`): its programme's form, this year's or next. */
  edit: 'programme_open_form',
  editNext: 'programme_open_form_next',
  /** Under /plateforme programmes (value: the year): the criteria of proposed targets from the SIRENE reference. */
  proposeTargets: 'programme_propose_targets',
} as const;

/** The indicators form: the chosen ones, and a target input per indicator (prefix + its key). */
export const INDICATOR_BLOCKS = {
  keys: 'indicator_keys',
  targetPrefix: 'indicator_target_',
} as const;

export const INDICATOR_BUTTONS = {
  /** In /plateforme indicateurs (value: the year): the steering committee's choice. */
  choose: 'indicators_open_form',
  chooseNext: 'indicators_open_form_next',
} as const;

export const PRIVACY_BUTTONS = {
  /** On the confirmation of /plateforme rgpd effacer (the company's id as value). */
  erase: 'privacy_erase_company',
} as const;

export const INFORMED_BLOCKS = {
  how: 'informed_how',
  on: 'informed_on',
} as const;

export const DECISION_BLOCKS = {
  decision: 'item_decision',
} as const;

export type VisitBlock = (typeof VISIT_BLOCKS)[keyof typeof VISIT_BLOCKS];
