import type { Logger } from 'pino';
import type { Db } from './services/db.js';
import type { ActorDirectory } from './services/members.js';
import type { Notifier } from './notifier.js';

/** What every listener and job is given: the database, who is who, the clock, the time zone, the notifier. */
export interface AppContext {
  db: Db;
  /** Who is who (roles), for authorising every request. */
  actors: ActorDirectory;
  timeZone: string;
  now: () => Date;
  notifier: Notifier;
  logger: Logger;
}
