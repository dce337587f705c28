import Holidays from 'date-holidays';
import { localDate } from './time.js';

/**
 * Working days: Monday to Friday, public holidays off. The calendar is the region's (date-holidays
 * keeps France's by law: Alsace-Moselle adds Good Friday and 26 December, each overseas
 * department its day of the abolition of slavery). `FR`, or `FR-57`, `FR-RE`…
 */
export function isHolidayRegion(region: string): boolean {
  const [country, state, ...rest] = region.split('-');
  if (country !== 'FR' || rest.length > 0) return false;
  return state === undefined || Object.keys(new Holidays().getStates('FR') ?? {}).includes(state);
}

/** A day off the platform's calendar: a public holiday (its French name), or a Saturday or Sunday. */
export interface OffDay {
  /** The local date, YYYY-MM-DD. */
  date: string;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** The public holiday's name in French, null on a weekend day that is no holiday. */
  holiday: string | null;
}

export class WorkingDays {
  private readonly calendar: Holidays;
  private readonly byYear = new Map<number, Set<string>>();
  private readonly namesByYear = new Map<number, Map<string, string>>();

  constructor(
    region: string,
    private readonly timeZone: string,
  ) {
    const [country, state] = region.split('-');
    this.calendar = state ? new Holidays(country!, state) : new Holidays(country!);
  }

  /** The public holidays of a year, as local dates (YYYY-MM-DD). */
  holidays(year: number): Set<string> {
    let days = this.byYear.get(year);
    if (!days) {
      const list = this.calendar.getHolidays(year) || [];
      days = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      this.byYear.set(year, days);
    }
    return days;
  }

  /** The public holidays of a year with their French names (« Armistice 1918 »). */
  private holidayNames(year: number): Map<string, string> {
    let names = this.namesByYear.get(year);
    if (!names) {
      const list = this.calendar.getHolidays(year, 'fr') || [];
      names = new Map(list.filter((h) => h.type === 'public').map((h) => [h.date.slice(0, 10), h.name]));
      this.namesByYear.set(year, names);
    }
    return names;
  }

  /** The day `instant` falls on, in the platform's time zone, when it is not a working day; else null. */
  offDay(instant: Date): OffDay | null {
    const date = localDate(this.timeZone, instant);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const year = Number(date.slice(0, 4));
    if (!this.holidays(year).has(date) && weekday !== 0 && weekday !== 6) return null;
    return { date, weekday, holiday: this.holidays(year).has(date) ? (this.holidayNames(year).get(date) ?? '') : null };
  }

  /** Whether `now` falls on a working day of the platform's calendar, in its time zone. */
  isWorkingDay(now: Date): boolean {
    const date = localDate(this.timeZone, now);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays(Number(date.slice(0, 4))).has(date);
  }
}
