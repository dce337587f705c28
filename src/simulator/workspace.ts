import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createPlatformApp } from '../app.js';
import { loadConfig } from '../config.js';
import { jobRunners } from '../jobs/index.js';
import type { Db } from '../services/db.js';
import { COMMANDS } from '../slack/ids.js';
import { ROLE_LABELS } from '../texts/fr.js';
import { dmChannelFor, startFakeSlack, type FakeSlack, type WorkspaceMessage } from './fake-slack.js';
import {
  blockActions,
  blockSuggestion,
  slackSender,
  viewClosed,
  viewSubmission,
  type SlackUser,
} from './slack-requests.js';
import { projectFile } from '../project-files.js';

/**
 * The simulated workspace: the real app over real HTTP, a local stand-in for Slack (the same
 * fake the tests use), and a web page where a person plays each role. Loopback only: it is a
 * way to try and to show the platform, never a way to run it.
 */
export const SIMULATED_CHANNELS = {
  partners: 'CPARTENAIRES',
  committee: 'CCOMITETECH',
  steering: 'CPILOTAGE',
} as const;
const CHANNEL_NAMES: Record<string, string> = {
  [SIMULATED_CHANNELS.partners]: 'partenaires',
  [SIMULATED_CHANNELS.committee]: 'comite-technique',
  [SIMULATED_CHANNELS.steering]: 'pilotage',
};
const HOST = '127.0.0.1';
/** How often a connected page's state is checked for changes to push. */
const PUSH_EVERY_MS = 300;
const WEB = projectFile('src/simulator/web/');

export interface SimulatedWorkspace {
  url: string;
  fake: FakeSlack;
  /** Minutes the simulated clock is ahead of the real one. */
  advance(minutes: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatedWorkspace(options: {
  db: Db;
  logger: Logger;
  port?: number;
  env?: Record<string, string>;
}): Promise<SimulatedWorkspace> {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const fake = await startFakeSlack({ now });
  const signingSecret = randomBytes(16).toString('hex');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-simulation',
    SLACK_SIGNING_SECRET: signingSecret,
    PARTNERS_CHANNEL_ID: SIMULATED_CHANNELS.partners,
    COMMITTEE_CHANNEL_ID: SIMULATED_CHANNELS.committee,
    STEERING_CHANNEL_ID: SIMULATED_CHANNELS.steering,
    // Paced like Slack, only faster: a burst (an agenda) shows in order without a long wait.
    SLACK_PACE_MS: '200',
    ...options.env,
  });
  const receiver = new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR });
  const platform = createPlatformApp({
    config,
    db: options.db,
    logger: options.logger,
    receiver,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    botIdentity: { botId: 'BBOT', botUserId: 'UBOT' },
    now,
  });
  const appServer = (await platform.start({ port: 0, host: HOST })) as Server;
  const slack = slackSender({ baseUrl: `http://${HOST}:${(appServer.address() as AddressInfo).port}`, signingSecret });
  const jobs = jobRunners(platform.ctx);
  const runJobs = async () => {
    for (const job of [
      jobs.alertDeadlines,
      jobs.committeeAgendas,
      jobs.actionDigests,
      jobs.programmeNudges,
      jobs.quarterlyIndicators,
      jobs.reports,
      jobs.privacy,
      jobs.outbox,
    ])
      await job();
  };
  const settle = () => platform.ctx.notifier.kick();

  const people = async () => {
    const members = await options.db.member.findMany({
      where: { active: true },
      orderBy: { slackUserId: 'asc' },
      include: { roles: true, structure: { select: { name: true } } },
    });
    return members.map((m) => ({
      id: m.slackUserId,
      name: m.displayName ?? m.slackUserId,
      structure: m.structure?.name ?? null,
      roles: m.roles.map((r) => ROLE_LABELS[r.role]),
    }));
  };
  const dmOf = dmChannelFor;
  const visible = (user: string, m: WorkspaceMessage) =>
    m.ephemeralTo ? m.ephemeralTo === user : m.channel.startsWith('C') || m.channel === dmOf(user);

  async function state(user: string) {
    const stack = fake.workspace.modals.get(user) ?? [];
    const messages = fake.workspace.messages.filter((m) => visible(user, m));
    return {
      now: now().toISOString(),
      /** The platform's time zone: the page shows every date and time in it, whatever the browser's. */
      timeZone: config.PLATFORM_TIMEZONE,
      channels: Object.entries(CHANNEL_NAMES).map(([id, name]) => ({ id, name })),
      dm: dmOf(user),
      messages,
      home: fake.workspace.homes.get(user) ?? null,
      modal: stack.at(-1) ?? null,
      depth: stack.length,
      people: await people(),
    };
  }

  const modalOf = (user: string, viewId: string) =>
    (fake.workspace.modals.get(user) ?? []).find((v) => v.id === viewId);
  const popModal = (user: string) =>
    fake.workspace.modals.set(user, (fake.workspace.modals.get(user) ?? []).slice(0, -1));

  const person = z.object({ user: z.string().regex(/^[UW][A-Z0-9]+$/) });
  let posted = 0;
  const stamp = () => `${Math.floor(now().getTime() / 1000)}.${String(++posted).padStart(6, '0')}`;
  const routes: Record<string, (body: unknown) => Promise<unknown>> = {
    async command(body) {
      const { user, command, text, channel } = person
        .extend({ command: z.string().regex(/^\/\S+$/), text: z.string().default(''), channel: z.string() })
        .parse(body);
      // Slack knows the app's commands from its manifest (test/manifest.test.ts: the same as
      // COMMANDS); anything else never reaches the app, Slackbot answers. Matched as declared:
      // Slack's documentation says nothing of case, and /Visite is treated as unknown.
      if (!KNOWN_COMMANDS.has(command)) {
        fake.workspace.messages.push({
          channel,
          ts: stamp(),
          text: notACommand(command),
          blocks: [],
          ephemeralTo: user,
          user: SLACKBOT,
        });
        return { status: 404 };
      }
      const res = await slack.command(
        command,
        text,
        { id: user },
        {
          extra: {
            channel_id: channel,
            channel_name: CHANNEL_NAMES[channel] ?? 'directmessage',
            response_url: fake.workspace.responseUrl(user, channel),
            trigger_id: fake.workspace.trigger(user),
          },
        },
      );
      await settle();
      return { status: res.status };
    },
    /** A message typed without a leading « / »: Slack posts it as the person's (the app hears no message events). */
    async say(body) {
      const { user, text, channel } = person
        .extend({ text: z.string().trim().min(1), channel: z.string() })
        .parse(body);
      fake.workspace.messages.push({ channel, ts: stamp(), text: escapeMrkdwn(text), blocks: [], user });
      return { status: 200 };
    },
    async action(body) {
      const input = person
        .extend({
          where: z.enum(['message', 'home', 'modal']),
          channel: z.string().optional(),
          ts: z.string().optional(),
          viewId: z.string().optional(),
          values: z.record(z.string(), z.unknown()).optional(),
          action: z.object({
            action_id: z.string(),
            block_id: z.string(),
            type: z.string().optional(),
            value: z.string().optional(),
            selected_option: z
              .object({
                value: z.string(),
                text: z.object({ type: z.literal('plain_text'), text: z.string() }).optional(),
              })
              .optional(),
            selected_user: z.string().optional(),
          }),
        })
        .parse(body);
      const who: SlackUser = { id: input.user };
      let payload: ReturnType<typeof blockActions>;
      if (input.where === 'message') {
        const message = fake.workspace.messages.find((m) => m.ts === input.ts && m.channel === input.channel);
        payload = blockActions({
          user: who,
          actions: [input.action],
          container: {
            type: 'message',
            message_ts: input.ts,
            channel_id: input.channel,
            is_ephemeral: Boolean(message?.ephemeralTo),
          },
          response_url: fake.workspace.responseUrl(input.user, input.channel!, input.ts),
          trigger_id: fake.workspace.trigger(input.user),
        });
        Object.assign(payload, {
          channel: { id: input.channel, name: CHANNEL_NAMES[input.channel!] ?? 'directmessage' },
          message: { ts: input.ts, text: message?.text ?? '', blocks: message?.blocks ?? [] },
        });
      } else {
        const view: Record<string, unknown> | undefined =
          input.where === 'home'
            ? { id: `VHOME${input.user}`, ...(fake.workspace.homes.get(input.user) ?? {}) }
            : modalOf(input.user, input.viewId ?? '')?.view;
        if (!view) return { status: 410 };
        payload = blockActions({
          user: who,
          actions: [input.action],
          view: {
            id: String(view.id),
            callback_id: String(view.callback_id ?? ''),
            private_metadata: String(view.private_metadata ?? ''),
            blocks: (view.blocks ?? []) as never,
            type: input.where === 'home' ? 'home' : 'modal',
            state: { values: (input.values ?? {}) as never },
          },
          trigger_id: fake.workspace.trigger(input.user),
        });
      }
      const res = await slack.interaction(payload);
      await settle();
      return { status: res.status };
    },
    async submit(body) {
      const { user, viewId, values } = person
        .extend({ viewId: z.string(), values: z.record(z.string(), z.unknown()) })
        .parse(body);
      const open = modalOf(user, viewId);
      if (!open) return { status: 410 };
      const view = open.view as { callback_id: string; private_metadata?: string; blocks?: never[] };
      const res = await slack.interaction(
        viewSubmission({
          user: { id: user },
          view: {
            id: viewId,
            callback_id: view.callback_id,
            private_metadata: view.private_metadata ?? '',
            blocks: view.blocks ?? [],
            state: { values: values as never },
          },
          triggerId: fake.workspace.trigger(user),
        }),
      );
      const answer = res.body
        ? (res.json() as { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> })
        : {};
      const stack = fake.workspace.modals.get(user) ?? [];
      if (answer.response_action === 'errors') return { status: res.status, errors: answer.errors };
      if (answer.response_action === 'update' && answer.view)
        stack[stack.length - 1] = { id: viewId, view: { id: viewId, ...answer.view } };
      else if (answer.response_action === 'push' && answer.view)
        stack.push({ id: `V${Date.now()}`, view: answer.view });
      else if (answer.response_action === 'clear') fake.workspace.modals.set(user, []);
      else popModal(user);
      await settle();
      return { status: res.status };
    },
    async close(body) {
      const { user, viewId } = person.extend({ viewId: z.string() }).parse(body);
      const open = modalOf(user, viewId);
      popModal(user);
      const view = open?.view as { callback_id?: string; notify_on_close?: boolean } | undefined;
      if (view?.notify_on_close)
        await slack.interaction(
          viewClosed({ user: { id: user }, view: { id: viewId, callback_id: view.callback_id ?? '' } }),
        );
      return { status: 200 };
    },
    async suggest(body) {
      const { user, viewId, action_id, block_id, value } = person
        .extend({ viewId: z.string(), action_id: z.string(), block_id: z.string(), value: z.string() })
        .parse(body);
      const open = modalOf(user, viewId);
      const view = open?.view as { callback_id?: string } | undefined;
      const res = await slack.interaction(
        blockSuggestion({
          user: { id: user },
          action_id,
          block_id,
          value,
          ...(open ? { view: { id: viewId, callback_id: view?.callback_id ?? '' } } : {}),
        }),
      );
      return res.body ? res.json() : { options: [] };
    },
    async home(body) {
      const { user } = person.parse(body);
      await slack.event({ type: 'app_home_opened', user, channel: dmOf(user), tab: 'home' });
      return { status: 200 };
    },
    async clock(body) {
      const { minutes } = z
        .object({
          minutes: z
            .number()
            .int()
            .min(1)
            .max(60 * 24 * 400),
        })
        .parse(body);
      offsetMs += minutes * 60_000;
      await runJobs();
      return { now: now().toISOString() };
    },
  };

  const web = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    try {
      const refusal = refuseForeign(req, url, (web.address() as AddressInfo).port);
      if (refusal) return json(res, refusal.status, { error: refusal.error });
      if (req.method === 'GET' && url.pathname === '/api/state')
        return json(res, 200, await state(z.string().parse(url.searchParams.get('user'))));
      if (req.method === 'GET' && url.pathname === '/api/events')
        return stream(res, person.parse({ user: url.searchParams.get('user') }).user);
      if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
        const file = fake.workspace.files.get(url.pathname.slice('/files/'.length));
        if (!file) return json(res, 404, { error: 'fichier inconnu' });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${encodeURIComponent(file.filename)}"`,
        });
        return void res.end(file.bytes);
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const route = routes[url.pathname.slice('/api/'.length)];
        if (!route) return json(res, 404, { error: 'inconnu' });
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        return json(res, 200, await route(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
      }
      const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      if (req.method === 'GET' && /^[a-z-]+\.(html|js|css)$/.test(file)) {
        const body = await readFile(new URL(file, WEB));
        const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'text/css';
        res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
        return void res.end(body);
      }
      json(res, 404, { error: 'introuvable' });
    } catch (error) {
      options.logger.warn(
        { err: { message: (error as Error).message }, path: url.pathname },
        'simulated workspace request failed',
      );
      json(res, 400, { error: (error as Error).message });
    }
  }
  /**
   * The page's state pushed as server-sent events: sent on connection, then whenever what the
   * person sees changes (checked every PUSH_EVERY_MS here, against what was last sent) or the
   * simulated clock's minute turns. The page no longer polls.
   */
  const streams = new Set<() => void>();
  async function stream(res: ServerResponse, user: string) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    let last = '';
    let busy = false;
    const push = async () => {
      if (busy) return;
      busy = true;
      try {
        const current = await state(user);
        const key = JSON.stringify({ ...current, now: current.now.slice(0, 16) });
        if (key !== last) {
          last = key;
          res.write(`data: ${JSON.stringify(current)}\n\n`);
        }
      } catch (error) {
        options.logger.warn({ err: { message: (error as Error).message } }, 'simulated workspace push failed');
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void push(), PUSH_EVERY_MS);
    const end = () => {
      clearInterval(timer);
      streams.delete(end);
    };
    streams.add(end);
    res.once('close', end);
    await push();
  }

  await new Promise<void>((resolve, reject) => {
    web.once('error', reject);
    web.listen(options.port ?? 3000, HOST, () => resolve());
  });
  const url = `http://${HOST}:${(web.address() as AddressInfo).port}`;
  return {
    url,
    fake,
    async advance(minutes) {
      await routes.clock!({ minutes });
    },
    async stop() {
      for (const end of [...streams]) end();
      await new Promise<void>((resolve) => {
        web.close(() => resolve());
        web.closeAllConnections();
      });
      await platform.app.stop();
      platform.ctx.notifier.stop();
      await fake.close();
    },
  };
}

const KNOWN_COMMANDS = new Set<string>(Object.values(COMMANDS));
/** Slack's own user, the author of its answers. */
export const SLACKBOT = 'USLACKBOT';

/**
 * Slackbot's answer to a command no app declares. Slack's English wording (as a Slackbot answer
 * quoted in a public issue gives it): « /x is not a valid command. In Slack, all messages that
 * start with the "/" character are interpreted as commands. If you are trying to send a message
 * and not run a command, try preceding the "/" with an empty space. »; in French here (our
 * translation: Slack's French interface text was not available to check). Slack's text, not the
 * app's: it stays here rather than in src/texts.
 */
export function notACommand(command: string): string {
  return (
    `${escapeMrkdwn(command)} n’est pas une commande valide. Dans Slack, tous les messages qui commencent par le caractère « / » sont interprétés comme des commandes.\n\n` +
    'Si vous essayez d’envoyer un message et non d’exécuter une commande, faites précéder le « / » d’une espace.'
  );
}

/** Text as Slack stores a person's message: & < > escaped, so nothing typed becomes a link or a mention. */
const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The names a browser on this machine reaches the workspace by. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The page's API answers this machine's browser only. Listening on loopback is not enough: a page
 * of any site the person visits can send it requests (a « simple » cross-site POST needs no
 * preflight), or reach it under its own name through DNS rebinding. So every request must be
 * addressed to a loopback Host (rebinding keeps the attacker's name there), a request that says
 * where it comes from must come from a loopback Origin (403 otherwise), and a POST to the API
 * must be JSON (415 otherwise): a cross-site page cannot send that without a CORS preflight, which
 * is never granted.
 */
function refuseForeign(req: IncomingMessage, url: URL, port: number): { status: number; error: string } | null {
  const hosts = new Set(
    LOOPBACK_NAMES.flatMap((name) => (port === 80 ? [`${name}:${port}`, name] : [`${name}:${port}`])),
  );
  if (!hosts.has((req.headers.host ?? '').toLowerCase()))
    return { status: 403, error: 'hôte refusé : le simulateur ne répond qu’en local' };
  if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json')
      return { status: 415, error: 'requête JSON attendue (Content-Type: application/json)' };
  }
  // An Origin is « scheme://host[:port] » (or « null » from a sandbox or a file): only our own page's.
  const origin = req.headers.origin?.toLowerCase();
  if (origin !== undefined && !(origin.startsWith('http://') && hosts.has(origin.slice('http://'.length))))
    return { status: 403, error: 'origine refusée : le simulateur ne répond qu’à sa propre page' };
  return null;
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}
