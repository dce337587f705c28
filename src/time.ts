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
