import type { View } from '@slack/types';
import { formatSiret } from '../../reference/siret.js';
import { TARGETS_SHOWN } from '../../domain/programmes.js';
import type { Programme } from '../../services/programmes/programmes.js';
import { PROGRAMME_BLOCKS as B, VIEWS } from '../../slack/ids.js';
import { COMMON } from '../../texts/common.js';
import { PROGRAMME_TEXTS } from '../../texts/programme.js';
import { escapeAndCut, context, input, option, plain, textInput } from '../blocks.js';

const T = PROGRAMME_TEXTS.modal;

/**
 * A structure's programme for a year: visits per month, its target companies (all chosen; take
 * some off by unchoosing them), companies to add by type-ahead or by pasting SIRETs.
 */
export function programmeModal(opening: {
  structure: { id: string; name: string };
  year: number;
  programme: Programme | null;
}): View {
  const { structure, year, programme } = opening;
  const shown = (programme?.targets ?? []).slice(0, TARGETS_SHOWN);
  const choices = shown.map((t) =>
    option(t.company ? T.target(t.company.name, t.company.commune) : T.unknownTarget(formatSiret(t.siret ?? '')), t.id),
  );
  const hidden = (programme?.targets.length ?? 0) - shown.length;
  return {
    type: 'modal',
    callback_id: VIEWS.programme,
    // The last target listed: those after it (beyond the list, or added since) stay whatever the answer.
    private_metadata: JSON.stringify({
      structureId: structure.id,
      year,
      shownUpTo: shown.length ? { addedAt: shown.at(-1)!.addedAt.toISOString(), id: shown.at(-1)!.id } : null,
    }),
    title: plain(T.title(year)),
    submit: plain(COMMON.save),
    close: plain(COMMON.cancel),
    blocks: [
      context(T.context(escapeAndCut(structure.name, 200), year)),
      input(B.monthlyTarget, T.monthlyTarget, {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: '500',
        ...(programme ? { initial_value: String(programme.monthlyTarget) } : {}),
      }),
      ...(choices.length
        ? [
            input(
              B.keep,
              T.keep(programme!.targets.length),
              {
                type: 'multi_static_select',
                placeholder: plain(COMMON.none),
                options: choices,
                initial_options: choices,
              },
              { optional: true, hint: T.keepHint },
            ),
          ]
        : []),
      ...(hidden > 0 ? [context(T.notListed(hidden, TARGETS_SHOWN))] : []),
      input(
        B.add,
        T.add,
        { type: 'multi_external_select', placeholder: plain(COMMON.companySearch), min_query_length: 2 },
        { optional: true },
      ),
      input(B.sirets, T.sirets, textInput({ multiline: true, maxLength: 3000, placeholder: T.siretsPlaceholder }), {
        optional: true,
        hint: T.siretsHint,
      }),
    ],
  };
}
