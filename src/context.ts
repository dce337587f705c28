import type { Logger } from 'pino';
import type { Db } from './services/db.js';
import type { Notifier } from './notifier.js';

/** What every listener and job is given: the database, the clock, the time zone, the notifier. */
export interface AppContext {
  db: Db;
  timeZone: string;
  now: () => Date;
  notifier: Notifier;
  logger: Logger;
}
