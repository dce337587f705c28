import type { View } from '@slack/types';
import { formatSiret } from '../../reference/siret.js';
import { TARGETS_SHOWN, type Programme } from '../../services/programmes/programmes.js';
import { PROGRAMME_BLOCKS as B, VIEWS } from '../../slack/ids.js';
import { context, escapeText, input, option, plain, textInput, truncate } from '../blocks.js';

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
    option(
      t.company
        ? `${t.company.name} (${t.company.commune})`
        : `SIRET ${formatSiret(t.siret ?? '')} (pas encore connue)`,
      t.id,
    ),
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
    title: plain(`Programme ${year}`),
    submit: plain('Enregistrer'),
    close: plain('Annuler'),
    blocks: [
      context(`*${escapeText(truncate(structure.name, 200))}* — programme de visites ${year}`),
      input(B.monthlyTarget, 'Visites par mois', {
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
              `Entreprises cibles (${programme!.targets.length})`,
              { type: 'multi_static_select', placeholder: plain('Aucune'), options: choices, initial_options: choices },
              { optional: true, hint: 'Retirez une entreprise de la liste pour ne plus la cibler.' },
            ),
          ]
        : []),
      ...(hidden > 0
        ? [context(`Les ${hidden} autres entreprises cibles restent ciblées (100 au plus dans cette liste).`)]
        : []),
      input(
        B.add,
        'Ajouter des entreprises cibles',
        { type: 'multi_external_select', placeholder: plain('SIRET ou nom'), min_query_length: 2 },
        { optional: true },
      ),
      input(
        B.sirets,
        'Ou coller des SIRET',
        textInput({ multiline: true, maxLength: 3000, placeholder: 'Un SIRET par ligne' }),
        {
          optional: true,
          hint: "Un SIRET non valide est signalé et rien n'est enregistré ; un SIRET valide d'une entreprise pas encore connue est gardé et comptera dès sa première visite.",
        },
      ),
    ],
  };
}
