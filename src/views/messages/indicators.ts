import type { KnownBlock } from '@slack/types';
import { describeIndicator, type IndicatorUnit } from '../../domain/indicators.js';
import type { IndicatorSetRow, SnapshotValue, SnapshotWithPrevious } from '../../services/indicators/steering.js';
import { INDICATOR_BUTTONS } from '../../slack/ids.js';
import { INDICATOR_TEXTS as T } from '../../texts/indicators.js';
import { frenchDate, localDate } from '../../time.js';
import { actions, button, context, escapeText as esc, header, section, truncate } from '../blocks.js';

/** « 72,5 % », « 12 j », « 31,5 h », « 312 ». */
export function formatValue(value: number | null, unit: IndicatorUnit): string {
  return T.value(value, unit);
}

/** Rise, fall or stable against the previous quarter, and whether it is good news. */
export function trend(value: number | null, previous: number | null | undefined, higherIsBetter: boolean): string {
  if (value === null || previous === null || previous === undefined) return '';
  if (value === previous) return T.trend.stable;
  const up = value > previous;
  return `${up ? T.trend.up : T.trend.down}${up === higherIsBetter ? '' : ' :warning:'}`;
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
  const prevLabel = snapshot.quarter === 1 ? T.quarter(4, snapshot.year - 1) : T.quarter(snapshot.quarter - 1);
  const title = T.snapshot.title(snapshot.quarter, snapshot.year);
  const blocks: KnownBlock[] = [header(title)];
  for (const v of values.slice(0, 20)) {
    const parts = [
      T.snapshot.value(esc(v.label), formatValue(v.value, v.unit), targetMark(v)),
      ...(v.target !== null ? [T.snapshot.target(formatValue(v.target, v.unit))] : []),
      ...(before.has(v.key) ? [T.snapshot.previous(prevLabel, formatValue(before.get(v.key) ?? null, v.unit))] : []),
      trend(v.value, before.get(v.key), v.higherIsBetter),
    ].filter(Boolean);
    const breakdown = v.breakdown
      ? `\n${Object.entries(v.breakdown)
          .slice(0, 5)
          .map(([label, n]) =>
            T.snapshot.breakdownItem(esc(label), formatValue(n, v.unit === 'breakdown' ? 'count' : v.unit)),
          )
          .join(' · ')}`
      : '';
    blocks.push(section(truncate(`${parts.join(' — ')}${breakdown}`, 3000)));
  }
  blocks.push(
    context(T.snapshot.frozen(frenchDate(localDate(timeZone, snapshot.computedAt)), snapshot.set?.version ?? null)),
  );
  return { text: title, blocks };
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
  const blocks: KnownBlock[] = [section(T.overview.heading(o.year))];
  if (!current) blocks.push(context(T.overview.noneChosen));
  else {
    blocks.push(
      context(
        T.overview.version(
          current.version,
          day(current.createdAt),
          older.length ? older.map((s) => T.overview.olderVersion(s.version, day(s.createdAt))).join(', ') : null,
        ),
      ),
    );
    for (const choice of current.choices.slice(0, 20)) {
      const indicator = describeIndicator(choice.key);
      if (!indicator) continue;
      blocks.push(
        section(
          T.overview.indicator(
            indicator.label,
            choice.target !== null ? formatValue(choice.target, indicator.unit) : null,
            indicator.definition,
          ),
        ),
      );
    }
  }
  if (o.frozen.length)
    blocks.push(
      context(T.overview.frozen(o.frozen.map((q) => T.overview.frozenQuarter(q.year, q.quarter)).join(', '))),
    );
  if (o.canChoose && o.years.length)
    blocks.push(
      actions(
        'indicator_actions',
        o.years.map((year, i) =>
          button(
            T.overview.choose(year),
            i === 0 ? INDICATOR_BUTTONS.choose : INDICATOR_BUTTONS.chooseNext,
            String(year),
          ),
        ),
      ),
    );
  return { text: T.overview.title(o.year), blocks };
}
