import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { createLogger } from '../../src/logger.js';
import { localDate } from '../../src/time.js';
import { startSimulatedWorkspace, type SimulatedWorkspace } from '../../src/simulator/workspace.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * A person in front of the simulated workspace, in a real headless Chromium: Debian's `chromium`
 * (CHROMIUM_PATH to use another), driven by playwright-core — no browser downloaded by npm.
 * Without a browser the scenarios are skipped, except in CI (CI=1), where that is a failure.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_BROWSER = existsSync(CHROMIUM);
if (!HAS_BROWSER && process.env.CI)
  throw new Error(`No browser at ${CHROMIUM}: the browser scenarios must run in CI (apt-get install chromium).`);

/** Where the screenshots of the key screens go (kept by the test run). */
export const SCREENSHOTS = 'test-results/screenshots';

export interface BrowserWorkspace {
  db: TestDatabase;
  workspace: SimulatedWorkspace;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/**
 * The browser's own locale and time zone: a Paris one by default; the page must show and read
 * dates and times in the platform's zone and in French whatever they are.
 */
export interface BrowserSettings {
  locale: string;
  timezoneId: string;
}

export async function openWorkspace(
  settings: BrowserSettings = { locale: 'fr-FR', timezoneId: 'Europe/Paris' },
): Promise<BrowserWorkspace> {
  const db = await createTestDatabase();
  await seedDemoData(db.prisma);
  const workspace = await startSimulatedWorkspace({ db: db.prisma, logger: createLogger('silent'), port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({
    ...settings,
    viewport: { width: 1280, height: 900 },
  });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(workspace.url);
  await page.locator('#person option').nth(1).waitFor({ state: 'attached' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    db,
    workspace,
    browser,
    page,
    async stop() {
      await browser.close();
      await workspace.stop();
      await db.close();
    },
  };
}

/** Plays `name` (as shown in the person picker). */
export async function playAs(page: Page, name: string) {
  const value = await page.locator('#person option', { hasText: name }).getAttribute('value');
  await page.selectOption('#person', value!);
}

export async function goTo(page: Page, place: string) {
  await page.locator('#nav li', { hasText: place }).click();
}

/** Plays `name` in the app's messages: their direct messages with it, where they type commands. */
export async function inAppMessagesAs(page: Page, name: string) {
  await playAs(page, name);
  await goTo(page, 'Messages de l’application');
}

/** `name` types the slash command `text` in the app's messages. */
export async function commandAs(page: Page, name: string, text: string) {
  await inAppMessagesAs(page, name);
  await command(page, text);
}

/** Types a slash command in the composer, as in Slack's message box. */
export async function command(page: Page, text: string) {
  await page.fill('#command', text);
  await page.press('#command', 'Enter');
}

/** The modal's input block with this block id. */
export const field = (page: Page, blockId: string) => page.locator(`#modal [data-input-block="${blockId}"]`);

/** The open modal's title, as shown. */
export const modalTitle = (page: Page) => page.locator('#modal .title').textContent();

/** Submits the open modal, as its submit button does. */
export const submitModal = (page: Page) => page.click('#modal [data-submit]');

/** Closes the modal the app may leave open after a submission (its answer shown in it). */
export async function closeModalIfOpen(page: Page) {
  if (await page.locator('#modal [data-close]').isVisible()) await page.click('#modal [data-close]');
}

/** Waits until the pane shows `text`: a message owed through the outbox arrives a moment later. */
export async function paneShows(page: Page, text: string, timeout = 10_000) {
  await expect.poll(() => page.locator('#pane').textContent(), { timeout }).toContain(text);
}

/** Picks `label` in a type-ahead field after typing `query`. */
export async function typeAhead(page: Page, blockId: string, query: string, label: string) {
  await field(page, blockId).locator('.typeahead').fill(query);
  await field(page, blockId).locator('.suggestions li', { hasText: label }).first().click();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });
}

/** Clicks `button` on the latest message of the pane that mentions `text` and carries it. */
export async function clickIn(page: Page, text: string, button: string) {
  const carrying = page
    .locator('#pane .message', { hasText: text })
    .filter({ has: page.locator('button', { hasText: button }) });
  await carrying.last().waitFor({ timeout: 10_000 });
  await carrying.last().locator('button', { hasText: button }).first().click();
}

/** The Paris calendar date `days` ahead, as the page's date inputs take it (jj/mm/aaaa). */
export function daysAhead(days: number): string {
  const [y, m, d] = localDate('Europe/Paris', new Date(Date.now() + days * 86_400_000)).split('-');
  return `${d}/${m}/${y}`;
}

/** Types a date (jj/mm/aaaa) and a time (hh:mm) in a date-time input, as the page shows it. */
export async function fillDateTime(page: Page, blockId: string, date: string, time: string) {
  await field(page, blockId).locator('input.date').fill(date);
  await field(page, blockId).locator('input.time').fill(time);
}

/** In a describe block: the workspace and its browser, opened once for the block and closed after. */
export function useWorkspace(settings?: BrowserSettings): () => BrowserWorkspace {
  let opened: BrowserWorkspace | undefined;
  beforeAll(async () => {
    opened = await openWorkspace(settings);
  }, 60_000);
  afterAll(async () => {
    await opened?.stop();
  });
  return () => opened!;
}

/**
 * The scenarios of `subject` in the simulated workspace, in a real browser: the workspace opened
 * once for them and closed after; skipped without a browser (see HAS_BROWSER).
 */
export function describeInWorkspace(subject: string, scenarios: (workspace: () => BrowserWorkspace) => void) {
  describe.runIf(HAS_BROWSER)(`in the simulated workspace, ${subject}`, () => scenarios(useWorkspace()));
}
