import type { TargetSettings } from './services/sirene/targets.js';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Db } from './services/db.js';
import type { ActionSettings } from './services/actions/actions.js';
import type { AlertSettings } from './services/alerts/alerts.js';
import type { CommitteeSettings } from './services/committees/committees.js';
import type { InformSettings } from './services/committees/informing.js';
import type { CommitteeRhythm } from './services/committees/rhythm.js';
import type { WorkingDays } from './working-days.js';
import type { RetentionSettings } from './services/privacy/retention.js';
import type { VisitSettings } from './services/visits/file-visit.js';
import type { DeadlineSettings } from './services/alerts/deadlines.js';
import type { ActorDirectory } from './services/members.js';
import type { Notifier } from './notifier.js';
import type { CoverageCriteria } from './services/sirene/coverage.js';

/** What every listener and job is given: the database, who is who, the clock, the time zone, the notifier. */
export interface AppContext {
  db: Db;
  /** Who is who (roles), for authorising every request. */
  actors: ActorDirectory;
  timeZone: string;
  /** Recruitment alerts: deadline, reminders, partners' channel, France Travail's address. */
  alerts: AlertSettings & DeadlineSettings & { franceTravailEmail?: string | undefined };
  /** Actions: the committee channel their messages go to. */
  actions: ActionSettings;
  /** Committee sessions: when their agenda is published, their default rhythm, the companies to inform. */
  committees: CommitteeSettings & {
    rhythm: CommitteeRhythm | null;
    channelId?: string | undefined;
    inform: InformSettings;
  };
  /** Visits: the window within which another structure's visit to the same company is pointed out. */
  visits: VisitSettings;
  /** Visit programmes: the day of the month structures behind their pace are nudged; how targets are proposed. */
  programmes: { nudgeDay: number; targets: TargetSettings };
  /** RGPD: how long contacts, free texts and export files are kept. */
  privacy: RetentionSettings;
  /** The steering committee: its channel for the quarterly indicators and the reports. */
  steering: { channelId?: string | undefined; coverage: CoverageCriteria };
  /** Monday to Friday without the public holidays of the platform's region. */
  workingDays: WorkingDays;
  now: () => Date;
  notifier: Notifier;
  /** The Web API client of owed deliveries (no retry of its own: the outbox and the jobs retry), for files. */
  delivery: WebClient;
  logger: Logger;
}
