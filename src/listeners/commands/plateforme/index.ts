import type { AppContext } from '../../../context.js';
import { HELP, REFUSALS } from '../../../texts/fr.js';
import { type CommandCall, commandListener } from '../../guard.js';
import { administrationVerb } from './administration.js';
import { annualReportVerb } from './annual-report.js';
import { exportVerb } from './export.js';
import { indicatorsVerb } from './indicators.js';
import { programmesVerb } from './programmes.js';
import { rgpdVerb } from './rgpd.js';
import { sireneVerb } from './sirene.js';

type Verb = (ctx: AppContext, call: CommandCall) => Promise<void>;

/** Each verb, in its module, checks its own role. */
const VERBS = new Map<string, Verb>([
  ['programmes', programmesVerb], // coordination
  ['programme', programmesVerb],
  ['indicateurs', indicatorsVerb], // steering committee, coordination
  ['rapport', annualReportVerb], // steering committee, coordination
  ['export', exportVerb], // coordination
  ['rgpd', rgpdVerb], // `export`: coordination; `effacer`: administrators
  ['sirene', sireneVerb], // coordination
]);

/**
 * `/plateforme`: help for everyone, then one verb per duty (above); for administrators, anything
 * else shows the structures and members with buttons to change them, `structure` and `membre`
 * opening the forms directly (./administration.ts).
 */
export const plateformeCommand = (ctx: AppContext) =>
  commandListener(ctx, async (call) => {
    if (!(await call.member())) return call.reply(`${REFUSALS.unknownMember}\n\n${HELP.plateforme}`);
    if (call.verb === 'aide' || call.verb === 'help') return call.reply(HELP.plateforme);
    const verb = VERBS.get(call.verb) ?? administrationVerb;
    await verb(ctx, call);
  });
