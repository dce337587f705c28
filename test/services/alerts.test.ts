import { beforeEach, describe, expect, it } from 'vitest';
import { type AlertForm, type AlertReport, parseAlertReport } from '../../src/services/alerts/alert-report.js';
import { type AlertSettings, moveAlert, type MovePayload, raiseAlert } from '../../src/services/alerts/alerts.js';
import type { Db } from '../../src/services/db.js';
import { UserError } from '../../src/services/errors.js';
import type { Actor } from '../../src/services/permissions.js';
import { resetTables } from '../support/reset.js';
import { TEST_ENGINE, withAnotherClient } from '../support/database.js';
import { withTestDatabase } from '../support/file-database.js';
import { NEW_COMPANY } from '../support/form-parsing.js';
import { interleaveAfterRead } from '../support/interleave.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';

const { db } = withTestDatabase();
const settings: AlertSettings = { deadlineHours: 48, timeZone: 'Europe/Paris', partnersChannelId: 'CPARTNERS' };
/** When the alerts are raised; moves happen some hours later. */
const T0 = new Date('2026-11-27T09:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

let capteur: Actor;
let coord1: Actor;
let coord2: Actor;
let admin: Actor;
let companyId: string;

/** A valid alert form about the known company. */
function alertForm(overrides: Partial<AlertForm> = {}): AlertForm {
  return {
    submissionKey: 'alert-1',
    companyId,
    p1Title: 'Soudeur TIG',
    p1Count: '3',
    p1Contract: 'cdi',
    p1Start: '2026-12-07',
    p1Location: 'Vierzon',
    p2Title: 'Cariste',
    p2Count: '1',
    p2Contract: 'interim',
    p2Location: 'Bourges',
    urgency: 'Commande exceptionnelle à livrer en janvier.',
    contactName: 'Claire Martin',
    contactPhone: '06 12 34 56 78',
    consentToName: 'oui',
    ...overrides,
  };
}

function report(overrides: Partial<AlertForm> = {}): AlertReport {
  const parsed = parseAlertReport(alertForm(overrides), '2026-11-27');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.report;
}

const raise = (submissionKey = 'alert-1', now = T0, client: Db = db.prisma, overrides: Partial<AlertForm> = {}) =>
  raiseAlert(client, capteur, report({ submissionKey, ...overrides }), now, settings);

const move = (
  actor: Actor,
  alertId: string,
  payload: MovePayload,
  now: Date,
  s: AlertSettings = settings,
  client: Db = db.prisma,
) => moveAlert(client, actor, alertId, payload, now, s);

const OFFER = {
  reference: '123456X',
  contactName: 'Paul Durand',
  contactEmail: 'paul.durand@francetravail.fr',
  url: 'https://candidat.francetravail.fr/offres/123456X',
};

/** Dedupe keys of every owed message. */
async function outboxKeys(): Promise<string[]> {
  return (await db.prisma.outboxMessage.findMany({ select: { dedupeKey: true } })).map((m) => m.dedupeKey).sort();
}

/** Runs `fn` and returns the dedupe keys of the messages it owed. */
async function owedBy(fn: () => Promise<unknown>): Promise<string[]> {
  const before = new Set(await outboxKeys());
  await fn();
  return (await outboxKeys()).filter((k) => !before.has(k)).sort();
}

/** What a refused move must leave untouched. */
async function snapshot(alertId: string) {
  return {
    alert: await db.prisma.recruitmentAlert.findUnique({ where: { id: alertId } }),
    transitions: await db.prisma.alertTransition.count(),
    outbox: await db.prisma.outboxMessage.count(),
    messages: await db.prisma.alertMessage.count(),
    audit: await db.prisma.auditEvent.count(),
  };
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

beforeEach(async () => {
  await resetTables(db.prisma);
  const structure = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  capteur = await makeMember(db.prisma, 'UCAPTEUR', ['capteur'], structure.id);
  coord1 = await makeMember(db.prisma, 'UCOORD1', ['coordinateur']);
  coord2 = await makeMember(db.prisma, 'UCOORD2', ['coordinateur']);
  admin = await makeMember(db.prisma, 'UADMIN', ['admin']);
  companyId = (await makeCompany(db.prisma, { name: 'Mécanique du Val' })).id;
});

describe('raiseAlert', () => {
  it('stores the alert, its positions, its first transition and audit event, and owes the pages and the acknowledgement', async () => {
    const raised = await raise();
    expect(raised).toMatchObject({ reference: 'ALR-2026-0001', created: true });
    expect(raised.deadlineAt.toISOString()).toBe('2026-11-29T09:00:00.000Z');

    const alert = await db.prisma.recruitmentAlert.findUniqueOrThrow({
      where: { id: raised.alertId },
      include: { positions: { orderBy: { rank: 'asc' } }, transitions: true },
    });
    expect(alert).toMatchObject({
      reference: 'ALR-2026-0001',
      submissionKey: 'alert-1',
      companyId,
      capteurId: capteur.memberId,
      structureId: capteur.structureId,
      state: 'signalee',
      coordinatorId: null,
      lateAt: null,
      urgency: 'Commande exceptionnelle à livrer en janvier.',
      contactName: 'Claire Martin',
      contactPhone: '0612345678',
      contactEmail: null,
      consentToName: true,
    });
    expect(alert.raisedAt.toISOString()).toBe(T0.toISOString());
    expect(alert.deadlineAt.getTime()).toBe(T0.getTime() + 48 * 3_600_000);
    expect(
      alert.positions.map(({ rank, jobTitle, count, contractType, startDate, location }) => ({
        rank,
        jobTitle,
        count,
        contractType,
        startDate,
        location,
      })),
    ).toEqual([
      {
        rank: 1,
        jobTitle: 'Soudeur TIG',
        count: 3,
        contractType: 'cdi',
        startDate: new Date('2026-12-07T00:00:00Z'),
        location: 'Vierzon',
      },
      { rank: 2, jobTitle: 'Cariste', count: 1, contractType: 'interim', startDate: null, location: 'Bourges' },
    ]);
    expect(alert.transitions).toHaveLength(1);
    const [transition] = alert.transitions;
    expect(transition).toMatchObject({ from: null, to: 'signalee', actorId: capteur.memberId });
    expect(transition!.at.toISOString()).toBe(T0.toISOString());

    const audits = await db.prisma.auditEvent.findMany({ where: { entity: 'RecruitmentAlert' } });
    expect(audits).toEqual([
      expect.objectContaining({
        actorSlackId: 'UCAPTEUR',
        action: 'alert.raise',
        entityId: raised.alertId,
        details: { reference: 'ALR-2026-0001' },
      }),
    ]);

    // One page per coordinator (shown in place, so remembered without channel/ts yet) and the capteur's news.
    const outbox = await db.prisma.outboxMessage.findMany({ orderBy: { dedupeKey: 'asc' } });
    expect(
      outbox.map(({ dedupeKey, kind, recipient, data, status }) => ({ dedupeKey, kind, recipient, data, status })),
    ).toEqual([
      {
        dedupeKey: `alert_news:${transition!.id}:UCAPTEUR`,
        kind: 'alert_news',
        recipient: 'UCAPTEUR',
        data: { alertId: raised.alertId, transitionId: transition!.id },
        status: 'pending',
      },
      {
        dedupeKey: `alert_page:${raised.alertId}:UCOORD1`,
        kind: 'alert_page',
        recipient: 'UCOORD1',
        data: { alertId: raised.alertId },
        status: 'pending',
      },
      {
        dedupeKey: `alert_page:${raised.alertId}:UCOORD2`,
        kind: 'alert_page',
        recipient: 'UCOORD2',
        data: { alertId: raised.alertId },
        status: 'pending',
      },
    ]);
    const shown = await db.prisma.alertMessage.findMany({ orderBy: { recipient: 'asc' } });
    expect(shown).toEqual([
      { alertId: raised.alertId, kind: 'alert_page', recipient: 'UCOORD1', channel: null, ts: null },
      { alertId: raised.alertId, kind: 'alert_page', recipient: 'UCOORD2', channel: null, ts: null },
    ]);

    const next = await raise('alert-2', at(1));
    expect(next).toMatchObject({ reference: 'ALR-2026-0002', created: true });
  });

  it('numbers alerts in the year of Paris, not of UTC', async () => {
    // 23:59 in Paris on 31 December 2026.
    expect((await raise('alert-dec', new Date('2026-12-31T22:59:00Z'))).reference).toBe('ALR-2026-0001');
    // 00:30 in Paris on 1 January 2027, still 2026 in UTC: a new year, a new count.
    expect((await raise('alert-jan', new Date('2026-12-31T23:30:00Z'))).reference).toBe('ALR-2027-0001');
    expect((await raise('alert-jan-2', new Date('2027-01-02T10:00:00Z'))).reference).toBe('ALR-2027-0002');
  });

  it('numbers past the 9,999th alert of a year without cutting the number', async () => {
    await db.prisma.alertCounter.create({ data: { year: 2026, last: 9_999 } });
    expect((await raise('alert-10000', at(1))).reference).toBe('ALR-2026-10000');
  });

  it('pages the administrators when no coordinator is registered', async () => {
    await db.prisma.member.update({ where: { id: coord1.memberId }, data: { active: false } });
    await db.prisma.member.delete({ where: { id: coord2.memberId } });
    const raised = await raise();
    const pages = await db.prisma.outboxMessage.findMany({ where: { kind: 'alert_page' } });
    expect(pages.map((p) => [p.recipient, p.dedupeKey])).toEqual([['UADMIN', `alert_page:${raised.alertId}:UADMIN`]]);
    expect(await db.prisma.alertMessage.findMany({ select: { recipient: true } })).toEqual([{ recipient: 'UADMIN' }]);
  });

  it('stores a submission sent twice once, and owes its messages once', async () => {
    const first = await raise('alert-twice');
    const keys = await outboxKeys();
    const again = await raise('alert-twice', at(0.01));
    expect(again).toEqual({ ...first, created: false });
    expect(await db.prisma.recruitmentAlert.count()).toBe(1);
    expect(await db.prisma.alertTransition.count()).toBe(1);
    expect(await outboxKeys()).toEqual(keys);
    // The replay did not use a number.
    expect((await raise('alert-other', at(1))).reference).toBe('ALR-2026-0002');
  });

  it(`stores a submission delivered twice at the same time once (${TEST_ENGINE})`, async () => {
    const results = await withAnotherClient(db, (other) =>
      Promise.all([raise('alert-race'), raise('alert-race', T0, other)]),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]!.alertId).toBe(results[1]!.alertId);
    expect(results[0]!.reference).toBe('ALR-2026-0001');
    expect(results[1]!.reference).toBe('ALR-2026-0001');
    expect(await db.prisma.recruitmentAlert.count()).toBe(1);
    expect(await db.prisma.alertTransition.count()).toBe(1);
    expect(await db.prisma.alertPosition.count()).toBe(2);
    expect(await db.prisma.outboxMessage.count()).toBe(3);
    expect(await db.prisma.alertMessage.count()).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { action: 'alert.raise' } })).toBe(1);
    // The delivery that lost the race left no gap in the numbering.
    expect((await raise('alert-after-race', at(1))).reference).toBe('ALR-2026-0002');
  });

  /** A client whose first look for an already saved submission finds nothing, as if it ran just before the other delivery saved it. */
  function lateCheck(): Db {
    let skipped = false;
    return db.prisma.$extends({
      query: {
        recruitmentAlert: {
          async findUnique({ args, query }) {
            if (!skipped) {
              skipped = true;
              return null;
            }
            return query(args);
          },
        },
      },
    }) as unknown as Db;
  }

  it('returns the saved alert to a replay whose duplicate check ran before the first delivery was saved', async () => {
    const first = await raise('alert-late');
    const again = await raiseAlert(lateCheck(), capteur, report({ submissionKey: 'alert-late' }), at(0.01), settings);
    expect(again).toEqual({ ...first, created: false });
    expect(await db.prisma.recruitmentAlert.count()).toBe(1);
    expect(await db.prisma.outboxMessage.count()).toBe(3);
  });

  it('returns the saved alert to such a replay when the form describes a new company', async () => {
    const newCompany = {
      companyId: undefined,
      newName: 'Chaudronnerie Berrichonne',
      newNaf: '25.62B',
      newHeadcountBand: '11',
      newCommune: 'Bourges',
    };
    const first = await raise('alert-late-new', T0, db.prisma, newCompany);
    // The replay would otherwise find its own company already created and refuse it as a duplicate.
    const again = await raiseAlert(
      lateCheck(),
      capteur,
      report({ submissionKey: 'alert-late-new', ...newCompany }),
      at(0.01),
      settings,
    );
    expect(again).toEqual({ ...first, created: false });
    expect(await db.prisma.recruitmentAlert.count()).toBe(1);
    expect(await db.prisma.company.count({ where: { name: 'Chaudronnerie Berrichonne' } })).toBe(1);
  });

  it('creates the new company described in the form', async () => {
    const raised = await raise('alert-new-company', T0, db.prisma, NEW_COMPANY);
    const alert = await db.prisma.recruitmentAlert.findUniqueOrThrow({
      where: { id: raised.alertId },
      include: { company: true },
    });
    expect(alert.company).toMatchObject({
      name: 'Chaudronnerie Berrichonne',
      nafCode: '25.62B',
      headcountBand: '11',
      commune: 'Bourges',
      postalCode: '18000',
      createdById: capteur.memberId,
    });
    expect(await db.prisma.company.count()).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { action: 'company.create', entityId: alert.companyId } })).toBe(
      1,
    );
  });

  it('writes nothing, and uses no number, when the company cannot be resolved', async () => {
    await expect(
      raise('alert-bad-company', T0, db.prisma, { companyId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({
      name: 'ValidationFailed',
      errors: [{ field: 'companyId', code: 'company_unknown' }],
    });
    expect(await db.prisma.recruitmentAlert.count()).toBe(0);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
    expect((await raise('alert-good', at(1))).reference).toBe('ALR-2026-0001');
  });

  it(`gives different submissions raised at the same time distinct references (${TEST_ENGINE})`, async () => {
    const results = await withAnotherClient(db, (other) =>
      Promise.all(Array.from({ length: 6 }, (_, i) => raise(`alert-burst-${i}`, T0, i % 2 === 0 ? db.prisma : other))),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.reference).sort()).toEqual(
      ['0001', '0002', '0003', '0004', '0005', '0006'].map((n) => `ALR-2026-${n}`),
    );
    expect(await db.prisma.alertCounter.findUnique({ where: { year: 2026 } })).toEqual({ year: 2026, last: 6 });
  });
});

describe('moveAlert', () => {
  /** What every transition owes: one update per message showing the alert, and news to the capteur. */
  const updates = (alertId: string, transitionId: string, shown: [kind: string, recipient: string][]) => [
    ...shown.map(([kind, recipient]) => `${kind}:${alertId}:${recipient}:${transitionId}`),
    `alert_news:${transitionId}:UCAPTEUR`,
  ];
  const PAGES: [string, string][] = [
    ['alert_page', 'UCOORD1'],
    ['alert_page', 'UCOORD2'],
  ];

  it('takes an alert through its whole life, recording who did each step and when, and owing the updates', async () => {
    const { alertId } = await raise();
    const step = async (actor: Actor, payload: MovePayload, hours: number) => {
      let moved!: Awaited<ReturnType<typeof moveAlert>>;
      const owed = await owedBy(async () => {
        moved = await move(actor, alertId, payload, at(hours));
      });
      return { moved, owed };
    };

    const taken = await step(coord1, { action: 'prendre_en_charge' }, 1);
    expect(taken.moved).toMatchObject({ alertId, from: 'signalee', to: 'prise_en_charge' });
    expect(taken.moved.franceTravailInSlack).toBeUndefined();
    expect(taken.owed).toEqual(updates(alertId, taken.moved.transitionId, PAGES).sort());
    expect(
      await db.prisma.recruitmentAlert.findUnique({
        where: { id: alertId },
        select: { state: true, coordinatorId: true },
      }),
    ).toEqual({
      state: 'prise_en_charge',
      coordinatorId: coord1.memberId,
    });

    // Transmitted by the other coordinator: the alert stays with the one who took it.
    const sent = await step(coord2, { action: 'transmettre' }, 2);
    expect(sent.moved).toMatchObject({ from: 'prise_en_charge', to: 'transmise', franceTravailInSlack: false });
    expect(sent.owed).toEqual(updates(alertId, sent.moved.transitionId, PAGES).sort());
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).coordinatorId).toBe(
      coord1.memberId,
    );

    const offer = await step(coord1, { action: 'enregistrer_offre', offer: OFFER }, 3);
    expect(offer.moved).toMatchObject({ from: 'transmise', to: 'offre_enregistree' });
    // Recorded by a coordinator: no extra news to the coordinators.
    expect(offer.owed).toEqual(updates(alertId, offer.moved.transitionId, PAGES).sort());
    expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
      offerReference: '123456X',
      offerContactName: 'Paul Durand',
      offerContactEmail: 'paul.durand@francetravail.fr',
      offerContactPhone: null,
      offerUrl: 'https://candidat.francetravail.fr/offres/123456X',
    });

    const diffused = await step(coord1, { action: 'diffuser' }, 4);
    expect(diffused.moved).toMatchObject({ from: 'offre_enregistree', to: 'diffusee' });
    expect(diffused.owed).toEqual(
      [...updates(alertId, diffused.moved.transitionId, PAGES), `alert_diffusion:${alertId}`].sort(),
    );
    expect(
      await db.prisma.outboxMessage.findUnique({
        where: { dedupeKey: `alert_diffusion:${alertId}` },
        select: { kind: true, recipient: true, data: true },
      }),
    ).toEqual({
      kind: 'alert_diffusion',
      recipient: 'CPARTNERS',
      data: { alertId },
    });

    const closed = await step(
      coord2,
      { action: 'clore', outcome: 'pourvue', note: 'Deux soudeurs recrutés via France Travail.' },
      5,
    );
    expect(closed.moved).toMatchObject({ from: 'diffusee', to: 'cloturee' });
    expect(closed.owed).toEqual(updates(alertId, closed.moved.transitionId, PAGES).sort());

    const alert = await db.prisma.recruitmentAlert.findUniqueOrThrow({
      where: { id: alertId },
      include: { transitions: { orderBy: { at: 'asc' } } },
    });
    expect(alert).toMatchObject({
      state: 'cloturee',
      outcome: 'pourvue',
      outcomeNote: 'Deux soudeurs recrutés via France Travail.',
      coordinatorId: coord1.memberId,
    });
    expect(
      alert.transitions.map((t) => ({
        from: t.from,
        to: t.to,
        actorId: t.actorId,
        at: t.at.toISOString(),
        note: t.note,
      })),
    ).toEqual([
      { from: null, to: 'signalee', actorId: capteur.memberId, at: at(0).toISOString(), note: null },
      { from: 'signalee', to: 'prise_en_charge', actorId: coord1.memberId, at: at(1).toISOString(), note: null },
      { from: 'prise_en_charge', to: 'transmise', actorId: coord2.memberId, at: at(2).toISOString(), note: null },
      { from: 'transmise', to: 'offre_enregistree', actorId: coord1.memberId, at: at(3).toISOString(), note: null },
      { from: 'offre_enregistree', to: 'diffusee', actorId: coord1.memberId, at: at(4).toISOString(), note: null },
      {
        from: 'diffusee',
        to: 'cloturee',
        actorId: coord2.memberId,
        at: at(5).toISOString(),
        note: 'Deux soudeurs recrutés via France Travail.',
      },
    ]);
    expect(alert.transitions.slice(1).map((t) => t.id)).toEqual(
      [taken, sent, offer, diffused, closed].map((s) => s.moved.transitionId),
    );

    const audits = await db.prisma.auditEvent.findMany({
      where: { entityId: alertId },
      orderBy: { at: 'asc' },
      select: { action: true, actorSlackId: true },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(
      [
        'alert.raise',
        'alert.prendre_en_charge',
        'alert.transmettre',
        'alert.enregistrer_offre',
        'alert.diffuser',
        'alert.clore',
      ].sort(),
    );
    // Every update is its own message, never merged with another transition's.
    const pageUpdates = await db.prisma.outboxMessage.findMany({ where: { kind: 'alert_page', recipient: 'UCOORD1' } });
    expect(pageUpdates).toHaveLength(6);
    expect(pageUpdates.filter((m) => (m.data as { update?: boolean }).update === true)).toHaveLength(5);
  });

  it('lets a coordinator transmit an alert nobody took, and makes it theirs', async () => {
    const { alertId } = await raise();
    const moved = await move(coord2, alertId, { action: 'transmettre' }, at(1));
    expect(moved).toMatchObject({ from: 'signalee', to: 'transmise', franceTravailInSlack: false });
    expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
      state: 'transmise',
      coordinatorId: coord2.memberId,
    });
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'alert_ft_request' } })).toBe(0);
  });

  it('lets a coordinator close an alert at once, with its outcome', async () => {
    const { alertId } = await raise();
    const moved = await move(
      coord1,
      alertId,
      { action: 'clore', outcome: 'annulee', note: "L'entreprise a recruté seule." },
      at(1),
    );
    expect(moved).toMatchObject({ from: 'signalee', to: 'cloturee' });
    expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
      state: 'cloturee',
      outcome: 'annulee',
      outcomeNote: "L'entreprise a recruté seule.",
    });
  });

  describe('with France Travail advisers in Slack', () => {
    let ft1: Actor;
    beforeEach(async () => {
      ft1 = await makeMember(db.prisma, 'UFT1', ['france_travail']);
      await makeMember(db.prisma, 'UFT2', ['france_travail']);
    });

    it('owes a request to each adviser on transmission, updated in place afterwards; an offer they record is news to the coordinators', async () => {
      const { alertId } = await raise();
      let moved!: Awaited<ReturnType<typeof moveAlert>>;
      const owed = await owedBy(async () => {
        moved = await move(coord1, alertId, { action: 'transmettre' }, at(1));
      });
      expect(moved.franceTravailInSlack).toBe(true);
      expect(owed).toEqual(
        [
          ...updates(alertId, moved.transitionId, PAGES),
          `alert_ft_request:${alertId}:UFT1`,
          `alert_ft_request:${alertId}:UFT2`,
        ].sort(),
      );
      expect(
        await db.prisma.alertMessage.findMany({ where: { kind: 'alert_ft_request' }, orderBy: { recipient: 'asc' } }),
      ).toEqual([
        { alertId, kind: 'alert_ft_request', recipient: 'UFT1', channel: null, ts: null },
        { alertId, kind: 'alert_ft_request', recipient: 'UFT2', channel: null, ts: null },
      ]);

      let recorded!: Awaited<ReturnType<typeof moveAlert>>;
      const owedByOffer = await owedBy(async () => {
        recorded = await move(
          ft1,
          alertId,
          {
            action: 'enregistrer_offre',
            offer: { reference: '987654Y', contactName: 'Nadia Benali', contactPhone: '0248000000' },
          },
          at(2),
        );
      });
      expect(recorded).toMatchObject({ from: 'transmise', to: 'offre_enregistree' });
      const tid = recorded.transitionId;
      expect(owedByOffer).toEqual(
        [
          ...updates(alertId, tid, [...PAGES, ['alert_ft_request', 'UFT1'], ['alert_ft_request', 'UFT2']]),
          `alert_news:${tid}:UCOORD1`,
          `alert_news:${tid}:UCOORD2`,
        ].sort(),
      );
      expect(await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({
        state: 'offre_enregistree',
        offerReference: '987654Y',
        offerContactName: 'Nadia Benali',
        offerContactPhone: '0248000000',
        offerContactEmail: null,
      });
      const transition = await db.prisma.alertTransition.findUniqueOrThrow({ where: { id: tid } });
      expect(transition.actorId).toBe(ft1.memberId);

      // France Travail records offers; diffusing them is the coordination's.
      const before = await snapshot(alertId);
      expect((await refusal(move(ft1, alertId, { action: 'diffuser' }, at(3)))).code).toBe('alert_forbidden');
      expect(await snapshot(alertId)).toEqual(before);
    });
  });

  it('refuses to diffuse without a partners channel, and changes nothing', async () => {
    const { alertId } = await raise();
    await move(coord1, alertId, { action: 'transmettre' }, at(1));
    await move(coord1, alertId, { action: 'enregistrer_offre', offer: OFFER }, at(2));
    const before = await snapshot(alertId);
    const error = await refusal(
      move(coord1, alertId, { action: 'diffuser' }, at(3), { ...settings, partnersChannelId: undefined }),
    );
    expect(error.code).toBe('partners_channel_missing');
    expect(await snapshot(alertId)).toEqual(before);
    expect(before.alert!.state).toBe('offre_enregistree');
  });

  describe('refusals change nothing', () => {
    it('a second transmission: alert_state, with the reference, the state and who moved it', async () => {
      const { alertId, reference } = await raise();
      await move(coord1, alertId, { action: 'transmettre' }, at(1));
      const before = await snapshot(alertId);
      const error = await refusal(move(coord2, alertId, { action: 'transmettre' }, at(2)));
      expect(error.code).toBe('alert_state');
      expect(error.params).toEqual({ reference, state: 'transmise', by: 'UCOORD1' });
      expect(await snapshot(alertId)).toEqual(before);
    });

    it('an offer on a closed alert: alert_state', async () => {
      const { alertId, reference } = await raise();
      await move(coord1, alertId, { action: 'clore', outcome: 'sans_suite', note: 'Injoignable.' }, at(1));
      const before = await snapshot(alertId);
      const error = await refusal(move(coord1, alertId, { action: 'enregistrer_offre', offer: OFFER }, at(2)));
      expect(error.code).toBe('alert_state');
      expect(error.params).toMatchObject({ reference, state: 'cloturee' });
      expect(await snapshot(alertId)).toEqual(before);
    });

    it.each<MovePayload>([
      { action: 'prendre_en_charge' },
      { action: 'transmettre' },
      { action: 'enregistrer_offre', offer: OFFER },
      { action: 'clore', outcome: 'annulee', note: 'x' },
    ])('a capteur cannot $action: alert_forbidden', async (payload) => {
      const { alertId } = await raise();
      const before = await snapshot(alertId);
      expect((await refusal(move(capteur, alertId, payload, at(1)))).code).toBe('alert_forbidden');
      expect(await snapshot(alertId)).toEqual(before);
    });

    it('an administrator without the coordinator role cannot move an alert', async () => {
      const { alertId } = await raise();
      const before = await snapshot(alertId);
      expect((await refusal(move(admin, alertId, { action: 'prendre_en_charge' }, at(1)))).code).toBe(
        'alert_forbidden',
      );
      expect(await snapshot(alertId)).toEqual(before);
    });

    it('an unknown alert: alert_unknown', async () => {
      await raise();
      const outbox = await db.prisma.outboxMessage.count();
      const error = await refusal(
        move(coord1, '00000000-0000-4000-8000-000000000000', { action: 'prendre_en_charge' }, at(1)),
      );
      expect(error.code).toBe('alert_unknown');
      expect(await db.prisma.outboxMessage.count()).toBe(outbox);
      expect(await db.prisma.alertTransition.count()).toBe(1);
    });

    it(`two coordinators taking the alert at the same time: one takes it, the other is told (${TEST_ENGINE})`, async () => {
      const { alertId, reference } = await raise();
      const results = await withAnotherClient(db, (other) =>
        Promise.allSettled([
          move(coord1, alertId, { action: 'prendre_en_charge' }, at(1)),
          move(coord2, alertId, { action: 'prendre_en_charge' }, at(1), settings, other),
        ]),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = results[0]!.status === 'fulfilled' ? coord1 : coord2;
      expect(lost[0]!.reason).toBeInstanceOf(UserError);
      expect(lost[0]!.reason).toMatchObject({
        code: 'alert_state',
        params: { reference, state: 'prise_en_charge', by: winner.slackUserId },
      });

      const alert = await db.prisma.recruitmentAlert.findUniqueOrThrow({
        where: { id: alertId },
        include: { transitions: true },
      });
      expect(alert.state).toBe('prise_en_charge');
      expect(alert.coordinatorId).toBe(winner.memberId);
      expect(alert.transitions).toHaveLength(2);
      // One transition's worth of updates: two pages and the capteur's news.
      expect(await db.prisma.outboxMessage.count()).toBe(3 + 3);
    });

    it.runIf(TEST_ENGINE === 'postgresql')(
      'a coordinator who read the alert just before another took it is told its state now and who took it',
      async () => {
        const { alertId, reference } = await raise();
        await withAnotherClient(db, async (other) => {
          // Between this coordinator's read and write, another instance takes the alert and commits.
          const slow = interleaveAfterRead(db.prisma, 'recruitmentAlert', 'findUnique', () =>
            moveAlert(other, coord2, alertId, { action: 'prendre_en_charge' }, at(1), settings),
          );
          const before = await snapshot(alertId);
          const error = await refusal(
            moveAlert(slow.client, coord1, alertId, { action: 'prendre_en_charge' }, at(1), settings),
          );
          expect(slow.happened()).toBe(true);
          expect(error.code).toBe('alert_state');
          expect(error.params).toEqual({ reference, state: 'prise_en_charge', by: 'UCOORD2' });
          const after = await snapshot(alertId);
          expect(after.transitions).toBe(before.transitions + 1);
          expect(after.alert!.coordinatorId).toBe(coord2.memberId);
        });
      },
    );
  });
});
