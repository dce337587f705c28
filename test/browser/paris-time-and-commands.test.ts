import { describe, expect, it } from 'vitest';
import { COMMITTEE_BLOCKS as CB, VISIT_BLOCKS as V } from '../../src/slack/ids.js';
import { SIMULATED_CHANNELS } from '../../src/simulator/workspace.js';
import { localDate, localTime } from '../../src/time.js';
import { command, field, fillDateTime, goTo, HAS_BROWSER, playAs, screenshot, useWorkspace } from './workspace.js';

const PARIS = 'Europe/Paris';
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const french = (iso: string) => iso.split('-').reverse().join('/');

/** A Tuesday to Thursday at least `days` ahead in Paris, away from the year-end holidays. */
function plainWeekdayAhead(days: number): string {
  for (let d = days; ; d++) {
    const date = localDate(PARIS, new Date(Date.now() + d * 86_400_000));
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday >= 2 && weekday <= 4 && !/-(12-2[4-6]|12-31|01-0[12])$/.test(date)) return date;
  }
}

describe.runIf(HAS_BROWSER)('in the simulated workspace, on an English-language browser set to UTC', () => {
  const workspace = useWorkspace({ locale: 'en-US', timezoneId: 'UTC' });

  it('shows the simulated clock, the date inputs and the message times in Paris time and in French', async () => {
    const w = workspace();
    const { page } = w;
    // The browser really is an English one in UTC: Paris is an hour or two ahead of it.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    expect(await page.evaluate('navigator.language')).toBe('en-US');

    await playAs(page, 'Julien Roux');
    await goTo(page, 'Messages de l’application');
    const state = (await (await fetch(`${w.workspace.url}/api/state?user=U0SEEDCCI01`)).json()) as { now: string };
    const now = new Date(state.now);
    const clock = (await page.locator('#now').textContent()) ?? '';
    expect(clock).toContain(WEEKDAYS[new Date(`${localDate(PARIS, now)}T12:00:00Z`).getUTCDay()]!);
    expect(clock).toContain(String(Number(localDate(PARIS, now).slice(8))));
    expect(clock).toContain(localDate(PARIS, now).slice(0, 4));
    // The minute may have turned since the state was read.
    const hours = [localTime(now, PARIS), localTime(new Date(now.getTime() + 60_000), PARIS)];
    expect(hours.some((h) => clock.includes(h))).toBe(true);
    expect(clock).not.toMatch(/AM|PM|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday/);

    // The visit date is today's Paris date, shown jj/mm/aaaa (a native input would show mm/dd/yyyy).
    await command(page, '/visite');
    await expect.poll(() => page.locator('#modal .title').textContent()).toBe('Compte rendu de visite');
    expect(await field(page, V.visitDate).locator('input').inputValue()).toBe(french(localDate(PARIS)));
    await screenshot(page, 'visite-date-francaise');
    await page.click('#modal [data-close]');
    await expect.poll(() => page.locator('#modal').isHidden()).toBe(true);
  });

  it('plans a committee at 14:00 typed as 14:00 Paris time, and shows the proposed time in Paris time', async () => {
    const w = workspace();
    const { page } = w;
    await playAs(page, 'Hélène Morel');
    await goTo(page, 'Messages de l’application');
    await command(page, '/comite planifier');
    await expect.poll(() => page.locator('#modal .title').textContent()).toBe('Planifier un comité');
    // The time the app proposes (a Unix time in the view) is shown as Paris reads it.
    const view = w.workspace.fake.workspace.modals.get('U0SEEDCOORD')!.at(-1)!.view as {
      blocks: { block_id?: string; element?: { initial_date_time?: number } }[];
    };
    const proposed = new Date(
      view.blocks.find((b) => b.block_id === CB.scheduledAt)!.element!.initial_date_time! * 1000,
    );
    expect(await field(page, CB.scheduledAt).locator('input.date').inputValue()).toBe(
      french(localDate(PARIS, proposed)),
    );
    expect(await field(page, CB.scheduledAt).locator('input.time').inputValue()).toBe(localTime(proposed, PARIS));

    // A date that is not one is said next to the field, nothing is sent.
    await fillDateTime(page, CB.scheduledAt, '31/02/2027', '14:00');
    await page.click('#modal [data-submit]');
    await expect.poll(() => field(page, CB.scheduledAt).locator('.error').textContent()).toContain('jj/mm/aaaa');

    const day = plainWeekdayAhead(10);
    await fillDateTime(page, CB.scheduledAt, french(day), '14:00');
    await field(page, CB.channel).locator('select').selectOption(SIMULATED_CHANNELS.committee);
    await page.click('#modal [data-submit]');
    await expect.poll(() => page.locator('#modal .blocks').textContent()).toContain('planifié');
    const session = await w.db.prisma.committee.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(localDate(PARIS, session.scheduledAt)).toBe(day);
    expect(localTime(session.scheduledAt, PARIS)).toBe('14:00');
    await screenshot(page, 'comite-planifie-heure-de-paris');
    await page.click('#modal [data-close]');
  });

  it('answers a mistyped command as Slack does, and shows text without a « / » as the person’s message', async () => {
    const w = workspace();
    const { page } = w;
    await playAs(page, 'Julien Roux');
    await goTo(page, '# partenaires');
    const slackbot = page.locator('#pane .message', { hasText: 'Slackbot' });
    const before = await slackbot.count();
    for (const [i, typed] of ['/visites', '/Visite'].entries()) {
      await command(page, typed);
      await expect.poll(() => slackbot.count()).toBe(before + i + 1);
      const answer = slackbot.last();
      expect(await answer.textContent()).toContain(`${typed} n’est pas une commande valide.`);
      expect(await answer.textContent()).toContain('visible par vous seul');
      // Posted now, as Paris reads the time.
      const at = new Date(Number.parseFloat((await answer.getAttribute('data-ts'))!) * 1000);
      expect(await answer.locator('time').textContent()).toBe(localTime(at, PARIS));
    }
    // Neither reached the app: no modal opened.
    expect(await page.locator('#modal').isHidden()).toBe(true);
    await screenshot(page, 'commande-inconnue');

    await command(page, 'visite');
    const said = page.locator('#pane .message.from-person', { hasText: 'visite' });
    await expect.poll(() => said.count()).toBe(1);
    expect(await said.locator('.who').textContent()).toBe('Julien Roux');
    expect(await page.locator('#modal').isHidden()).toBe(true);
    // Another person sees the message in the channel, not the answers meant for Julien.
    await playAs(page, 'Hélène Morel');
    await goTo(page, '# partenaires');
    await expect.poll(() => page.locator('#pane .message.from-person').count()).toBe(1);
    expect(await page.locator('#pane .message', { hasText: 'Slackbot' }).count()).toBe(0);
  });

  it('gets what others post pushed to it, without polling', async () => {
    const w = workspace();
    const { page } = w;
    await playAs(page, 'Julien Roux');
    await goTo(page, '# pilotage');
    let polled = 0;
    const count = (request: { url(): string }) => {
      if (request.url().includes('/api/state')) polled++;
    };
    page.on('request', count);
    try {
      const res = await fetch(`${w.workspace.url}/api/say`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          user: 'U0SEEDCOORD',
          text: 'Point d’étape vendredi.',
          channel: SIMULATED_CHANNELS.steering,
        }),
      });
      expect(res.status).toBe(200);
      await expect.poll(() => page.locator('#pane').textContent()).toContain('Point d’étape vendredi.');
      // Idle for twice the old polling period: not one request for the state.
      await page.waitForTimeout(3_200);
      expect(polled).toBe(0);
    } finally {
      page.off('request', count);
    }
  });
});
