import { nameAgendaCompanyButton } from './actions/agenda-naming.js';
import type {
  AllMiddlewareArgs,
  App,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { AppContext } from '../context.js';
import { ALERT_ACTIONS } from '../domain/alert-state-machine.js';
import {
  ACTION_BUTTONS,
  ACTIONS,
  AGENDA_EDIT_BLOCKS,
  ALERT_ACTION_IDS,
  COMMANDS,
  COMMITTEE_BUTTONS,
  INDICATOR_BUTTONS,
  PRIVACY_BUTTONS,
  PROGRAMME_BLOCKS,
  PROGRAMME_BUTTONS,
  VIEWS,
} from '../slack/ids.js';
import { openProgrammeForm, openTargetCriteria } from './actions/programme-buttons.js';
import { openIndicatorsForm } from './actions/indicator-buttons.js';
import { eraseCompanyButton } from './actions/privacy-buttons.js';
import { indicatorsSubmission } from './views/indicators-form.js';
import { programmeSubmission } from './views/programme-form.js';
import { targetCriteriaSubmission, targetProposalSubmission } from './views/target-proposal.js';
import {
  agendaItemButton,
  cancelCommitteeButton,
  closeCommitteeButton,
  openCommitteePlan,
  openInformed,
  openSessionForm,
  publishCommitteeAgenda,
} from './actions/committee-buttons.js';
import { agendaEditSubmission } from './views/agenda-edit.js';
import { companyInformedSubmission } from './views/company-informed.js';
import { itemDecisionSubmission } from './views/item-decision.js';
import { comiteCommand } from './commands/comite.js';
import { committeePlanSubmission } from './views/committee-plan.js';
import { actionButton, openActionCreate } from './actions/action-buttons.js';
import { actionsCommand } from './commands/actions.js';
import {
  actionCreateSubmission,
  actionDueSubmission,
  actionNoteSubmission,
  actionStatusSubmission,
} from './views/action-forms.js';
import { alertButtonAction } from './actions/alert-actions.js';
import { alerteRecrutementCommand } from './commands/alerte-recrutement.js';
import { closeSubmission, offerSubmission, transmitByEmailSubmission } from './views/alert-forms.js';
import { alertReportSubmission } from './views/alert-report.js';
import { memberUserPicked, openMemberForm, openStructureForm } from './actions/administration.js';
import { showCompanyCard } from './actions/company-card.js';
import { openVisitReport } from './actions/open-visit-report.js';
import { raiseAlertFromVisit } from './actions/raise-alert-from-visit.js';
import { visitFormChanged } from './actions/visit-form.js';
import { entrepriseCommand } from './commands/entreprise.js';
import { plateformeCommand } from './commands/plateforme/index.js';
import { visiteCommand } from './commands/visite.js';
import { appHomeOpened } from './events/app-home-opened.js';
import { companyPickerOptions, nafPickerOptions } from './options/pickers.js';
import { memberFormSubmission, structureFormSubmission } from './views/administration.js';
import { visitReportSubmission } from './views/visit-report.js';

/**
 * The listeners of one kind, by Slack id. Bolt runs every listener it was given for every
 * request it receives, each through its own chain of matching middleware: with seventy, that was
 * a seventh of the app's CPU per request (issue 15, BENCHMARKS.md). Bolt is given one listener
 * per kind, matching exactly the ids registered here, which hands the request to its own.
 */
export class ListenerTable<Args> {
  readonly byId = new Map<string, (args: Args) => unknown>();

  constructor(
    readonly kind: string,
    private readonly idOf: (args: Args) => string,
  ) {}

  on(id: string, listener: unknown): void {
    // Bolt would have run both; here the second would silently replace the first.
    if (this.byId.has(id)) throw new Error(`two ${this.kind} listeners for ${id}`);
    this.byId.set(id, listener as (args: Args) => unknown);
  }

  /** Exactly the registered ids, as Bolt's own string constraints matched them. */
  pattern(): RegExp {
    const literal = (id: string) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return new RegExp(`^(?:${[...this.byId.keys()].map(literal).join('|')})$`);
  }

  /** The one listener Bolt runs for this kind. */
  dispatch(): (args: Args) => Promise<void> {
    return async (args) => {
      await this.byId.get(this.idOf(args))?.(args);
    };
  }
}

export interface ListenerTables {
  commands: ListenerTable<SlackCommandMiddlewareArgs & AllMiddlewareArgs>;
  views: ListenerTable<SlackViewMiddlewareArgs & AllMiddlewareArgs>;
  actions: ListenerTable<SlackActionMiddlewareArgs & AllMiddlewareArgs>;
  options: ListenerTable<SlackOptionsMiddlewareArgs & AllMiddlewareArgs>;
  events: ListenerTable<SlackEventMiddlewareArgs & AllMiddlewareArgs>;
}

/**
 * Every listener, in one place: the map from a Slack ID to the code that answers it. What makes
 * each form and button safe to receive twice is listed in ./idempotency.ts (a test checks that
 * every view and action registered here has its line).
 */
export function listenerTables(ctx: AppContext): ListenerTables {
  const t: ListenerTables = {
    commands: new ListenerTable('command', (a) => a.command.command),
    views: new ListenerTable('view', (a) => a.view.callback_id),
    actions: new ListenerTable('action', (a) => (a.payload as { action_id: string }).action_id),
    options: new ListenerTable('options', (a) => (a.payload as { action_id: string }).action_id),
    events: new ListenerTable('event', (a) => a.event.type),
  };
  // Registered as on a Bolt app, one line per Slack id.
  const listen = {
    command: (id: string, listener: unknown) => t.commands.on(id, listener),
    view: (id: string, listener: unknown) => t.views.on(id, listener),
    action: (id: string, listener: unknown) => t.actions.on(id, listener),
    options: (id: string, listener: unknown) => t.options.on(id, listener),
    event: (id: string, listener: unknown) => t.events.on(id, listener),
  };
  const commands = {
    [COMMANDS.visite]: visiteCommand(ctx),
    [COMMANDS.entreprise]: entrepriseCommand(ctx),
    [COMMANDS.plateforme]: plateformeCommand(ctx),
    [COMMANDS.alerteRecrutement]: alerteRecrutementCommand(ctx),
    [COMMANDS.actions]: actionsCommand(ctx),
    [COMMANDS.comite]: comiteCommand(ctx),
  };
  for (const [name, handler] of Object.entries(commands)) listen.command(name, handler);

  listen.view(VIEWS.visitReport, visitReportSubmission(ctx));
  listen.view(VIEWS.structureForm, structureFormSubmission(ctx));
  listen.view(VIEWS.memberForm, memberFormSubmission(ctx));
  listen.view(VIEWS.alertReport, alertReportSubmission(ctx));
  listen.view(VIEWS.alertTransmitByEmail, transmitByEmailSubmission(ctx));
  listen.view(VIEWS.alertOffer, offerSubmission(ctx));
  listen.view(VIEWS.alertClose, closeSubmission(ctx));
  listen.view(VIEWS.actionCreate, actionCreateSubmission(ctx));
  listen.view(VIEWS.actionStatus, actionStatusSubmission(ctx));
  listen.view(VIEWS.actionNote, actionNoteSubmission(ctx));
  listen.view(VIEWS.actionDue, actionDueSubmission(ctx));
  listen.view(VIEWS.committeePlan, committeePlanSubmission(ctx));
  listen.view(VIEWS.itemDecision, itemDecisionSubmission(ctx));
  listen.view(VIEWS.companyInformed, companyInformedSubmission(ctx));
  listen.view(VIEWS.agendaEdit, agendaEditSubmission(ctx));
  listen.view(VIEWS.programme, programmeSubmission(ctx));
  listen.view(VIEWS.targetCriteria, targetCriteriaSubmission(ctx));
  listen.view(VIEWS.targetProposal, targetProposalSubmission(ctx));
  listen.view(VIEWS.indicators, indicatorsSubmission(ctx));

  listen.action(ACTIONS.openVisitReport, openVisitReport(ctx));
  listen.action(ACTIONS.showCompanyCard, showCompanyCard(ctx));
  listen.action(ACTIONS.raiseAlertFromVisit, raiseAlertFromVisit(ctx));
  // The visit form redraws itself as it is filled (the alert form's type-ahead dispatches nothing).
  listen.action(ACTIONS.companyPicker, visitFormChanged(ctx, 'company'));
  listen.action(ACTIONS.visitNewCompany, visitFormChanged(ctx, 'newCompany'));
  listen.action(ACTIONS.visitKnownCompany, visitFormChanged(ctx, 'knownCompany'));
  listen.action(ACTIONS.visitFigures, visitFormChanged(ctx, 'figures'));
  listen.action(ACTIONS.openStructureForm, openStructureForm(ctx));
  listen.action(ACTIONS.openMemberForm, openMemberForm(ctx));
  listen.action(ACTIONS.memberUserPicked, memberUserPicked(ctx));
  for (const action of Object.keys(ALERT_ACTIONS) as (keyof typeof ALERT_ACTIONS)[]) {
    listen.action(ALERT_ACTION_IDS[action], alertButtonAction(ctx, action));
  }

  listen.action(ACTION_BUTTONS.create, openActionCreate(ctx, 'company'));
  listen.action(ACTION_BUTTONS.createFromAlert, openActionCreate(ctx, 'alert'));
  listen.action(ACTION_BUTTONS.start, actionButton(ctx, 'start'));
  listen.action(ACTION_BUTTONS.status, actionButton(ctx, 'status'));
  listen.action(ACTION_BUTTONS.note, actionButton(ctx, 'note'));
  listen.action(ACTION_BUTTONS.due, actionButton(ctx, 'due'));

  listen.action(COMMITTEE_BUTTONS.plan, openCommitteePlan(ctx));
  listen.action(COMMITTEE_BUTTONS.publish, publishCommitteeAgenda(ctx));
  listen.action(COMMITTEE_BUTTONS.itemAction, agendaItemButton(ctx, 'action'));
  listen.action(COMMITTEE_BUTTONS.itemDecision, agendaItemButton(ctx, 'decision'));
  listen.action(COMMITTEE_BUTTONS.itemNoFollowUp, agendaItemButton(ctx, 'noFollowUp'));
  listen.action(COMMITTEE_BUTTONS.itemNameCompany, nameAgendaCompanyButton(ctx));
  listen.action(COMMITTEE_BUTTONS.editAgenda, openSessionForm(ctx, 'agenda'));
  listen.action(COMMITTEE_BUTTONS.reschedule, openSessionForm(ctx, 'reschedule'));
  listen.action(COMMITTEE_BUTTONS.cancel, cancelCommitteeButton(ctx));
  listen.action(COMMITTEE_BUTTONS.close, closeCommitteeButton(ctx));
  listen.action(COMMITTEE_BUTTONS.informed, openInformed(ctx));
  listen.action(PROGRAMME_BUTTONS.edit, openProgrammeForm(ctx));
  listen.action(PROGRAMME_BUTTONS.editNext, openProgrammeForm(ctx));
  listen.action(PROGRAMME_BUTTONS.proposeTargets, openTargetCriteria(ctx));
  listen.action(INDICATOR_BUTTONS.choose, openIndicatorsForm(ctx));
  listen.action(PRIVACY_BUTTONS.erase, eraseCompanyButton(ctx));
  listen.action(INDICATOR_BUTTONS.chooseNext, openIndicatorsForm(ctx));

  listen.options(ACTIONS.companyPicker, companyPickerOptions(ctx, 'fileVisit', { reference: true }));
  listen.options(ACTIONS.nafPicker, nafPickerOptions(ctx));
  listen.options(AGENDA_EDIT_BLOCKS.add, companyPickerOptions(ctx, 'runCommittees'));
  listen.options(PROGRAMME_BLOCKS.add, companyPickerOptions(ctx, 'managePrograms', { reference: true }));

  listen.event('app_home_opened', appHomeOpened(ctx));
  return t;
}

/** Gives Bolt one listener per kind (see ListenerTable); returns the slash commands it answers. */
export function registerListeners(app: App, ctx: AppContext): { commands: string[] } {
  const t = listenerTables(ctx);
  app.command(t.commands.pattern(), t.commands.dispatch());
  app.view(t.views.pattern(), t.views.dispatch());
  app.action(t.actions.pattern(), t.actions.dispatch());
  app.options(t.options.pattern(), t.options.dispatch());
  for (const [type, listener] of t.events.byId) app.event(type, listener as never);
  return { commands: [...t.commands.byId.keys()] };
}
