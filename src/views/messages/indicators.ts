import type { KnownBlock } from '@slack/types';
import { findIndicator, type IndicatorUnit } from '../../services/indicators/catalogue.js';
import type { IndicatorSetRow, SnapshotValue, SnapshotWithPrevious } from '../../services/indicators/steering.js';
import { INDICATOR_BUTTONS } from '../../slack/ids.js';
import { frenchDate, localDate } from '../../time.js';
import { actions, button, context, escapeText as esc, header, section, truncate } from '../blocks.js';

const decimal = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** « 72,5 % », « 12 j », « 31,5 h », « 312 ». */
export function formatValue(value: number | null, unit: IndicatorUnit): string {
  if (value === null) return 'n.d.';
  switch (unit) {
    case 'percent':
      return `${decimal(value)} %`;
    case 'days':
      return `${decimal(value)} j`;
    case 'hours':
      return `${decimal(value)} h`;
    default:
      return decimal(value);
  }
}

/** Rise, fall or stable against the previous quarter, and whether it is good news. */
export function trend(value: number | null, previous: number | null | undefined, higherIsBetter: boolean): string {
  if (value === null || previous === null || previous === undefined) return '';
  if (value === previous) return ':arrow_right: stable';
  const up = value > previous;
  return `${up ? ':arrow_upper_right: en hausse' : ':arrow_lower_right: en baisse'}${up === higherIsBetter ? '' : ' :warning:'}`;
}

/** Whether the target is met, in the indicator's direction. */
function targetMark(v: SnapshotValue): string {
  if (v.target === null || v.value === null) return '';
  const met = v.higherIsBetter ? v.value >= v.target : v.value <= v.target;
  return met ? ':white_check_mark:' : ':small_orange_diamond:';
}

/** A quarter's frozen values: value, target, previous quarter, trend; the distribution's leaders. */
export function indicatorsSnapshotMessage(s: SnapshotWithPrevious, timeZone = 'Europe/Paris') {
  const { snapshot, previous } = s;
  const values = snapshot.values as unknown as SnapshotValue[];
  const before = new Map(((previous?.values ?? []) as unknown as SnapshotValue[]).map((v) => [v.key, v.value]));
  const prevLabel = snapshot.quarter === 1 ? `T4 ${snapshot.year - 1}` : `T${snapshot.quarter - 1}`;
  const blocks: KnownBlock[] = [header(`Indicateurs du T${snapshot.quarter} ${snapshot.year}`)];
  for (const v of values.slice(0, 20)) {
    const parts = [
      `*${esc(v.label)}* : ${formatValue(v.value, v.unit)} ${targetMark(v)}`.trim(),
      ...(v.target !== null ? [`cible ${formatValue(v.target, v.unit)}`] : []),
      ...(before.has(v.key) ? [`${prevLabel} : ${formatValue(before.get(v.key) ?? null, v.unit)}`] : []),
      trend(v.value, before.get(v.key), v.higherIsBetter),
    ].filter(Boolean);
    const breakdown = v.breakdown
      ? `\n${Object.entries(v.breakdown)
          .slice(0, 5)
          .map(([label, n]) => `${esc(label)} ${formatValue(n, v.unit === 'breakdown' ? 'count' : v.unit)}`)
          .join(' · ')}`
      : '';
    blocks.push(section(truncate(`${parts.join(' — ')}${breakdown}`, 3000)));
  }
  blocks.push(
    context(
      `Valeurs figées le ${frenchDate(localDate(timeZone, snapshot.computedAt))}${snapshot.set ? `, indicateurs choisis (version ${snapshot.set.version})` : ', catalogue complet (aucun indicateur choisi pour l’année)'} : elles ne changent plus. Définitions : \`/plateforme indicateurs\`.`,
    ),
  );
  return { text: `Indicateurs du T${snapshot.quarter} ${snapshot.year}`, blocks };
}

/** `/plateforme indicateurs`: the year's chosen indicators with their definitions, the versions, the last quarters. */
export function indicatorsOverviewMessage(o: {
  year: number;
  sets: IndicatorSetRow[];
  frozen: { year: number; quarter: number }[];
  canChoose: boolean;
  years: number[];
  timeZone?: string;
}) {
  const [current, ...older] = o.sets;
  const day = (at: Date) => frenchDate(localDate(o.timeZone ?? 'Europe/Paris', at));
  const blocks: KnownBlock[] = [section(`*Indicateurs du comité de pilotage — ${o.year}*`)];
  if (!current)
    blocks.push(
      context('Aucun indicateur choisi pour cette année : chaque trimestre est figé avec le catalogue complet.'),
    );
  else {
    blocks.push(
      context(
        `Version ${current.version} du ${day(current.createdAt)}${older.length ? ` — versions précédentes : ${older.map((s) => `${s.version} (${day(s.createdAt)})`).join(', ')}` : ''}`,
      ),
    );
    for (const choice of current.choices.slice(0, 20)) {
      const indicator = findIndicator(choice.key);
      if (!indicator) continue;
      blocks.push(
        section(
          `*${indicator.label}*${choice.target !== null ? ` — cible ${formatValue(choice.target, indicator.unit)}` : ''}\n${indicator.definition}`,
        ),
      );
    }
  }
  if (o.frozen.length)
    blocks.push(
      context(
        `Trimestres figés : ${o.frozen.map((q) => `\`${q.year}-T${q.quarter}\``).join(', ')} — \`/plateforme indicateurs 2026-T3\` pour en revoir un.`,
      ),
    );
  if (o.canChoose && o.years.length)
    blocks.push(
      actions(
        'indicator_actions',
        o.years.map((year, i) =>
          button(
            `Choisir les indicateurs ${year}`,
            i === 0 ? INDICATOR_BUTTONS.choose : INDICATOR_BUTTONS.chooseNext,
            String(year),
          ),
        ),
      ),
    );
  return { text: `Indicateurs du comité de pilotage — ${o.year}`, blocks };
}
