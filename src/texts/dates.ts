/** How dates, times and durations read in French. src/time.ts computes them in the platform's time zone. */

export const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** Weekdays as JavaScript numbers them: 0 is Sunday. */
export const WEEKDAY_NAMES = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** A YYYY-MM-DD date as « 11 novembre 2026 », « 1er mai 2026 ». */
export function longFrenchDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** A number as French writes it: « 1 234,5 » (a comma, a narrow space between thousands). */
export function frenchNumber(value: number, maximumFractionDigits = 1): string {
  return value.toLocaleString('fr-FR', { maximumFractionDigits });
}

export const DATE_TEXTS = {
  /** « 27/11/2026 à 14:05 » */
  dateTime: (date: string, time: string) => `${date} à ${time}`,
  /** « novembre 2026 » */
  month: (monthName: string, year: number) => `${monthName} ${year}`,
  minutes: (minutes: number) => `${minutes} min`,
  /** « 23 h 05 » (minutes already padded). */
  hoursMinutes: (hours: number, minutes: string) => `${hours} h ${minutes}`,
  /** « 3 j 4 h » */
  daysHours: (days: number, hours: number) => `${days} j ${hours} h`,
  /** A number of hours set by the deployment (the alert deadline): « 48 h », « 1,5 h ». */
  hours: (hours: number) => `${frenchNumber(hours, 2)} h`,
  /** The same, in full: « 48 heures ». */
  hoursInFull: (hours: number) => `${frenchNumber(hours, 2)} heure${hours >= 2 ? 's' : ''}`,
  /** A number of days set by the deployment: « 7 jours », « 1 jour ». */
  daysInFull: (days: number) => `${days} jour${days >= 2 ? 's' : ''}`,
  timeLeft: (duration: string) => `il reste ${duration}`,
  lateBy: (duration: string) => `en retard de ${duration}`,
} as const;
