import { describe, expect, expectTypeOf, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { defineNotice, type NoticesFor } from '../../src/notifications/define.js';
import { createNotices } from '../../src/notifications/index.js';
import { createNotifier } from '../../src/notifier.js';
import type { Db } from '../../src/services/db.js';
import { ALERT_NOTICES, ALL_NOTICE_TYPES, NOTICES, PRIVACY_NOTICES } from '../../src/services/notices.js';
import { enqueue, type NoticeData, type NoticeInput } from '../../src/services/outbox.js';
import { contentRemovedMessage } from '../../src/views/messages/privacy.js';
import { TEST_ENGINE } from '../support/database.js';
import { captureLog } from '../support/log-capture.js';
import { withNotifierBench } from '../support/notifier-bench.js';

/**
 * Typed notices: each kind of owed message has a payload schema (src/services/notices.ts), which
 * the compiler holds the services to when they owe one, and the notifier holds stored rows to
 * when they are sent; every kind has its renderer (src/notifications/).
 */

const clock = () => ({ now: new Date('2026-06-01T08:00:00Z'), timeZone: 'Europe/Paris', today: '2026-06-01' });

describe('the payload of a notice type', () => {
  it('is what the schema says, for the service that owes it and the renderer that reads it', () => {
    expectTypeOf<NoticeInput<typeof ALERT_NOTICES.reminder>>().toEqualTypeOf<{ alertId: string; hours: number }>();
    expectTypeOf<NoticeData<typeof ALERT_NOTICES.page>>().toEqualTypeOf<{
      alertId: string;
      update?: boolean | undefined;
    }>();
    defineNotice(ALERT_NOTICES.reminder, {
      async render(_db, data) {
        expectTypeOf(data).toEqualTypeOf<{ alertId: string; hours: number }>();
        return null;
      },
    });
  });

  it('must be right to compile: a wrong payload is a type error (npm run typecheck)', () => {
    // Never called: the lines below are checked by the compiler, each must fail to compile.
    async function wrongPayloads(tx: Db) {
      const to = { dedupeKey: 'k', recipient: 'U1' };
      // @ts-expect-error the reminder's hours are required (no more « il y a 0 h »)
      await enqueue(tx, ALERT_NOTICES.reminder, { ...to, data: { alertId: 'a' } });
      // @ts-expect-error hours are a number
      await enqueue(tx, ALERT_NOTICES.reminder, { ...to, data: { alertId: 'a', hours: '24' } });
      // @ts-expect-error a field the kind does not have
      await enqueue(tx, ALERT_NOTICES.breach, { ...to, data: { alertId: 'a', hours: 24 } });
      // @ts-expect-error another kind's payload
      await enqueue(tx, PRIVACY_NOTICES.postedMessageRefresh, { ...to, data: { alertId: 'a' } });
      // @ts-expect-error a mode that does not exist
      await enqueue(tx, PRIVACY_NOTICES.postedMessageRefresh, { ...to, data: { postedMessageId: 'p', mode: 'purge' } });
      // @ts-expect-error the kind comes from the notice type, not the message
      await enqueue(tx, ALERT_NOTICES.breach, { ...to, kind: 'alert_page', data: { alertId: 'a' } });
      // Right: compiles.
      await enqueue(tx, ALERT_NOTICES.reminder, { ...to, data: { alertId: 'a', hours: 24 } });
    }
    expect(wrongPayloads).toBeTypeOf('function');
  });

  it('is checked again when it is owed: a wrong one throws before anything is written', async () => {
    const untouched = new Proxy({} as Db, {
      get: () => {
        throw new Error('the database was reached');
      },
    });
    const wrong = { dedupeKey: 'k', recipient: 'U1', data: { alertId: 'a' } } as never;
    await expect(enqueue(untouched, ALERT_NOTICES.reminder, wrong)).rejects.toThrow(/hours/);
  });
});

describe('the renderers (src/notifications/)', () => {
  it('cover every notice type of the catalogue, under its own kind, and no other kind', () => {
    const kinds = ALL_NOTICE_TYPES.map((t) => t.kind);
    expect(new Set(kinds).size, 'two notice types share a kind').toBe(kinds.length);
    expect(Object.keys(createNotices(clock)).sort()).toEqual([...kinds].sort());
  });

  it('must each be defined for their type to compile', () => {
    // Never called: checked by the compiler.
    function incomplete(): NoticesFor<typeof NOTICES.visit> {
      const confirmation = defineNotice(NOTICES.visit.confirmation, { render: async () => null });
      // @ts-expect-error the overlap notice has no renderer
      return { confirmation };
    }
    function misplaced(): NoticesFor<typeof NOTICES.visit> {
      const confirmation = defineNotice(NOTICES.visit.confirmation, { render: async () => null });
      // @ts-expect-error the confirmation's renderer under the overlap's name
      return { confirmation, overlap: confirmation };
    }
    expect([incomplete, misplaced]).toHaveLength(2);
  });
});

describe(`a stored payload its schema refuses (${TEST_ENGINE})`, () => {
  const { db, fake, client } = withNotifierBench();
  /** The database's clock sets nextAttemptAt: the notifier's starts just after it. */
  const now = () => new Date(Date.now() + 1000);

  it('fails the message for good at once, logged with its kind and the issues, never the payload’s values', async () => {
    // As a row written before the schema said hours are required (or by hand): no hours.
    await db.prisma.outboxMessage.create({
      data: {
        dedupeKey: 'alert_reminder:bad',
        kind: ALERT_NOTICES.reminder.kind,
        recipient: 'UCOORD1',
        data: { alertId: 'alert-id-not-to-be-logged', hours: 'vingt-quatre' },
      },
    });
    const log = captureLog();
    const logger = createLogger('info', log.stream);
    const notifier = createNotifier({ db: db.prisma, client, logger, now, notices: createNotices(clock) });
    await notifier.kick();
    // Later passes do not try it again.
    await notifier.kick();
    notifier.stop();

    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'alert_reminder:bad' } });
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(row.lastError).toContain('alert_reminder');
    expect(row.lastError).toContain('hours');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);

    const lines = log.records().filter((r) => r.msg === 'owed message payload invalid');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'alert_reminder', outboxId: row.id, attempts: 1 });
    expect(lines[0]!.issues).toEqual([expect.objectContaining({ path: 'hours', code: 'invalid_type' })]);
    const written = log.lines.join('\n');
    expect(written).not.toContain('alert-id-not-to-be-logged');
    expect(written).not.toContain('vingt-quatre');
    expect(row.lastError).not.toContain('vingt-quatre');
  });

  it('in a posted message to refresh: the message is not shown again, « Contenu retiré » takes its place', async () => {
    const posted = await db.prisma.postedMessage.create({
      data: { channel: 'CPARTNERS', ts: '1700000000.000001', kind: ALERT_NOTICES.news.kind, data: { alertId: 'x' } },
    });
    await enqueue(db.prisma, PRIVACY_NOTICES.postedMessageRefresh, {
      dedupeKey: 'refresh:bad',
      recipient: posted.channel,
      data: { postedMessageId: posted.id, mode: 'refresh' },
    });
    const notifier = createNotifier({
      db: db.prisma,
      client,
      logger: createLogger('silent'),
      now,
      notices: createNotices(clock),
    });
    await notifier.kick();
    notifier.stop();

    const updates = fake.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args).toMatchObject({
      channel: posted.channel,
      ts: posted.ts,
      text: contentRemovedMessage('refresh').text,
    });
    expect((await db.prisma.postedMessage.findUniqueOrThrow({ where: { id: posted.id } })).redactedAt).not.toBeNull();
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'refresh:bad' } })).toMatchObject({
      status: 'sent',
    });
  });
});
