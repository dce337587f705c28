/**
 * People see local dates and times (the platform's time zone, Europe/Paris by default, with its
 * daylight saving); the database stores UTC instants and calendar dates. The words they are said
 * with are in src/texts/dates.ts.
 */
import { DATE_TEXTS, MONTH_NAMES } from './texts/dates.js';

/**
 * Building an Intl.DateTimeFormat costs far more than using one (a new one per call was 1–1.5 % of
 * the app's CPU, bench:profile): each format is built once per time zone.
 */
function perTimeZone(locale: string, options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const built = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = built.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      built.set(timeZone, format);
    }
    return format;
  };
}

// en-CA formats as YYYY-MM-DD.
const dateFormat = perTimeZone('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFormat = perTimeZone('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateTimeFormat = perTimeZone('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const offsetFormat = perTimeZone('en-US', {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The calendar date (YYYY-MM-DD) it is at `now` in `timeZone`. */
export function localDate(timeZone: string, now: Date = new Date()): string {
  return dateFormat(timeZone).format(now);
}

/** The local time of day (HH:MM, 24 h) at `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): string {
  return timeFormat(timeZone).format(now);
}

/** The first day (YYYY-MM-DD) of the local month of `now`. */
export function localMonthStart(timeZone: string, now: Date = new Date()): string {
  return `${localDate(timeZone, now).slice(0, 8)}01`;
}

/** A stored calendar date (midnight UTC) or a YYYY-MM-DD string as « 27/11/2026 ». */
export function frenchDate(date: Date | string): string {
  const iso = typeof date === 'string' ? date : date.toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** An instant as « 27/11/2026 à 14:05 » in the platform's time zone. */
export function frenchDateTime(instant: Date, timeZone: string): string {
  const parts = dateTimeFormat(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return DATE_TEXTS.dateTime(`${get('day')}/${get('month')}/${get('year')}`, `${get('hour')}:${get('minute')}`);
}

/** A duration as people say it: « 45 min », « 23 h 05 », « 3 j 4 h ». */
export function frenchDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return DATE_TEXTS.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 72) return DATE_TEXTS.hoursMinutes(hours, String(minutes % 60).padStart(2, '0'));
  return DATE_TEXTS.daysHours(Math.floor(hours / 24), hours % 24);
}

/** « il reste 23 h 05 » before the deadline, « en retard de 2 h 10 » after. */
export function countdown(deadline: Date, now: Date): string {
  const left = deadline.getTime() - now.getTime();
  return left >= 0 ? DATE_TEXTS.timeLeft(frenchDuration(left)) : DATE_TEXTS.lateBy(frenchDuration(left));
}

/** Minutes the time zone is ahead of UTC at `instant` (60 for Paris in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = offsetFormat(timeZone).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The same local wall-clock time `days` later (earlier when negative): « J-7 at 14:00 » stays at
 * 14:00 in Paris across a daylight-saving change, where 7 × 24 h would land at 13:00 or 15:00.
 */
export function shiftLocalDays(instant: Date, days: number, timeZone: string): Date {
  const naive = new Date(instant.getTime() + days * 86_400_000);
  return new Date(naive.getTime() + (utcOffsetMinutes(instant, timeZone) - utcOffsetMinutes(naive, timeZone)) * 60_000);
}

/**
 * The instant it is `time` (HH:MM) on the local calendar `date` (YYYY-MM-DD) in `timeZone`.
 * In the hour skipped when clocks go forward, the same wall-clock time an hour later.
 */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const naive = new Date(`${date}T${time}:00Z`);
  const first = new Date(naive.getTime() - utcOffsetMinutes(naive, timeZone) * 60_000);
  // The offset at the guess may differ from the offset at the answer near a change: one more step.
  return new Date(naive.getTime() - utcOffsetMinutes(first, timeZone) * 60_000);
}

/** The local calendar date `days` after `date` (both YYYY-MM-DD). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The calendar date `months` after `date` (before when negative): the same day, or the month's last (YYYY-MM-DD). */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** « novembre 2026 » for a local date (YYYY-MM-DD or YYYY-MM). */
export function frenchMonth(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return DATE_TEXTS.month(MONTH_NAMES[month - 1]!, year);
}
