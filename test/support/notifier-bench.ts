import { WebClient, type WebClientOptions } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { lateFields } from './late-bound.js';

export interface NotifierBench {
  db: TestDatabase;
  fake: FakeSlack;
  /** A Web API client on the fake, which never retries by itself (the outbox does). */
  client: WebClient;
}

/**
 * What a test file needs to drive the notifier by hand, without the app: a database, a fake
 * Slack and a client on it, created before the file's tests and closed after them; before each
 * test, the fake's record and every owed message are cleared.
 */
export function withNotifierBench(clientOptions: WebClientOptions = {}): NotifierBench {
  let bench: NotifierBench | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase();
    const fake = await startFakeSlack();
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, ...clientOptions });
    bench = { db, fake, client };
  });
  afterAll(async () => {
    await bench?.fake.close();
    await bench?.db.close();
  });
  beforeEach(async () => {
    bench?.fake.reset();
    await bench?.db.prisma.outboxMessage.deleteMany();
  });
  return lateFields('withNotifierBench', ['db', 'fake', 'client'], () => bench);
}
