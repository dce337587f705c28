import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ValidationFailed } from '../../services/errors.js';
import { INDICATOR_KEYS } from '../../services/indicators/catalogue.js';
import { chooseIndicators } from '../../services/indicators/steering.js';
import { INDICATOR_BLOCKS as B } from '../../slack/ids.js';
import { errorText, INDICATOR_TEXTS } from '../../texts/fr.js';
import { savedModal } from '../../views/modals/administration.js';
import { submissionListener } from '../guard.js';
import { asList, asString, errorsResponse, readMetadata, readViewState } from '../view-state.js';

/** « 75 », « 12,5 », « 12.5 »: a target; empty: none. */
function readTarget(text: string | undefined): number | null | 'invalid' {
  const t = (text ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (!t) return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : 'invalid';
}

/** The steering committee's indicators for a year: saved whole, or each bad target on its field. */
export const indicatorsSubmission = (ctx: AppContext) =>
  submissionListener(ctx, 'manageIndicators', B.keys, async ({ actor, ack, view }) => {
    const { year } = readMetadata(view, z.object({ year: z.number().int() }));
    const state = readViewState(view.state.values);
    const keys = asList(state[B.keys]).filter((k) => INDICATOR_KEYS.includes(k));
    const errors: Record<string, string> = {};
    const choices = keys.map((key) => {
      const target = readTarget(asString(state[`${B.targetPrefix}${key}`]));
      if (target === 'invalid') errors[`${B.targetPrefix}${key}`] = errorText('indicator_target');
      return { key, target: target === 'invalid' ? null : target };
    });
    if (Object.keys(errors).length) return void (await ack(errorsResponse(errors)));
    try {
      const saved = await chooseIndicators(ctx.db, actor, year, choices, ctx.now(), ctx.timeZone);
      await ack({
        response_action: 'update',
        view: savedModal(
          INDICATOR_TEXTS.modal.saved.title(year),
          INDICATOR_TEXTS.modal.saved.text(
            choices.length,
            year,
            saved.newVersion && saved.version > 1 ? saved.version : null,
          ),
        ),
      });
    } catch (error) {
      if (error instanceof ValidationFailed) {
        return void (await ack(
          errorsResponse(
            Object.fromEntries(
              error.errors.map((e) => [
                e.field === 'keys' ? B.keys : `${B.targetPrefix}${e.field}`,
                errorText(e.code, e.params),
              ]),
            ),
          ),
        ));
      }
      throw error;
    }
  });
