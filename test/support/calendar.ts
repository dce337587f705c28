import { WorkingDays } from '../../src/working-days.js';

const calendar = new WorkingDays('FR', 'Europe/Paris');

/**
 * The first day from `days` days ahead that is a working day (planning a committee on a weekend
 * or a public holiday asks for a confirmation): how many days ahead it is.
 */
export function workingDaysAhead(days: number, from = Date.now()): number {
  let n = days;
  while (!calendar.isWorkingDay(new Date(from + n * 86_400_000))) n++;
  return n;
}
