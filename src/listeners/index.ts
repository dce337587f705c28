import { nameAgendaCompanyButton } from './actions/agenda-naming.js';
import type { App } from '@slack/bolt';
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
 * Every listener, in one place: the map from a Slack ID to the code that answers it. What makes
 * each form and button safe to receive twice is listed in ./idempotency.ts (a test checks that
 * every view and action registered here has its line).
 */
export function registerListeners(app: App, ctx: AppContext): { commands: string[] } {
  const commands = {
    [COMMANDS.visite]: visiteCommand(ctx),
    [COMMANDS.entreprise]: entrepriseCommand(ctx),
    [COMMANDS.plateforme]: plateformeCommand(ctx),
    [COMMANDS.alerteRecrutement]: alerteRecrutementCommand(ctx),
    [COMMANDS.actions]: actionsCommand(ctx),
    [COMMANDS.comite]: comiteCommand(ctx),
  };
  for (const [name, handler] of Object.entries(commands)) app.command(name, handler);

  app.view(VIEWS.visitReport, visitReportSubmission(ctx));
  app.view(VIEWS.structureForm, structureFormSubmission(ctx));
  app.view(VIEWS.memberForm, memberFormSubmission(ctx));
  app.view(VIEWS.alertReport, alertReportSubmission(ctx));
  app.view(VIEWS.alertTransmitByEmail, transmitByEmailSubmission(ctx));
  app.view(VIEWS.alertOffer, offerSubmission(ctx));
  app.view(VIEWS.alertClose, closeSubmission(ctx));
  app.view(VIEWS.actionCreate, actionCreateSubmission(ctx));
  app.view(VIEWS.actionStatus, actionStatusSubmission(ctx));
  app.view(VIEWS.actionNote, actionNoteSubmission(ctx));
  app.view(VIEWS.actionDue, actionDueSubmission(ctx));
  app.view(VIEWS.committeePlan, committeePlanSubmission(ctx));
  app.view(VIEWS.itemDecision, itemDecisionSubmission(ctx));
  app.view(VIEWS.companyInformed, companyInformedSubmission(ctx));
  app.view(VIEWS.agendaEdit, agendaEditSubmission(ctx));
  app.view(VIEWS.programme, programmeSubmission(ctx));
  app.view(VIEWS.targetCriteria, targetCriteriaSubmission(ctx));
  app.view(VIEWS.targetProposal, targetProposalSubmission(ctx));
  app.view(VIEWS.indicators, indicatorsSubmission(ctx));

  app.action(ACTIONS.openVisitReport, openVisitReport(ctx));
  app.action(ACTIONS.showCompanyCard, showCompanyCard(ctx));
  app.action(ACTIONS.raiseAlertFromVisit, raiseAlertFromVisit(ctx));
  // The visit form redraws itself as it is filled (the alert form's type-ahead dispatches nothing).
  app.action(ACTIONS.companyPicker, visitFormChanged(ctx, 'company'));
  app.action(ACTIONS.visitNewCompany, visitFormChanged(ctx, 'newCompany'));
  app.action(ACTIONS.visitKnownCompany, visitFormChanged(ctx, 'knownCompany'));
  app.action(ACTIONS.visitFigures, visitFormChanged(ctx, 'figures'));
  app.action(ACTIONS.openStructureForm, openStructureForm(ctx));
  app.action(ACTIONS.openMemberForm, openMemberForm(ctx));
  app.action(ACTIONS.memberUserPicked, memberUserPicked(ctx));
  for (const action of Object.keys(ALERT_ACTIONS) as (keyof typeof ALERT_ACTIONS)[]) {
    app.action(ALERT_ACTION_IDS[action], alertButtonAction(ctx, action));
  }

  app.action(ACTION_BUTTONS.create, openActionCreate(ctx, 'company'));
  app.action(ACTION_BUTTONS.createFromAlert, openActionCreate(ctx, 'alert'));
  app.action(ACTION_BUTTONS.start, actionButton(ctx, 'start'));
  app.action(ACTION_BUTTONS.status, actionButton(ctx, 'status'));
  app.action(ACTION_BUTTONS.note, actionButton(ctx, 'note'));
  app.action(ACTION_BUTTONS.due, actionButton(ctx, 'due'));

  app.action(COMMITTEE_BUTTONS.plan, openCommitteePlan(ctx));
  app.action(COMMITTEE_BUTTONS.publish, publishCommitteeAgenda(ctx));
  app.action(COMMITTEE_BUTTONS.itemAction, agendaItemButton(ctx, 'action'));
  app.action(COMMITTEE_BUTTONS.itemDecision, agendaItemButton(ctx, 'decision'));
  app.action(COMMITTEE_BUTTONS.itemNoFollowUp, agendaItemButton(ctx, 'noFollowUp'));
  app.action(COMMITTEE_BUTTONS.itemNameCompany, nameAgendaCompanyButton(ctx));
  app.action(COMMITTEE_BUTTONS.editAgenda, openSessionForm(ctx, 'agenda'));
  app.action(COMMITTEE_BUTTONS.reschedule, openSessionForm(ctx, 'reschedule'));
  app.action(COMMITTEE_BUTTONS.cancel, cancelCommitteeButton(ctx));
  app.action(COMMITTEE_BUTTONS.close, closeCommitteeButton(ctx));
  app.action(COMMITTEE_BUTTONS.informed, openInformed(ctx));
  app.action(PROGRAMME_BUTTONS.edit, openProgrammeForm(ctx));
  app.action(PROGRAMME_BUTTONS.editNext, openProgrammeForm(ctx));
  app.action(PROGRAMME_BUTTONS.proposeTargets, openTargetCriteria(ctx));
  app.action(INDICATOR_BUTTONS.choose, openIndicatorsForm(ctx));
  app.action(PRIVACY_BUTTONS.erase, eraseCompanyButton(ctx));
  app.action(INDICATOR_BUTTONS.chooseNext, openIndicatorsForm(ctx));

  app.options(ACTIONS.companyPicker, companyPickerOptions(ctx, 'fileVisit', { reference: true }));
  app.options(ACTIONS.nafPicker, nafPickerOptions(ctx));
  app.options(AGENDA_EDIT_BLOCKS.add, companyPickerOptions(ctx, 'runCommittees'));
  app.options(PROGRAMME_BLOCKS.add, companyPickerOptions(ctx, 'managePrograms', { reference: true }));

  app.event('app_home_opened', appHomeOpened(ctx));
  return { commands: Object.keys(commands) };
}
