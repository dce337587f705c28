import { describe, expect, it } from 'vitest';
import type { View } from '@slack/types';
import { COMMANDS } from '../../src/slack/ids.js';
import { withTestApp } from '../support/app.js';
import { TEST_ENGINE } from '../support/database.js';
import { makeCompany } from '../support/factories.js';
import { countRows, runFuzz, type FuzzWorld } from '../support/fuzz.js';

/**
 * DESIGN §6 « No input ends the process », measured: thousands of signed requests built from the
 * app's real ids and modals, mutated (fuzz.ts). Every one is answered in time without a 5xx, the
 * app stays up, nothing is left half-written, no « not acknowledged » is logged, and a normal
 * /visite works afterwards. FUZZ_SEED / FUZZ_N reproduce or widen a run; `npm run fuzz` goes longer.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const N = Number(process.env.FUZZ_N ?? 2_000);
const capteur = { id: 'UFUZZCAPT', name: 'capteur' };
const coordinator = { id: 'UFUZZCOORD', name: 'coordination' };
const stranger = { id: 'UFUZZNOBODY', name: 'inconnu' };
let world: FuzzWorld;

const { t, db } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: coordinator, roles: ['coordinateur', 'comite'], structure: 'CCI du Cher' },
  ],
  async seed({ t, db, structures }) {
    const company = await makeCompany(db.prisma, { name: 'Mécanique du Val', siret: '73282932000074' });
    // The real modals, as the app opens them.
    const modals: View[] = [];
    for (const command of [COMMANDS.visite, COMMANDS.alerteRecrutement]) {
      t.fake.reset();
      await t.slack.command(command, '', capteur, { extra: { response_url: t.fake.responseUrl() } });
      modals.push((await t.fake.waitFor('views.open')).args.view as unknown as View);
    }
    world = {
      slack: t.slack,
      users: [capteur, coordinator, stranger],
      modals,
      knownIds: [company.id, structures['CCI du Cher']!.id],
      responseUrl: () => t.fake.responseUrl('fuzz'),
    };
  },
});

describe(`fuzzing the app with ${N} signed requests (${TEST_ENGINE})`, () => {
  it('answers every one in time without a 5xx, writes nothing half, and still serves /visite', async () => {
    const before = await countRows(db.query);
    const logsBefore = t.logs.length;
    const report = await runFuzz(world, { seed: SEED, n: N, concurrency: 8 });
    const replay = (o: { case: { index: number; kind: string } }) =>
      `seed ${SEED} case ${o.case.index} (${o.case.kind})`;

    expect(report.unanswered.map((u) => `${replay(u)}: ${u.error}`)).toEqual([]);
    expect(report.serverErrors.map((o) => `${replay(o)} → ${o.status}`)).toEqual([]);
    expect(report.late.map((o) => `${replay(o)} → ${o.status} in ${Math.round(o.ms)} ms`)).toEqual([]);
    expect(report.tried).toBe(N);
    const unacknowledged = t.logs.slice(logsBefore).filter((line) => line.includes('not acknowledged'));
    expect(unacknowledged).toEqual([]);

    // Nothing half-written: a visit or an alert exists only where the app said it was saved;
    // nothing the fuzzed people may not create appears.
    const after = await countRows(db.query);
    expect(after.Visit - before.Visit).toBe(report.saved.visit_saved);
    expect(after.RecruitmentAlert - before.RecruitmentAlert).toBe(report.saved.alert_raised);
    for (const table of ['Structure', 'Member', 'MemberRole', 'Report', 'ExportFile', 'IndicatorSet'] as const)
      expect(after[table], table).toBe(before[table]);

    // Alive, and a normal /visite works afterwards.
    t.fake.reset();
    const res = await t.slack.command(COMMANDS.visite, '', capteur, { extra: { response_url: t.fake.responseUrl() } });
    expect(res.status).toBe(200);
    // (Work the last fuzzed requests left after their ack may open other modals meanwhile.)
    await t.fake.waitFor(
      'views.open',
      (args) => (args.view as { callback_id?: string }).callback_id === 'visit_report',
    );

    console.info(
      `fuzz ${TEST_ENGINE}: ${report.tried} requests in ${(report.elapsedMs / 1000).toFixed(1)} s, statuses ${JSON.stringify(report.byStatus)}, p50 ${report.p50Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms, max ${report.maxMs.toFixed(0)} ms; saved visits ${after.Visit - before.Visit}, alerts ${after.RecruitmentAlert - before.RecruitmentAlert}`,
    );
  }, 120_000);
});
