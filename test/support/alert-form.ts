import type { Db } from '../../src/services/db.js';
import type { SlackUser } from '../../src/simulator/slack-requests.js';
import { ALERT_BLOCKS as A } from '../../src/slack/ids.js';
import type { StartedTestApp, TestApp, TestAppSetup } from './app.js';
import { makeCompany } from './factories.js';

/** A modal as the app opens it (views.open's view), ready for submitModal. */
export type OpenedModal = { callback_id: string; private_metadata: string; blocks: never[] };

/** `user` types /alerte-recrutement: the form the app opened. */
export async function openAlertModal(t: TestApp, user: SlackUser): Promise<OpenedModal> {
  await t.slack.command('/alerte-recrutement', '', user, { extra: { response_url: t.fake.responseUrl() } });
  return (await t.fake.waitFor('views.open')).args.view as OpenedModal;
}

/**
 * The answers of a complete alert form about `companyId`, by block: one position, a contact by
 * phone, consent to name the company. A test overrides what it reads back.
 */
export const alertAnswers = (companyId: string, overrides: Record<string, string | null> = {}) => ({
  [A.companyId]: companyId,
  [A.p1Title]: 'Stratifieur',
  [A.p1Count]: '3',
  [A.p1Contract]: 'interim',
  [A.p1Location]: 'Bourges',
  [A.urgency]: 'Montée en cadence.',
  [A.contactName]: 'Paul Girard',
  [A.contactPhone]: '0612345678',
  [A.consentToName]: 'oui',
  ...overrides,
});

/**
 * The people of a file about alerts' deadlines, for withTestApp: `capteur`, of the CCI du Cher,
 * raises alerts about a known company (its id once the seed ran, or once makeKnownCompany made it
 * again after a file emptied its tables); `coord` is paged; `admin` is told of a breach.
 */
export function deadlinePeople(people: { capteur: SlackUser; coord: SlackUser; admin: SlackUser }) {
  let companyId: string | undefined;
  /** The known company, made by the seed (and again by a file that empties its tables before each test). */
  const makeKnownCompany = async (db: Db) => {
    companyId = (await makeCompany(db, { name: 'Aéro Composites Centre', commune: 'Bourges' })).id;
  };
  const setup = {
    structures: { 'CCI du Cher': 'cci' },
    members: [
      { user: people.capteur, roles: ['capteur'], structure: 'CCI du Cher' },
      { user: people.coord, roles: ['coordinateur'] },
      { user: people.admin, roles: ['admin'] },
    ],
    seed: ({ db }: StartedTestApp) => makeKnownCompany(db.prisma),
  } satisfies TestAppSetup;
  return { setup, companyId: () => companyId!, makeKnownCompany };
}
