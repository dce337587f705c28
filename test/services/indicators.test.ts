import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDICATORS, quarterPeriod } from '../../src/services/indicators/catalogue.js';
import {
  chooseIndicators,
  getIndicatorSets,
  oweQuarterlyIndicators,
  snapshotQuarter,
  type SnapshotValue,
} from '../../src/services/indicators/steering.js';
import type { Actor } from '../../src/services/permissions.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure, SIRETS } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * A known quarter (Q3 2026, July to September, Paris time) whose every indicator was worked out
 * by hand below, next to the data that makes it.
 */
const PARIS = 'Europe/Paris';
const Q3 = quarterPeriod(2026, 3, PARIS);
const { db } = withTestDatabase();
let coordinator: Actor;
let pilot: Actor;
let cciCapteur: Actor;
let cmaCapteur: Actor;
let cci: { id: string };
let cma: { id: string };
let c: { forges: string; porcelaines: string; aero: string; tannerie: string };

beforeAll(async () => {
  cci = await makeStructure(db.prisma, 'CCI', 'cci');
  cma = await makeStructure(db.prisma, 'CMA', 'cma');
  coordinator = await makeMember(db.prisma, 'UINDCOORD', ['coordinateur']);
  pilot = await makeMember(db.prisma, 'UINDPILOT', ['pilotage']);
  cciCapteur = await makeMember(db.prisma, 'UINDCCI', ['capteur'], cci.id);
  cmaCapteur = await makeMember(db.prisma, 'UINDCMA', ['capteur'], cma.id);
  c = {
    forges: (await makeCompany(db.prisma, { name: 'Forges', siret: SIRETS.mecanique })).id,
    porcelaines: (await makeCompany(db.prisma, { name: 'Porcelaines', siret: SIRETS.other })).id,
    aero: (await makeCompany(db.prisma, { name: 'Aéro' })).id,
    tannerie: (await makeCompany(db.prisma, { name: 'Tannerie' })).id,
  };
});
// Each test starts from the known quarter as made below, whatever ran before it: a test edits
// its data (to show a snapshot does not move), another chooses the indicators, another freezes.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole', 'Company'] });
  await makeTheKnownQuarter();
});

/** The programmes, visits, actions, alerts and committee of Q3 2026 the indicators are worked out from. */
async function makeTheKnownQuarter(): Promise<void> {
  // Programmes: CCI 4 a month with 3 targets (one a SIRET never seen), CMA 2 a month.
  await db.prisma.visitProgramme.create({
    data: {
      structureId: cci.id,
      year: 2026,
      monthlyTarget: 4,
      targets: { create: [{ companyId: c.forges }, { companyId: c.porcelaines }, { siret: SIRETS.unknownValid }] },
    },
  });
  await db.prisma.visitProgramme.create({ data: { structureId: cma.id, year: 2026, monthlyTarget: 2 } });

  // Visits: 5 in Q3 (CCI 4, CMA 1) on 3 companies; one before, one after.
  const forgesJuly = await makeVisit(db.prisma, cciCapteur, c.forges, {
    date: '2026-07-03',
    stakes: [
      { stake: 'recrutement', priority: 'haute' },
      { stake: 'export', priority: 'moyenne' },
    ],
  });
  await makeVisit(db.prisma, cciCapteur, c.aero, {
    date: '2026-07-20',
    stakes: [{ stake: 'numerique', priority: 'basse' }],
  });
  await makeVisit(db.prisma, cciCapteur, c.forges, {
    date: '2026-08-10',
    stakes: [{ stake: 'recrutement', priority: 'haute' }],
  });
  await makeVisit(db.prisma, cciCapteur, c.tannerie, {
    date: '2026-09-30',
    stakes: [{ stake: 'recrutement', priority: 'moyenne' }],
  });
  await makeVisit(db.prisma, cmaCapteur, c.aero, {
    date: '2026-08-15',
    stakes: [{ stake: 'transition_ecologique', priority: 'haute' }],
  });
  await makeVisit(db.prisma, cciCapteur, c.porcelaines, { date: '2026-06-30' });
  await makeVisit(db.prisma, cmaCapteur, c.porcelaines, { date: '2026-10-01' });

  // Actions, their creation (Paris days) and completion.
  const action = async (
    key: string,
    createdAt: string,
    status: 'a_faire' | 'en_cours' | 'bloquee' | 'realisee',
    due: string,
    doneAt?: string,
  ) => {
    const a = await db.prisma.action.create({
      data: {
        submissionKey: key,
        title: key,
        companyId: c.forges,
        ownerStructureId: cci.id,
        origin: 'ad_hoc',
        target: 'entreprise',
        dueDate: new Date(`${due}T00:00:00Z`),
        status,
        createdById: coordinator.memberId,
        createdAt: new Date(createdAt),
      },
    });
    if (doneAt)
      await db.prisma.actionUpdate.create({
        data: {
          actionId: a.id,
          actorId: coordinator.memberId,
          kind: 'statut',
          fromStatus: 'en_cours',
          toStatus: 'realisee',
          at: new Date(doneAt),
        },
      });
    return a;
  };
  await action('A1', '2026-07-01T10:00:00Z', 'realisee', '2026-07-31', '2026-07-11T10:00:00Z'); // Q3, done in 10 days
  await action('A2', '2026-08-01T10:00:00Z', 'realisee', '2026-08-31', '2026-10-02T10:00:00Z'); // Q3, done in Q4
  await action('A3', '2026-06-15T00:00:00Z', 'realisee', '2026-08-31', '2026-08-15T00:00:00Z'); // Q2, done in Q3 after 61 days
  await action('A4', '2026-09-30T22:30:00Z', 'a_faire', '2026-09-01'); // 1 October 00:30 in Paris: Q4
  await action('A5', '2026-06-30T22:30:00Z', 'a_faire', '2026-09-15'); // 1 July 00:30 in Paris: Q3, late
  await action('A6', '2026-07-05T10:00:00Z', 'en_cours', '2026-09-30'); // late by 1 October
  await action('A7', '2026-07-06T10:00:00Z', 'bloquee', '2026-12-01'); // not due yet

  // Alerts: four raised in Q3; one in Q2 diffused in Q3.
  let n = 0;
  const alert = async (
    raisedAt: string,
    state: 'transmise' | 'diffusee' | 'cloturee' | 'signalee',
    moves: [string, 'transmise' | 'diffusee'][],
    late = false,
    visitId: string | null = null,
  ) => {
    const raised = new Date(raisedAt);
    const a = await db.prisma.recruitmentAlert.create({
      data: {
        reference: `ALR-2026-${String(++n).padStart(4, '0')}`,
        submissionKey: `alert-${n}`,
        companyId: c.forges,
        capteurId: cciCapteur.memberId,
        urgency: 'Soudeurs',
        contactName: 'M. Martin',
        consentToName: true,
        state,
        raisedAt: raised,
        deadlineAt: new Date(raised.getTime() + 48 * 3_600_000),
        lateAt: late ? new Date(raised.getTime() + 48 * 3_600_000) : null,
        visitId,
      },
    });
    for (const [at, to] of moves)
      await db.prisma.alertTransition.create({ data: { alertId: a.id, to, at: new Date(at) } });
  };
  await alert(
    '2026-07-02T08:00:00Z',
    'diffusee',
    [
      ['2026-07-03T08:00:00Z', 'transmise'],
      ['2026-07-05T08:00:00Z', 'diffusee'],
    ],
    false,
    forgesJuly.id,
  ); // 24 h: in time; raised from the Forges visit
  await alert('2026-08-01T08:00:00Z', 'transmise', [['2026-08-04T08:00:00Z', 'transmise']], true); // 72 h: late
  await alert('2026-09-10T08:00:00Z', 'signalee', [], true); // never transmitted, late
  await alert('2026-09-20T08:00:00Z', 'cloturee', []); // closed early: neither
  await alert('2026-06-20T08:00:00Z', 'diffusee', [
    ['2026-06-21T08:00:00Z', 'transmise'],
    ['2026-07-10T08:00:00Z', 'diffusee'],
  ]);

  // A committee closed on 20 September: 3 items decided upon, 2 informed; one not examined.
  const committee = await db.prisma.committee.create({
    data: {
      scheduledAt: new Date('2026-09-18T12:00:00Z'),
      channelId: 'CCOM',
      status: 'closed',
      closedAt: new Date('2026-09-20T10:00:00Z'),
    },
  });
  await db.prisma.agendaItem.create({
    data: {
      committeeId: committee.id,
      companyId: c.forges,
      rank: 1,
      decision: 'POE',
      informedAt: new Date('2026-09-25T00:00:00Z'),
    },
  });
  await db.prisma.agendaItem.create({
    data: { committeeId: committee.id, companyId: c.porcelaines, rank: 2, noFollowUp: true },
  });
  await db.prisma.agendaItem.create({ data: { committeeId: committee.id, companyId: c.aero, rank: 3 } });
  const withAction = await db.prisma.agendaItem.create({
    data: { committeeId: committee.id, companyId: c.tannerie, rank: 4, informedAt: new Date('2026-09-28T00:00:00Z') },
  });
  await db.prisma.action.update({ where: { submissionKey: 'A7' }, data: { agendaItemId: withAction.id } });
}

/** `actor` chooses 2026's indicators at the instant `at`, the platform in Paris. */
const choose = (actor: Actor, at: string, choices: { key: string; target: number }[]) =>
  chooseIndicators(db.prisma, actor, 2026, choices, new Date(at), PARIS);

/** 2026's indicators as the coordination chose them: visits, alerts within 48 h, median action time. */
async function choose2026Indicators(): Promise<void> {
  await choose(coordinator, '2025-12-01T09:00:00Z', [
    { key: 'visites', target: 4 },
    { key: 'alertes_48h', target: 90 },
    { key: 'delai_median_actions', target: 30 },
  ]);
}

describe('the indicators of a known quarter', () => {
  it('are the values worked out by hand', async () => {
    const values: Record<string, unknown> = {};
    for (const indicator of INDICATORS) values[indicator.key] = await indicator.compute(db.prisma, Q3);
    expect(values).toEqual({
      visites: { value: 5 },
      entreprises_visitees: { value: 3 },
      // 5 visits by structures with a programme / ((4 + 2) × 3 months) = 27.8 %
      // (CCI 4 / (4 × 3) = 33.3 %, CMA 1 / (2 × 3) = 16.7 %)
      realisation_programmes: { value: 27.8, breakdown: { CCI: 33.3, CMA: 16.7 } },
      // Forges (July) and Porcelaines (30 June, since January) of 3 targets
      couverture_cibles: { value: 66.7 },
      // visits with a high-priority stake: 3 July, 10 and 15 August
      repartition_enjeux: {
        value: 3,
        breakdown: { Recrutement: 3, Export: 1, Numérique: 1, 'Transition écologique': 1 },
      },
      // A1, A2, A5 (1 July 00:30 in Paris), A6 and A7; not A3 (June) nor A4 (1 October in Paris)
      actions_creees: { value: 5 },
      // A1 and A3 done in Q3
      actions_realisees: { value: 2 },
      // A5 (due 15 September) and A6 (due 30 September), open
      actions_en_retard: { value: 2 },
      // median of 10 and 61 days
      delai_median_actions: { value: 35.5 },
      alertes_signalees: { value: 4 },
      // the July alert raised from the Forges visit, of the 4 raised in Q3
      alertes_depuis_visite: { value: 25 },
      // of the 3 transmitted or late, 1 within 48 h
      alertes_48h: { value: 33.3 },
      // median of 24 h and 72 h
      delai_median_transmission: { value: 48 },
      // the July alert, and the June one diffused on 10 July
      offres_diffusees: { value: 2 },
      // 2 informed of the 3 decided upon
      entreprises_informees: { value: 66.7 },
      // no SIRENE reference imported: nothing to divide by (test/services/sirene-coverage.test.ts covers it)
      couverture_tissu_industriel: { value: null, breakdown: {} },
    });
  });
});

describe('the steering committee’s indicators', () => {
  it('are chosen by the coordination, replaced before the year starts, versioned after', async () => {
    await expect(choose(pilot, '2025-12-01T09:00:00Z', [{ key: 'visites', target: 300 }])).rejects.toMatchObject({
      code: 'indicators_forbidden',
    });
    await expect(
      choose(coordinator, '2025-12-01T09:00:00Z', [
        { key: 'alertes_48h', target: 120 },
        { key: 'inconnu', target: 1 },
      ]),
    ).rejects.toMatchObject({
      errors: [
        { field: 'alertes_48h', code: 'indicator_target' },
        { field: 'inconnu', code: 'indicator_unknown' },
      ],
    });
    expect(await choose(coordinator, '2025-12-01T09:00:00Z', [{ key: 'visites', target: 300 }])).toEqual({
      version: 1,
      newVersion: true,
    });
    // Still December: the choice is replaced.
    expect(
      await choose(coordinator, '2025-12-31T22:59:00Z', [
        { key: 'visites', target: 20 },
        { key: 'alertes_48h', target: 90 },
      ]),
    ).toEqual({ version: 1, newVersion: false });
    // 1 January 00:30 in Paris: fixed; a change is version 2, and version 1 stays.
    expect(
      await choose(coordinator, '2025-12-31T23:30:00Z', [
        { key: 'visites', target: 4 },
        { key: 'alertes_48h', target: 90 },
        { key: 'delai_median_actions', target: 30 },
      ]),
    ).toEqual({ version: 2, newVersion: true });
    // The same choice submitted again (a Slack retry): no version 3.
    expect(
      await choose(coordinator, '2026-01-02T09:00:00Z', [
        { key: 'delai_median_actions', target: 30 },
        { key: 'visites', target: 4 },
        { key: 'alertes_48h', target: 90 },
      ]),
    ).toEqual({ version: 2, newVersion: false });
    const sets = await getIndicatorSets(db.prisma, 2026);
    expect(sets.map((s) => [s.version, s.choices.map((c) => `${c.key}:${c.target}`).sort()])).toEqual([
      [2, ['alertes_48h:90', 'delai_median_actions:30', 'visites:4']],
      [1, ['alertes_48h:90', 'visites:20']],
    ]);
  });

  it('are frozen each quarter: a snapshot of the chosen ones stays identical after the data is edited', async () => {
    await choose2026Indicators();
    await expect(snapshotQuarter(db.prisma, 2026, 4, new Date('2026-10-05T08:00:00Z'), PARIS)).rejects.toMatchObject({
      code: 'quarter_not_over',
    });
    const { snapshot, created } = await snapshotQuarter(db.prisma, 2026, 3, new Date('2026-10-05T08:00:00Z'), PARIS);
    expect(created).toBe(true);
    const values = snapshot.values as unknown as SnapshotValue[];
    expect(values.map((v) => [v.key, v.value, v.target])).toEqual([
      ['visites', 5, 4],
      ['alertes_48h', 33.3, 90],
      ['delai_median_actions', 35.5, 30],
    ]);
    // The data changes afterwards: a visit moved into the quarter, an action's history deleted.
    await db.prisma.visit.updateMany({
      where: { visitDate: new Date('2026-10-01T00:00:00Z') },
      data: { visitDate: new Date('2026-09-29T00:00:00Z') },
    });
    await db.prisma.actionUpdate.deleteMany({ where: { action: { submissionKey: 'A3' } } });
    expect((await INDICATORS[0]!.compute(db.prisma, Q3)).value).toBe(6);
    const again = await snapshotQuarter(db.prisma, 2026, 3, new Date('2026-11-05T08:00:00Z'), PARIS);
    expect(again.created).toBe(false);
    expect(again.snapshot.values).toEqual(snapshot.values);
    expect(again.snapshot.computedAt).toEqual(snapshot.computedAt);
  });

  it('are frozen by the quarterly job once, and posted to the steering channel', async () => {
    await choose2026Indicators();
    // 2 January 2027: Q4 2026 frozen with every indicator of 2026's latest version; once.
    const first = await oweQuarterlyIndicators(db.prisma, new Date('2027-01-04T08:00:00Z'), {
      timeZone: PARIS,
      channelId: 'CPILOTAGE',
    });
    expect(first).toEqual({ year: 2026, quarter: 4 });
    expect(
      await oweQuarterlyIndicators(db.prisma, new Date('2027-01-05T08:00:00Z'), {
        timeZone: PARIS,
        channelId: 'CPILOTAGE',
      }),
    ).toBeNull();
    const owed = await db.prisma.outboxMessage.findMany({ where: { kind: 'indicators_snapshot' } });
    expect(owed.map((o) => [o.recipient, o.data])).toEqual([['CPILOTAGE', { year: 2026, quarter: 4 }]]);
    // Without chosen indicators (2027 has none yet), a quarter is frozen with the whole catalogue.
    const { snapshot } = await snapshotQuarter(db.prisma, 2027, 1, new Date('2027-04-01T08:00:00Z'), PARIS);
    expect((snapshot.values as unknown as SnapshotValue[]).map((v) => v.key)).toEqual(INDICATORS.map((i) => i.key));
  });
});
