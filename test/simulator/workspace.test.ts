import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { createLogger } from '../../src/logger.js';
import { SIMULATED_CHANNELS, startSimulatedWorkspace, type SimulatedWorkspace } from '../../src/simulator/workspace.js';
import { withTestDatabase } from '../support/file-database.js';

/** The simulated workspace's API, as the page uses it (the browser scenarios drive the page itself). */
const { db } = withTestDatabase();
let w: SimulatedWorkspace;
const post = async (path: string, body: object) =>
  (
    await fetch(`${w.url}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json();
const state = async (user: string) =>
  (await (await fetch(`${w.url}/api/state?user=${user}`)).json()) as {
    now: string;
    messages: { channel: string; text: string; user?: string; files?: { id: string; filename: string }[] }[];
  };

/** A request with exactly the headers given (fetch sets Host itself and refuses some). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  const { port } = new URL(w.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(port),
        method,
        path,
        headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  await seedDemoData(db.prisma);
  w = await startSimulatedWorkspace({ db: db.prisma, logger: createLogger('silent'), port: 0 });
}, 60_000);
afterAll(async () => {
  await w?.stop();
});

describe('the simulated workspace', () => {
  it('listens on loopback only', () => {
    expect(new URL(w.url).hostname).toBe('127.0.0.1');
    expect(new URL(w.fake.url).hostname).toBe('127.0.0.1');
  });

  it('answers only this machine’s browser: loopback Host, loopback Origin when given, JSON posts', async () => {
    const { port } = new URL(w.url);
    const clock = JSON.stringify({ minutes: 1 });
    const json = { 'content-type': 'application/json' };
    const before = (await state('U0SEEDCOORD')).now;
    // A cross-site form or fetch « no-cors » can only send text/plain, form or multipart bodies.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(
        (
          await raw(
            'POST',
            '/api/clock',
            { host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': type },
            clock,
          )
        ).status,
      ).toBe(415);
    }
    expect((await raw('POST', '/api/clock', { host: `127.0.0.1:${port}` }, clock)).status).toBe(415);
    // JSON from another site's page, or under another name (DNS rebinding), or from a sandbox.
    expect(
      (await raw('POST', '/api/clock', { host: `127.0.0.1:${port}`, origin: 'https://evil.example', ...json }, clock))
        .status,
    ).toBe(403);
    expect(
      (
        await raw(
          'POST',
          '/api/clock',
          { host: `127.0.0.1:${port}`, origin: `http://evil.example:${port}`, ...json },
          clock,
        )
      ).status,
    ).toBe(403);
    expect(
      (await raw('POST', '/api/clock', { host: `127.0.0.1:${port}`, origin: 'null', ...json }, clock)).status,
    ).toBe(403);
    expect(
      (
        await raw(
          'POST',
          '/api/clock',
          { host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}`, ...json },
          clock,
        )
      ).status,
    ).toBe(403);
    expect((await raw('POST', '/api/clock', { host: `127.0.0.1:${Number(port) + 1}`, ...json }, clock)).status).toBe(
      403,
    );
    expect(
      (
        await raw(
          'POST',
          '/api/clock',
          { host: `rebound.evil.example:${port}`, origin: `http://rebound.evil.example:${port}`, ...json },
          clock,
        )
      ).status,
    ).toBe(403);
    const read = await raw('GET', '/api/state?user=U0SEEDCOORD', { host: `rebound.evil.example:${port}` });
    expect(read.status).toBe(403);
    expect(read.body).not.toContain('U0SEEDCOORD');
    expect((await raw('GET', '/', { host: `rebound.evil.example:${port}` })).status).toBe(403);
    // None of them moved the clock.
    expect((await state('U0SEEDCOORD')).now.slice(0, 16)).toBe(before.slice(0, 16));

    // The page, by any loopback name, with or without an Origin.
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      expect((await raw('GET', '/', { host: `${name}:${port}` })).status).toBe(200);
      expect((await raw('GET', '/api/state?user=U0SEEDCOORD', { host: `${name}:${port}` })).status).toBe(200);
      expect(
        (
          await raw(
            'POST',
            '/api/home',
            {
              host: `${name}:${port}`,
              origin: `http://${name}:${port}`,
              'content-type': 'application/json; charset=utf-8',
            },
            JSON.stringify({ user: 'U0SEEDCOORD' }),
          )
        ).status,
      ).toBe(200);
    }
  });

  it('shows a person their App Home, whose buttons open the app’s modals on their screen', async () => {
    await post('home', { user: 'U0SEEDCCI01' });
    await expect.poll(() => w.fake.workspace.homes.get('U0SEEDCCI01')).toBeTruthy();
    const home = w.fake.workspace.homes.get('U0SEEDCCI01') as {
      blocks: { type: string; elements?: { action_id: string }[]; block_id?: string }[];
    };
    const actions = home.blocks.find(
      (b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === 'open_visit_report'),
    )!;
    await post('action', {
      user: 'U0SEEDCCI01',
      where: 'home',
      action: { action_id: 'open_visit_report', block_id: actions.block_id, type: 'button' },
    });
    await expect.poll(() => w.fake.workspace.modals.get('U0SEEDCCI01')?.length).toBe(1);
    const modal = w.fake.workspace.modals.get('U0SEEDCCI01')?.at(-1);
    expect((modal!.view.title as { text: string }).text).toBe('Compte rendu de visite');
    // Closed by the person: gone from their screen.
    await post('close', { user: 'U0SEEDCCI01', viewId: modal!.id });
    expect(w.fake.workspace.modals.get('U0SEEDCCI01')).toEqual([]);
  });

  it('answers a command the app does not declare as Slack does, privately, without bothering the app', async () => {
    const channel = SIMULATED_CHANNELS.partners;
    const asked = w.fake.workspace.messages.length;
    for (const command of ['/visites', '/Visite', '/VISITE']) {
      expect(await post('command', { user: 'U0SEEDCCI01', command, text: '', channel })).toEqual({ status: 404 });
      const answer = w.fake.workspace.messages.at(-1)!;
      expect(answer).toMatchObject({ channel, ephemeralTo: 'U0SEEDCCI01', user: 'USLACKBOT' });
      expect(answer.text).toMatch(new RegExp(`^${command} n’est pas une commande valide\\.`));
    }
    expect(w.fake.workspace.messages.length).toBe(asked + 3);
    // Only the person who typed it sees it.
    const others = (await state('U0SEEDCOORD')).messages.filter((m) => /pas une commande valide/.test(m.text));
    expect(others).toEqual([]);
    // No modal: the app never heard of it. A declared command still reaches it.
    expect(w.fake.workspace.modals.get('U0SEEDCCI01') ?? []).toEqual([]);
    expect(await post('command', { user: 'U0SEEDCCI01', command: '/visite', text: '', channel })).toEqual({
      status: 200,
    });
    await expect.poll(() => w.fake.workspace.modals.get('U0SEEDCCI01')?.length).toBe(1);
    await post('close', { user: 'U0SEEDCCI01', viewId: w.fake.workspace.modals.get('U0SEEDCCI01')![0]!.id });
  });

  it('posts text typed without a « / » as the person’s message, escaped as Slack stores it', async () => {
    const channel = SIMULATED_CHANNELS.partners;
    expect(await post('say', { user: 'U0SEEDCCI01', text: ' visite <@U0SEEDCOORD> & co ', channel })).toEqual({
      status: 200,
    });
    const said = (await state('U0SEEDCOORD')).messages.filter((m) => m.text.startsWith('visite'));
    expect(said).toMatchObject([{ channel, text: 'visite &lt;@U0SEEDCOORD&gt; &amp; co', user: 'U0SEEDCCI01' }]);
    expect(said[0]).not.toHaveProperty('ephemeralTo');
  });

  it('pushes a person’s state as server-sent events: at once, then when it changes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${w.url}/api/events?user=U0SEEDPIL01`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let buffered = '';
    const decoder = new TextDecoder();
    /** The next event, however the stream cuts it into chunks. */
    const next = async () => {
      while (!buffered.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffered += decoder.decode(value, { stream: true });
      }
      const event = buffered.slice(0, buffered.indexOf('\n\n'));
      buffered = buffered.slice(event.length + 2);
      expect(event).toMatch(/^data: /);
      return JSON.parse(event.slice('data: '.length)) as { messages: { text: string }[]; timeZone: string };
    };
    try {
      const first = await next();
      expect(first.timeZone).toBe('Europe/Paris');
      expect(first.messages.some((m) => m.text === 'Relance envoyée.')).toBe(false);
      await post('say', { user: 'U0SEEDCOORD', text: 'Relance envoyée.', channel: SIMULATED_CHANNELS.steering });
      expect((await next()).messages.some((m) => m.text === 'Relance envoyée.')).toBe(true);
    } finally {
      controller.abort();
    }
  });

  it('lets the files the app posts be downloaded', async () => {
    await post('command', {
      user: 'U0SEEDPIL01',
      command: '/plateforme',
      text: 'rapport 2026',
      channel: SIMULATED_CHANNELS.steering,
    });
    await expect
      .poll(async () => (await state('U0SEEDPIL01')).messages.find((m) => m.files?.length), { timeout: 20_000 })
      .toBeTruthy();
    const posted = (await state('U0SEEDPIL01')).messages.find((m) => m.files?.length)!;
    const pdf = posted.files!.find((f) => f.filename.endsWith('public.pdf'))!;
    const res = await fetch(`${w.url}/files/${pdf.id}`);
    expect(res.headers.get('content-disposition')).toContain('rapport-annuel-2026-public.pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('moves its clock forward and runs the scheduled work: the 48 h clock of an alert runs out', async () => {
    const before = new Date((await state('U0SEEDCOORD')).now).getTime();
    const open = await db.prisma.recruitmentAlert.findFirstOrThrow({
      where: { state: { in: ['signalee', 'prise_en_charge'] } },
    });
    expect(open.lateAt).toBeNull();
    await post('clock', { minutes: 3 * 24 * 60 });
    expect(new Date((await state('U0SEEDCOORD')).now).getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: open.id } })).lateAt).not.toBeNull();
    // The coordinator is told, in the app's messages.
    await expect
      .poll(async () =>
        (await state('U0SEEDCOORD')).messages.some((m) => m.channel === 'D0SEEDCOORD' && /Délai dépassé/.test(m.text)),
      )
      .toBe(true);
  });
});
