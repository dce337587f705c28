import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { createLogger } from '../../src/logger.js';
import { SIMULATED_CHANNELS, startSimulatedWorkspace, type SimulatedWorkspace } from '../../src/simulator/workspace.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The simulated workspace's API, as the page uses it (the browser scenarios drive the page itself). */
let db: TestDatabase;
let w: SimulatedWorkspace;
const post = async (path: string, body: object) => (await fetch(`${w.url}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
const state = async (user: string) => (await (await fetch(`${w.url}/api/state?user=${user}`)).json()) as { now: string; messages: { channel: string; text: string; files?: { id: string; filename: string }[] }[] };

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  w = await startSimulatedWorkspace({ db: db.prisma, logger: createLogger('silent'), port: 0 });
}, 60_000);
afterAll(async () => {
  await w?.stop();
  await db?.close();
});

describe('the simulated workspace', () => {
  it('listens on loopback only', () => {
    expect(new URL(w.url).hostname).toBe('127.0.0.1');
    expect(new URL(w.fake.url).hostname).toBe('127.0.0.1');
  });

  it('shows a person their App Home, whose buttons open the app’s modals on their screen', async () => {
    await post('home', { user: 'U0SEEDCCI01' });
    await expect.poll(() => w.fake.workspace.homes.get('U0SEEDCCI01')).toBeTruthy();
    const home = w.fake.workspace.homes.get('U0SEEDCCI01') as { blocks: { type: string; elements?: { action_id: string }[]; block_id?: string }[] };
    const actions = home.blocks.find((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === 'open_visit_report'))!;
    await post('action', { user: 'U0SEEDCCI01', where: 'home', action: { action_id: 'open_visit_report', block_id: actions.block_id, type: 'button' } });
    await expect.poll(() => w.fake.workspace.modals.get('U0SEEDCCI01')?.length).toBe(1);
    const modal = w.fake.workspace.modals.get('U0SEEDCCI01')?.at(-1);
    expect((modal?.view.title as { text: string }).text).toBe('Compte rendu de visite');
    // Closed by the person: gone from their screen.
    await post('close', { user: 'U0SEEDCCI01', viewId: modal!.id });
    expect(w.fake.workspace.modals.get('U0SEEDCCI01')).toEqual([]);
  });

  it('lets the files the app posts be downloaded', async () => {
    await post('command', { user: 'U0SEEDPIL01', command: '/plateforme', text: 'rapport 2026', channel: SIMULATED_CHANNELS.steering });
    await expect.poll(async () => (await state('U0SEEDPIL01')).messages.find((m) => m.files?.length), { timeout: 20_000 }).toBeTruthy();
    const posted = (await state('U0SEEDPIL01')).messages.find((m) => m.files?.length)!;
    const pdf = posted.files!.find((f) => f.filename.endsWith('public.pdf'))!;
    const res = await fetch(`${w.url}/files/${pdf.id}`);
    expect(res.headers.get('content-disposition')).toContain('rapport-annuel-2026-public.pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('moves its clock forward and runs the scheduled work: the 48 h clock of an alert runs out', async () => {
    const before = new Date((await state('U0SEEDCOORD')).now).getTime();
    const open = await db.prisma.recruitmentAlert.findFirstOrThrow({ where: { state: { in: ['signalee', 'prise_en_charge'] } } });
    expect(open.lateAt).toBeNull();
    await post('clock', { minutes: 3 * 24 * 60 });
    expect(new Date((await state('U0SEEDCOORD')).now).getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: open.id } })).lateAt).not.toBeNull();
    // The coordinator is told, in the app's messages.
    await expect.poll(async () => (await state('U0SEEDCOORD')).messages.some((m) => m.channel === 'D0SEEDCOORD' && /Délai dépassé/.test(m.text))).toBe(true);
  });
});
