import type { App } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { ACTIONS, COMMANDS, VIEWS } from '../slack/ids.js';
import { memberUserPicked, openMemberForm, openStructureForm } from './actions/administration.js';
import { showCompanyCard } from './actions/company-card.js';
import { openVisitReport } from './actions/open-visit-report.js';
import { entrepriseCommand } from './commands/entreprise.js';
import { plateformeCommand } from './commands/plateforme.js';
import { visiteCommand } from './commands/visite.js';
import { appHomeOpened } from './events/app-home-opened.js';
import { companyPickerOptions, nafPickerOptions } from './options/pickers.js';
import { memberFormSubmission, structureFormSubmission } from './views/administration.js';
import { visitReportSubmission } from './views/visit-report.js';

/** Every listener, in one place: the map from a Slack ID to the code that answers it. */
export function registerListeners(app: App, ctx: AppContext): { commands: string[] } {
  const commands = {
    [COMMANDS.visite]: visiteCommand(ctx),
    [COMMANDS.entreprise]: entrepriseCommand(ctx),
    [COMMANDS.plateforme]: plateformeCommand(ctx),
  };
  for (const [name, handler] of Object.entries(commands)) app.command(name, handler);

  app.view(VIEWS.visitReport, visitReportSubmission(ctx));
  app.view(VIEWS.structureForm, structureFormSubmission(ctx));
  app.view(VIEWS.memberForm, memberFormSubmission(ctx));

  app.action(ACTIONS.openVisitReport, openVisitReport(ctx));
  app.action(ACTIONS.showCompanyCard, showCompanyCard(ctx));
  app.action(ACTIONS.openStructureForm, openStructureForm(ctx));
  app.action(ACTIONS.openMemberForm, openMemberForm(ctx));
  app.action(ACTIONS.memberUserPicked, memberUserPicked(ctx));

  app.options(ACTIONS.companyPicker, companyPickerOptions(ctx));
  app.options(ACTIONS.nafPicker, nafPickerOptions(ctx));

  app.event('app_home_opened', appHomeOpened(ctx));
  return { commands: Object.keys(commands) };
}
