/**
 * People see local dates and times (the platform's time zone, Europe/Paris by default, with its
 * daylight saving); the database stores UTC instants and calendar dates.
 */

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) it is at `now` in `timeZone`. */
export function localDate(timeZone: string, now: Date = new Date()): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The local time of day (HH:MM, 24 h) at `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) timeFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(now);
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
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à ${get('hour')}:${get('minute')}`;
}

/** A duration as people say it: « 45 min », « 23 h 05 », « 3 j 4 h ». */
export function frenchDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 72) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

/** « il reste 23 h 05 » before the deadline, « en retard de 2 h 10 » after. */
export function countdown(deadline: Date, now: Date): string {
  const left = deadline.getTime() - now.getTime();
  return left >= 0 ? `il reste ${frenchDuration(left)}` : `en retard de ${frenchDuration(left)}`;
}
