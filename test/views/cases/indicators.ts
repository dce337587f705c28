/** Steering indicators: a quarter's snapshot, /plateforme indicateurs, the form to choose them. */
import { expect } from 'vitest';
import { INDICATORS, type IndicatorUnit } from '../../../src/services/indicators/catalogue.js';
import type {
  IndicatorSetRow,
  SnapshotValue,
  SnapshotWithPrevious,
} from '../../../src/services/indicators/steering.js';
import { INDICATOR_BLOCKS, INDICATOR_BUTTONS, VIEWS } from '../../../src/slack/ids.js';
import { STAKE_LABELS } from '../../../src/texts/fr.js';
import { frenchDate } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import {
  formatValue,
  indicatorsOverviewMessage,
  indicatorsSnapshotMessage,
} from '../../../src/views/messages/indicators.js';
import { indicatorsModal } from '../../../src/views/modals/indicators.js';
import { ALL_STAKES } from '../fixtures/common.js';
import {
  type IndicatorsOverview,
  NNBSP,
  OVERVIEW_NONE,
  OVERVIEW_OCTOBER,
  OVERVIEW_READER,
  OVERVIEW_WORST,
  SET_V2,
  SNAPSHOT_25,
  SNAPSHOT_Q1,
  SNAPSHOT_Q3,
  SNAPSHOT_WORST,
  WORST_SET,
  catalogued,
  worstTarget,
} from '../fixtures/indicators.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  expectNoRawMarkup,
  expectTypedMarkupEscaped,
  expectWellFormedModal,
  inputById,
  inputs,
  showsText,
} from '../fixtures/payload.js';

/**
 * A quarter's message: its header, one section per frozen value (20 at most), each with its value,
 * target and previous quarter when known, the first 5 of a breakdown; the freezing date last.
 */
function expectSnapshot(p: JPayload, s: SnapshotWithPrevious) {
  const values = s.snapshot.values as unknown as SnapshotValue[];
  const title = `Indicateurs du T${s.snapshot.quarter} ${s.snapshot.year}`;
  expect(p.text).toBe(title);
  expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: title } });
  const sections = p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
  const shown = values.slice(0, 20);
  expect(sections).toHaveLength(shown.length);
  expect(p.blocks).toHaveLength(shown.length + 2);
  const before = new Map(((s.previous?.values ?? []) as unknown as SnapshotValue[]).map((v) => [v.key, v.value]));
  const prevLabel = s.snapshot.quarter === 1 ? `T4 ${s.snapshot.year - 1}` : `T${s.snapshot.quarter - 1}`;
  shown.forEach((v, i) => {
    const [line, breakdown, ...rest] = sections[i]!.split('\n');
    expect(line!.startsWith(`*${escapeText(v.label)}* : ${formatValue(v.value, v.unit)}`), line).toBe(true);
    expect(line!.includes(` — cible ${formatValue(v.target, v.unit)}`), line).toBe(v.target !== null);
    expect(line!.includes(` — ${prevLabel} : `), line).toBe(before.has(v.key));
    const entries = Object.entries(v.breakdown ?? {}).slice(0, 5);
    expect(breakdown, v.key).toBe(
      v.breakdown
        ? entries
            .map(([label, n]) => `${escapeText(label)} ${formatValue(n, v.unit === 'breakdown' ? 'count' : v.unit)}`)
            .join(' · ')
        : undefined,
    );
    expect(rest).toEqual([]);
  });
  const last = p.blocks[p.blocks.length - 1]!;
  expect(last.type).toBe('context');
  expect(contextTexts(last)).toEqual([
    `Valeurs figées le ${frenchDate(s.snapshot.computedAt)}${s.snapshot.set ? `, indicateurs choisis (version ${s.snapshot.set.version})` : ', catalogue complet (aucun indicateur choisi pour l’année)'} : elles ne changent plus. Définitions : \`/plateforme indicateurs\`.`,
  ]);
  expectNoRawMarkup(p);
}

/**
 * /plateforme indicateurs: the title, the version in force (or none), each chosen indicator of
 * the catalogue with its target and definition, the frozen quarters, and one button per year
 * that can be chosen, only for who may choose.
 */
function expectIndicatorsOverview(p: JPayload, o: IndicatorsOverview) {
  expect(p.text).toBe(`Indicateurs du comité de pilotage — ${o.year}`);
  expect(p.blocks[0]?.text?.text).toBe(`*Indicateurs du comité de pilotage — ${o.year}*`);
  expect(p.blocks[1]?.type).toBe('context');
  expect(
    contextTexts(p.blocks[1]!)[0]!.startsWith(
      o.sets[0] ? `Version ${o.sets[0].version} du ` : 'Aucun indicateur choisi pour cette année',
    ),
  ).toBe(true);
  const chosen = (o.sets[0]?.choices ?? []).slice(0, 20).filter((c) => INDICATORS.some((i) => i.key === c.key));
  const sections = p.blocks.slice(1).filter((b) => b.type === 'section');
  expect(sections.map((b) => b.text?.text.split('\n'))).toEqual(
    chosen.map((c) => {
      const i = catalogued(c.key);
      return [`*${i.label}*${c.target !== null ? ` — cible ${formatValue(c.target, i.unit)}` : ''}`, i.definition];
    }),
  );
  const frozen = p.blocks.filter((b) => b.type === 'context' && contextTexts(b)[0]!.startsWith('Trimestres figés'));
  expect(frozen).toHaveLength(o.frozen.length ? 1 : 0);
  const rows = p.blocks.filter((b) => b.type === 'actions');
  expect(rows).toHaveLength(o.canChoose ? 1 : 0);
  expect(buttons(p).map((b) => [b.action_id, b.value, b.text?.text])).toEqual(
    o.canChoose
      ? o.years.map((y, i) => [
          i === 0 ? INDICATOR_BUTTONS.choose : INDICATOR_BUTTONS.chooseNext,
          String(y),
          `Choisir les indicateurs ${y}`,
        ])
      : [],
  );
  // Slack rejects two elements with the same action_id in one block.
  expect(new Set(buttons(p).map((b) => b.action_id)).size).toBe(buttons(p).length);
  expect(p.blocks).toHaveLength(2 + sections.length + frozen.length + rows.length);
}

const TARGET_HINTS: Record<IndicatorUnit, string> = {
  count: 'un nombre',
  percent: 'en %',
  days: 'en jours',
  hours: 'en heures',
  breakdown: 'visites citant un enjeu de priorité haute',
};
const targetBlock = (key: string) => `${INDICATOR_BLOCKS.targetPrefix}${key}`;

/**
 * The choice form: what the year's state means, the catalogue to choose from (the current
 * choice selected), then an optional target per catalogue indicator; `initial` lists the target
 * inputs that must be pre-filled, every other one is empty.
 */
function expectIndicatorsModal(
  p: JPayload,
  year: number,
  current: IndicatorSetRow | undefined,
  started: boolean,
  initial: Record<string, string>,
) {
  expect(p.callback_id).toBe(VIEWS.indicators);
  expect(p.title?.text).toBe(`Indicateurs ${year}`);
  expect(p.submit?.text).toBe('Enregistrer');
  expect(p.close?.text).toBe('Annuler');
  expectWellFormedModal(p);
  expect(p.private_metadata).toBe(`{"year":${year}}`);
  expect(p.blocks[0]?.type).toBe('context');
  expect(contextTexts(p.blocks[0]!)).toEqual([
    started
      ? `L’année ${year} a commencé : les indicateurs sont fixés. Enregistrer crée une nouvelle version datée d’aujourd’hui ; les précédentes restent dans l’historique.`
      : `Les indicateurs choisis par le comité de pilotage pour ${year}, et leurs cibles. Ils seront fixés le 1er janvier.`,
  ]);
  expect(inputs(p).map((b) => b.block_id)).toEqual([
    INDICATOR_BLOCKS.keys,
    ...INDICATORS.map((i) => targetBlock(i.key)),
  ]);
  const keys = inputById(p, INDICATOR_BLOCKS.keys);
  expect(keys.optional).toBeUndefined();
  expect(keys.label?.text).toBe('Indicateurs suivis');
  expect(keys.element?.type).toBe('multi_static_select');
  expect(keys.element?.options?.map((o) => [o.value, o.text.text])).toEqual(INDICATORS.map((i) => [i.key, i.label]));
  const chosen = new Set(current?.choices.map((c) => c.key));
  // Slack wants initial options identical to offered ones.
  const selected = keys.element?.options?.filter((o) => chosen.has(o.value)) ?? [];
  expect(keys.element?.initial_options).toEqual(selected.length ? selected : undefined);
  for (const i of INDICATORS) {
    const target = inputById(p, targetBlock(i.key));
    expect(target.optional, i.key).toBe(true);
    expect(target.label?.text).toBe(`Cible — ${i.label}`);
    expect(target.element?.type).toBe('plain_text_input');
    expect(target.element?.placeholder?.text).toBe(TARGET_HINTS[i.unit]);
    expect(target.element?.initial_value, i.key).toBe(initial[i.key]);
  }
}

export const INDICATOR_CASES: Case[] = [
  entry(
    indicatorsSnapshotMessage,
    'T3 with the T2 before and version 2 of the choice: one target missed, one met, one met lower-is-better',
    'message',
    [SNAPSHOT_Q3],
    (p) => {
      expectSnapshot(p, SNAPSHOT_Q3);
      expect(p.blocks[0]?.text?.text).toBe('Indicateurs du T3 2026');
      expect(p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text)).toEqual([
        '*Visites réalisées* : 142 :small_orange_diamond: — cible 150 — T2 : 128 — :arrow_upper_right: en hausse',
        '*Alertes transmises à France Travail dans le délai* : 87,5 % :white_check_mark: — cible 80 % — T2 : 90 % — :arrow_lower_right: en baisse :warning:',
        '*Délai médian de réalisation des actions* : 12 j :white_check_mark: — cible 15 j — T2 : 18 j — :arrow_lower_right: en baisse',
      ]);
      expect(contextTexts(p.blocks[4]!)).toEqual([
        'Valeurs figées le 01/10/2026, indicateurs choisis (version 2) : elles ne changent plus. Définitions : `/plateforme indicateurs`.',
      ]);
    },
  ),
  entry(
    indicatorsSnapshotMessage,
    'T1 without a choice for the year: the whole catalogue against T4 of the year before, a value not computable',
    'message',
    [SNAPSHOT_Q1],
    (p) => {
      expectSnapshot(p, SNAPSHOT_Q1);
      expect(p.text).toBe('Indicateurs du T1 2027');
      const sections = p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
      expect(sections).toHaveLength(INDICATORS.length);
      expect(sections[0]).toBe('*Visites réalisées* : 128 — T4 2026 : 128 — :arrow_right: stable');
      expect(sections[2]).toBe('*Réalisation des programmes de visites* : n.d. — T4 2026 : 95 %');
      expect(sections[3]).toBe(
        '*Couverture des entreprises cibles* : 41,3 % — T4 2026 : 88,9 % — :arrow_lower_right: en baisse :warning:',
      );
      expect(sections[4]).toBe(
        '*Répartition des enjeux* : 23 — T4 2026 : 19 — :arrow_upper_right: en hausse\nRecrutement 54 · Compétences / formation 31 · Investissement / modernisation 12',
      );
      expect(sections[7]).toBe('*Actions en retard* : 7 — T4 2026 : 9 — :arrow_lower_right: en baisse');
      expect(sections[11]).toBe(
        '*Délai médian de transmission à France Travail* : 31,5 h — T4 2026 : 26 h — :arrow_upper_right: en hausse :warning:',
      );
      expect(sections[12]).toBe(
        `*Offres diffusées aux partenaires* : 1${NNBSP}234 — T4 2026 : 998 — :arrow_upper_right: en hausse`,
      );
      // Not in the T4 snapshot: no previous value, no trend.
      expect(sections[13]).toBe('*Entreprises informées après un comité* : 100 %');
      expect(sections[14]).toBe(
        '*Alertes issues d’une visite* : 35,7 % — T4 2026 : 27,3 % — :arrow_upper_right: en hausse',
      );
      expect(sections[15]).toBe(
        "*Couverture du tissu industriel* : 18,2 %\nB — Industries extractives 0 % · C — Industrie manufacturière 21,4 % · E — Production et distribution d'eau ; assainissement, gestion des déchets et dépollution 12,5 %",
      );
      expect(
        sections.some(
          (t) => t.includes(' — cible ') || t.includes(':white_check_mark:') || t.includes(':small_orange_diamond:'),
        ),
      ).toBe(false);
      expect(contextTexts(p.blocks[p.blocks.length - 1]!)[0]).toBe(
        'Valeurs figées le 01/04/2027, catalogue complet (aucun indicateur choisi pour l’année) : elles ne changent plus. Définitions : `/plateforme indicateurs`.',
      );
    },
  ),
  entry(
    indicatorsSnapshotMessage,
    'worst case: the 15 catalogue indicators with targets, T2 values and a breakdown of the 11 stakes with markup',
    'message',
    [SNAPSHOT_WORST],
    (p) => {
      expectSnapshot(p, SNAPSHOT_WORST);
      expect(p.blocks[0]?.text?.text).toBe('Indicateurs du T3 2026');
      const sections = p.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
      expect(sections).toHaveLength(INDICATORS.length);
      expect(sections.map((t) => t.split('\n')[1]!.split(' · '))).toEqual(
        // Breakdown entries in their indicator's unit (a stake count for the distribution).
        INDICATORS.map((indicator) =>
          ALL_STAKES.slice(0, 5).map(
            (stake, i) =>
              `${STAKE_LABELS[stake]} &lt;!channel&gt; &amp; *${stake}* ${formatValue(1_000 - i, indicator.unit === 'breakdown' ? 'count' : indicator.unit)}`,
          ),
        ),
      );
      expect(sections[0]!.split('\n')[0]).toBe(
        `*Visites réalisées* : 1${NNBSP}234${NNBSP}567 :small_orange_diamond: — cible 2${NNBSP}000${NNBSP}000 — T2 : 1${NNBSP}234${NNBSP}566 — :arrow_upper_right: en hausse`,
      );
      expect(sections[7]!.split('\n')[0]).toBe(
        `*Actions en retard* : 1${NNBSP}234${NNBSP}567 :white_check_mark: — cible 2${NNBSP}000${NNBSP}000 — T2 : 1${NNBSP}234${NNBSP}566 — :arrow_upper_right: en hausse :warning:`,
      );
      expect(sections[8]!.split('\n')[0]).toBe(
        '*Délai médian de réalisation des actions* : 365,5 j :small_orange_diamond: — cible 30 j — T2 : 365,5 j — :arrow_right: stable',
      );
      expect(sections[11]!.split('\n')[0]).toBe(
        `*Délai médian de transmission à France Travail* : 1${NNBSP}234,5 h :small_orange_diamond: — cible 48 h — T2 : 0,5 h — :arrow_upper_right: en hausse :warning:`,
      );
      expect(showsText(p, 'Autre &lt;!channel&gt;')).toBe(false);
      expectTypedMarkupEscaped(p);
    },
  ),
  entry(
    indicatorsSnapshotMessage,
    'worst case: 25 frozen values, more than a message holds, no previous quarter',
    'message',
    [SNAPSHOT_25],
    (p) => {
      expectSnapshot(p, SNAPSHOT_25);
      expect(p.blocks).toHaveLength(22);
      expect(showsText(p, ' — T2 : ')).toBe(false);
      expect(showsText(p, ':arrow_')).toBe(false);
    },
  ),
  entry(
    indicatorsOverviewMessage,
    'no indicator chosen yet, who may choose, in March',
    'message',
    [OVERVIEW_NONE],
    (p) => {
      expectIndicatorsOverview(p, OVERVIEW_NONE);
      expect(contextTexts(p.blocks[1]!)).toEqual([
        'Aucun indicateur choisi pour cette année : chaque trimestre est figé avec le catalogue complet.',
      ]);
      expect(showsText(p, 'Trimestres figés')).toBe(false);
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([[INDICATOR_BUTTONS.choose, '2026']]);
      expect(p.blocks.find((b) => b.type === 'actions')?.block_id).toBe('indicator_actions');
    },
  ),
  entry(
    indicatorsOverviewMessage,
    'version 2 after version 1, four frozen quarters, in October: this year and next',
    'message',
    [OVERVIEW_OCTOBER],
    (p) => {
      expectIndicatorsOverview(p, OVERVIEW_OCTOBER);
      expect(contextTexts(p.blocks[1]!)).toEqual(['Version 2 du 10/03/2026 — versions précédentes : 1 (12/12/2025)']);
      expect(p.blocks.slice(2, 6).map((b) => b.text?.text.split('\n')[0])).toEqual([
        '*Visites réalisées* — cible 150',
        '*Alertes transmises à France Travail dans le délai* — cible 87,5 %',
        '*Délai médian de réalisation des actions* — cible 15 j',
        '*Actions en retard*',
      ]);
      expect(contextTexts(p.blocks[6]!)).toEqual([
        'Trimestres figés : `2026-T3`, `2026-T2`, `2026-T1`, `2025-T4` — `/plateforme indicateurs 2026-T3` pour en revoir un.',
      ]);
      expect(buttons(p).map((b) => [b.action_id, b.value])).toEqual([
        [INDICATOR_BUTTONS.choose, '2026'],
        [INDICATOR_BUTTONS.chooseNext, '2027'],
      ]);
    },
  ),
  entry(indicatorsOverviewMessage, 'the same for who may not choose: no button', 'message', [OVERVIEW_READER], (p) => {
    expectIndicatorsOverview(p, OVERVIEW_READER);
    expect(buttons(p)).toEqual([]);
    expect(p.blocks.map((b) => b.type)).toEqual([
      'section',
      'context',
      'section',
      'section',
      'section',
      'section',
      'context',
    ]);
  }),
  entry(
    indicatorsOverviewMessage,
    'worst case: the 15 indicators chosen with targets and a retired one, 5 older versions, 8 frozen quarters',
    'message',
    [OVERVIEW_WORST],
    (p) => {
      expectIndicatorsOverview(p, OVERVIEW_WORST);
      expect(p.blocks.filter((b) => b.type === 'section')).toHaveLength(1 + INDICATORS.length);
      expect(contextTexts(p.blocks[1]!)).toEqual([
        'Version 6 du 31/12/2026 — versions précédentes : 5 (01/06/2026), 4 (01/05/2026), 3 (01/04/2026), 2 (01/03/2026), 1 (01/02/2026)',
      ]);
      expect(p.blocks[2]?.text?.text.split('\n')[0]).toBe(`*Visites réalisées* — cible 1${NNBSP}234${NNBSP}567,5`);
      expect(showsText(p, '*Actions en retard* — cible 0\n')).toBe(true);
      expect(showsText(p, 'indicateur_retire')).toBe(false);
      expect(
        showsText(
          p,
          'Trimestres figés : `2026-T4`, `2026-T3`, `2026-T2`, `2026-T1`, `2025-T4`, `2025-T3`, `2025-T2`, `2025-T1` — ',
        ),
      ).toBe(true);
      expect(buttons(p)).toHaveLength(2);
    },
  ),
  entry(indicatorsModal, 'first choice for next year, before it starts', 'modal', [2027, undefined, false], (p) => {
    expectIndicatorsModal(p, 2027, undefined, false, {});
    expect(inputById(p, INDICATOR_BLOCKS.keys).element?.initial_options).toBeUndefined();
    expect(showsText(p, 'Ils seront fixés le 1er janvier')).toBe(true);
  }),
  entry(
    indicatorsModal,
    'before the year starts, the current choice to replace',
    'modal',
    [2027, { ...SET_V2, year: 2027 }, false],
    (p) => {
      expectIndicatorsModal(p, 2027, SET_V2, false, {
        visites: '150',
        alertes_48h: '87,5',
        delai_median_actions: '15',
      });
      expect(showsText(p, 'nouvelle version')).toBe(false);
    },
  ),
  entry(
    indicatorsModal,
    'year started, version 2 with three targets and one indicator without',
    'modal',
    [2026, SET_V2, true],
    (p) => {
      expectIndicatorsModal(p, 2026, SET_V2, true, { visites: '150', alertes_48h: '87,5', delai_median_actions: '15' });
      expect(inputById(p, INDICATOR_BLOCKS.keys).element?.initial_options?.map((o) => o.text.text)).toEqual([
        'Visites réalisées',
        'Actions en retard',
        'Délai médian de réalisation des actions',
        'Alertes transmises à France Travail dans le délai',
      ]);
      expect(showsText(p, 'crée une nouvelle version datée d')).toBe(true);
    },
  ),
  entry(
    indicatorsModal,
    'worst case: year started, the 15 indicators chosen with targets (one of 0) and a retired one',
    'modal',
    [2026, WORST_SET, true],
    (p) => {
      expectIndicatorsModal(
        p,
        2026,
        WORST_SET,
        true,
        Object.fromEntries(INDICATORS.map((i) => [i.key, String(worstTarget(i.key)).replace('.', ',')])),
      );
      expect(inputById(p, INDICATOR_BLOCKS.keys).element?.initial_options).toHaveLength(INDICATORS.length);
      expect(inputById(p, targetBlock('visites')).element?.initial_value).toBe('1234567,5');
      expect(inputById(p, targetBlock('actions_en_retard')).element?.initial_value).toBe('0');
      expect(inputById(p, targetBlock('delai_median_transmission')).element?.initial_value).toBe('0,5');
      expect(JSON.stringify(p)).not.toContain('indicateur_retire');
    },
  ),
];
