import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkSiret } from '../../src/reference/siret.js';
import {
  getProgramme,
  type ProgrammeInput,
  readSiretList,
  setProgramme,
} from '../../src/services/programmes/programmes.js';
import { oweProgrammeNudges, programmeProgress } from '../../src/services/programmes/progress.js';
import type { Actor } from '../../src/services/permissions.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure, SIRETS } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/** A Luhn-valid SIRET from its first 13 digits. */
function siret(first13: string): string {
  for (let d = 0; d <= 9; d++) if (checkSiret(`${first13}${d}`).ok) return `${first13}${d}`;
  throw new Error('no check digit');
}
const ARRIVING = siret('5520812760001'); // pasted before its company comes in
const NEVER = siret('4420190230001'); // never comes in

const { db, other } = withTestDatabase({ anotherInstance: true });
let coordinator: Actor;
let cciCapteur: Actor;
let cciCapteur2: Actor;
let cmaCapteur: Actor;
let cci: { id: string };
let cma: { id: string };
const company: Record<string, string> = {};

beforeAll(async () => {
  cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  cma = await makeStructure(db.prisma, 'CMA du Cher', 'cma');
  coordinator = await makeMember(db.prisma, 'UPRGCOORD', ['coordinateur']);
  cciCapteur = await makeMember(db.prisma, 'UPRGCCI1', ['capteur'], cci.id);
  cciCapteur2 = await makeMember(db.prisma, 'UPRGCCI2', ['capteur', 'comite'], cci.id);
  await makeMember(db.prisma, 'UPRGCCICOM', ['comite'], cci.id); // not a capteur: not nudged
  cmaCapteur = await makeMember(db.prisma, 'UPRGCMA', ['capteur'], cma.id);
});
// Each test starts from the structures and members alone, whatever ran before it. The companies
// are made again too: a test brings in the company of a pasted SIRET (the Verrerie), which must
// not exist yet when another test pastes that SIRET.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  company.Forges = (await makeCompany(db.prisma, { name: 'Forges', siret: SIRETS.mecanique })).id;
  company.Porcelaines = (await makeCompany(db.prisma, { name: 'Porcelaines', siret: SIRETS.other })).id;
  company.Aéro = (await makeCompany(db.prisma, { name: 'Aéro' })).id;
});

/** The form's answer for `structureId`'s `year`: `monthlyTarget` visits a month, a new list of targets unless `more` says. */
const programmeForm = (
  structureId: string,
  year: number,
  monthlyTarget: number,
  more: Partial<ProgrammeInput> = {},
) => ({
  structureId,
  year,
  monthlyTarget,
  shownUpTo: null,
  keepTargetIds: [],
  addCompanyIds: [],
  sirets: '',
  ...more,
});

/**
 * The 2026 programmes the progress is measured against: the CCI's, 8 visits a month, targeting
 * the Forges, the Porcelaines and two SIRETs not yet known (ARRIVING, NEVER); the CMA's, 4 a
 * month and no target.
 */
async function set2026Programmes(): Promise<void> {
  const at = new Date('2026-01-05T09:00:00Z');
  await setProgramme(
    db.prisma,
    coordinator,
    programmeForm(cci.id, 2026, 8, {
      addCompanyIds: [company.Forges!],
      sirets: `${SIRETS.other}\n${ARRIVING}\n${NEVER}\n${SIRETS.mecanique}`,
    }),
    at,
  );
  await setProgramme(db.prisma, coordinator, programmeForm(cma.id, 2026, 4), at);
}

/**
 * The visits of 2026 up to and after the 20th of November, for the CCI and the CMA; the company
 * of the CCI's pasted SIRET ARRIVING comes in (after its programme was set) and is visited.
 */
async function make2026Visits(): Promise<void> {
  // CCI: 3 visits in November by the 20th, 10 earlier this year, one last year.
  for (const date of ['2026-11-02', '2026-11-10', '2026-11-19'])
    await makeVisit(db.prisma, cciCapteur, company.Aéro!, { date });
  for (let m = 1; m <= 10; m++)
    await makeVisit(db.prisma, cciCapteur2, company.Aéro!, { date: `2026-${String(m).padStart(2, '0')}-15` });
  await makeVisit(db.prisma, cciCapteur, company.Forges!, { date: '2026-03-04' }); // a target, this year (counted in the 10 + 1)
  await makeVisit(db.prisma, cciCapteur, company.Porcelaines!, { date: '2025-12-15' }); // a target, but last year
  await makeVisit(db.prisma, cmaCapteur, company.Porcelaines!, { date: '2026-11-05' }); // the CMA, not the CCI
  // The pasted SIRET's company comes in, and the CCI visits it in November.
  const arriving = await makeCompany(db.prisma, { name: 'Verrerie', siret: ARRIVING });
  await makeVisit(db.prisma, cciCapteur, arriving.id, { date: '2026-11-20' });
  // After today: not counted.
  await makeVisit(db.prisma, cciCapteur, company.Aéro!, { date: '2026-11-21' });
  await makeVisit(db.prisma, cmaCapteur, company.Aéro!, { date: '2026-11-12' });
  await makeVisit(db.prisma, cmaCapteur, company.Aéro!, { date: '2026-10-12' });
}

describe('pasted SIRETs', () => {
  it('are read one per line (or separated by commas), spaces allowed, and the invalid ones listed', () => {
    expect(
      readSiretList(`${SIRETS.mecanique}\n\n 443 061 841 00047 ;${SIRETS.badChecksum}, 1234\n${SIRETS.mecanique}`),
    ).toEqual({
      valid: [SIRETS.mecanique, SIRETS.other],
      invalid: [SIRETS.badChecksum, '1234'],
    });
  });
});

describe('a visit programme', () => {
  it('is set by the coordination only; invalid SIRETs are refused and listed, nothing saved', async () => {
    const input = programmeForm(cci.id, 2026, 8, { addCompanyIds: [company.Forges!] });
    await expect(setProgramme(db.prisma, cciCapteur, input, new Date())).rejects.toMatchObject({
      code: 'programme_forbidden',
    });
    await expect(
      setProgramme(
        db.prisma,
        coordinator,
        { ...input, sirets: `${SIRETS.other}\n${SIRETS.badChecksum}\nabc` },
        new Date(),
      ),
    ).rejects.toMatchObject({
      errors: [{ field: 'sirets', code: 'sirets_invalid', params: { count: '2', list: `${SIRETS.badChecksum}, abc` } }],
    });
    expect(await db.prisma.visitProgramme.count()).toBe(0);
  });

  it('keeps the targets picked and pasted; a SIRET not yet known waits for its company, and is reported', async () => {
    const saved = await setProgramme(
      db.prisma,
      coordinator,
      programmeForm(cci.id, 2026, 8, {
        addCompanyIds: [company.Forges!],
        sirets: `${SIRETS.other}\n${ARRIVING}\n${NEVER}\n${SIRETS.mecanique}`,
      }),
      new Date('2026-01-05T09:00:00Z'),
    );
    expect(saved).toMatchObject({ added: 4, removed: 0, total: 4, pending: [ARRIVING, NEVER] });
    await setProgramme(
      db.prisma,
      coordinator,
      programmeForm(cma.id, 2026, 4, { addCompanyIds: [company.Aéro!] }),
      new Date('2026-01-05T09:00:00Z'),
    );
    // Setting it again changes the target and takes off what the form showed and was unchosen.
    const programme = (await getProgramme(db.prisma, cma.id, 2026))!;
    const shownUpTo = { addedAt: programme.targets[0]!.addedAt, id: programme.targets[0]!.id };
    const again = await setProgramme(db.prisma, coordinator, programmeForm(cma.id, 2026, 4, { shownUpTo }), new Date());
    expect(again).toMatchObject({ removed: 1, total: 0 });
    expect(programme.targets).toHaveLength(1);
    expect(await db.prisma.auditEvent.count({ where: { action: 'programme.set' } })).toBe(3);
  });

  it('answered twice (a Slack retry), takes off what was unchosen once and keeps what it added', async () => {
    await setProgramme(
      db.prisma,
      coordinator,
      programmeForm(cma.id, 2027, 4, { addCompanyIds: [company.Aéro!] }),
      new Date('2026-12-01T09:00:00Z'),
    );
    const [aero] = (await getProgramme(db.prisma, cma.id, 2027))!.targets;
    // The form listed Aéro; the answer drops it and adds the Forges — and arrives twice.
    const answer = programmeForm(cma.id, 2027, 4, {
      shownUpTo: { addedAt: aero!.addedAt, id: aero!.id },
      addCompanyIds: [company.Forges!],
    });
    expect(await setProgramme(db.prisma, coordinator, answer, new Date('2026-12-02T09:00:00Z'))).toMatchObject({
      removed: 1,
      added: 1,
      total: 1,
    });
    expect(await setProgramme(db.prisma, coordinator, answer, new Date('2026-12-02T09:00:05Z'))).toMatchObject({
      removed: 0,
      added: 0,
      total: 1,
    });
    expect((await getProgramme(db.prisma, cma.id, 2027))!.targets.map((t) => t.company?.name)).toEqual(['Forges']);
  });
});

describe('programme progress', () => {
  beforeEach(async () => {
    await set2026Programmes();
    await make2026Visits();
  });

  it('is computed from the visits, as worked out by hand', async () => {
    const progress = await programmeProgress(db.prisma, '2026-11-20');
    expect(progress.map((p) => p.structure.name)).toEqual(['CCI du Cher', 'CMA du Cher']);
    const [ccip, cmap] = progress as [NonNullable<(typeof progress)[0]>, NonNullable<(typeof progress)[1]>];
    // November: 2, 10, 19 and 20 → 4 visits; 8 × 20 / 30 = 5.33 → 5 expected by the 20th: behind.
    expect(ccip.month).toEqual({ visits: 4, target: 8, expectedByToday: 5 });
    expect(ccip.behindPace).toBe(true);
    // Since January: 4 in November + 10 monthly + Forges in March = 15, against 8 × 11 months.
    expect(ccip.yearToDate).toEqual({ visits: 15, target: 88 });
    // Targets: Forges (visited in March) and the Verrerie (its SIRET arrived, visited): 2 of 4.
    expect(ccip.targets.total).toBe(4);
    expect(ccip.targets.visited).toBe(2);
    expect(ccip.targets.notVisited).toEqual([
      { companyId: company.Porcelaines, name: 'Porcelaines', commune: 'Vierzon', siret: null },
      { companyId: null, name: null, commune: null, siret: NEVER },
    ]);
    // CMA: 5 and 12 November → 2; 4 × 20 / 30 = 2.67 → 2 expected: on pace. No target.
    expect(cmap.month).toEqual({ visits: 2, target: 4, expectedByToday: 2 });
    expect(cmap.behindPace).toBe(false);
    expect(cmap.yearToDate).toEqual({ visits: 3, target: 44 });
    expect(cmap.targets).toEqual({ total: 0, visited: 0, notVisited: [] });
    // One structure's, and the pace on the first of the month asks for nothing yet.
    expect(
      (await programmeProgress(db.prisma, '2026-11-20', { structureId: cma.id })).map((p) => p.structure.name),
    ).toEqual(['CMA du Cher']);
    const [early] = await programmeProgress(db.prisma, '2026-12-01', { structureId: cci.id });
    expect(early).toMatchObject({ month: { visits: 0, target: 8, expectedByToday: 0 }, behindPace: false });
  });

  it('nudges the structures behind their pace from the nudge day, once a month whatever the instances, to their capteurs', async () => {
    const settings = { nudgeDay: 20, timeZone: 'Europe/Paris' };
    // The 19th in Paris: not yet.
    expect(await oweProgrammeNudges(db.prisma, new Date('2026-11-19T08:00:00Z'), settings)).toBe(0);
    // The 20th at 9:00 in Paris, from two instances: the CCI once; the CMA is on pace.
    const at = new Date('2026-11-20T08:00:00Z');
    const runs = await Promise.all([
      oweProgrammeNudges(db.prisma, at, settings),
      oweProgrammeNudges(other, at, settings),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    const owed = async () =>
      (await db.prisma.outboxMessage.findMany({ where: { kind: 'programme_nudge' }, select: { recipient: true } }))
        .map((o) => o.recipient)
        .sort();
    expect(await owed()).toEqual(['UPRGCCI1', 'UPRGCCI2']);
    // The 25th: the CCI is not nudged again; the CMA has fallen behind (4 × 25 / 30 → 3 expected, 2 made).
    expect(await oweProgrammeNudges(db.prisma, new Date('2026-11-25T08:00:00Z'), settings)).toBe(1);
    expect(await owed()).toEqual(['UPRGCCI1', 'UPRGCCI2', 'UPRGCMA']);
    expect(await oweProgrammeNudges(db.prisma, new Date('2026-11-26T08:00:00Z'), settings)).toBe(0);
    // December is another month: both behind on the 21st (no visit).
    expect(await oweProgrammeNudges(db.prisma, new Date('2026-12-21T08:00:00Z'), settings)).toBe(2);
  });
});
