import { unnamedCompanies } from '../../src/services/committees/consent.js';
import { expect, it } from 'vitest';
import { ACTION_BLOCKS as AB, ACTION_CHANGE_BLOCKS as AC, COMMITTEE_BLOCKS as CB } from '../../src/slack/ids.js';
import { SIMULATED_CHANNELS } from '../../src/simulator/workspace.js';
import { workingDaysAhead } from '../support/calendar.js';
import {
  clickIn,
  closeModalIfOpen,
  command,
  commandAs,
  daysAhead,
  describeInWorkspace,
  field,
  fillDateTime,
  goTo,
  modalTitle,
  paneShows,
  playAs,
  screenshot,
  submitModal,
} from './workspace.js';

describeInWorkspace('the technical committee', (workspace) => {
  it('gets its agenda published, an action created in the meeting, and that action marked done by its owner', async () => {
    const w = workspace();
    const { page } = w;
    // The coordinator plans a session in ten days in the committee channel.
    await commandAs(page, 'Hélène Morel', '/comite planifier');
    await expect.poll(() => modalTitle(page)).toBe('Planifier un comité');
    await fillDateTime(page, CB.scheduledAt, daysAhead(workingDaysAhead(10)), '14:00');
    await field(page, CB.channel).locator('select').selectOption(SIMULATED_CHANNELS.committee);
    await submitModal(page);
    await expect.poll(() => page.locator('#modal .blocks').textContent()).toContain('planifié');
    await page.click('#modal [data-close]');
    const session = await w.db.prisma.committee.findFirstOrThrow({
      include: { items: { orderBy: { rank: 'asc' }, include: { company: true } } },
    });
    // The demo's Porcelaines de Foëcy refused sharing at its latest visit: on the agenda without its name.
    const unnamed = await unnamedCompanies(
      w.db.prisma,
      session.items.map((i) => i.companyId),
    );
    expect([...unnamed.keys()].map((id) => session.items.find((i) => i.companyId === id)!.company.name)).toEqual([
      'Porcelaines de Foëcy',
    ]);
    const item = session.items.find((i) => !unnamed.has(i.companyId))!;
    const company = item.company.name;

    // Published now rather than at J-7.
    await command(page, '/comite');
    await clickIn(page, 'Comités techniques', 'Publier l’ordre du jour');
    await expect
      .poll(async () => (await w.db.prisma.committee.findUniqueOrThrow({ where: { id: session.id } })).status)
      .toBe('agenda_published');
    await goTo(page, '# comite-technique');
    await paneShows(page, company);
    expect(await page.locator('#pane').textContent()).toContain(
      'Entreprise non nommée — industrie, 10 à 19 salariés, Foëcy',
    );
    expect(await page.locator('#pane').textContent()).not.toContain('Porcelaines');
    await screenshot(page, 'comite-ordre-du-jour');

    // In the meeting: an action for the first company, followed by the CCI.
    await clickIn(page, company, 'Créer une action');
    await expect.poll(() => modalTitle(page)).toBeTruthy();
    await field(page, AB.title).locator('input').fill('Monter une POE avec l’OPCO');
    const cci = await w.db.prisma.structure.findFirstOrThrow({ where: { name: 'CCI du Cher' } });
    await field(page, AB.ownerStructureId).locator('select').selectOption(cci.id);
    await field(page, AB.dueDate).locator('input').fill(daysAhead(40));
    await submitModal(page);
    const action = () => w.db.prisma.action.findFirst({ where: { title: 'Monter une POE avec l’OPCO' } });
    await expect.poll(async () => (await action())?.agendaItemId).toBe(item.id);
    await closeModalIfOpen(page);
    await paneShows(page, 'Monter une POE avec l’OPCO');

    // The CCI's member marks it done, with its outcome: its message is updated in place.
    await playAs(page, 'Julien Roux');
    await goTo(page, '# comite-technique');
    await clickIn(page, 'Monter une POE avec l’OPCO', 'Changer le statut');
    await field(page, AC.status).locator('input[value="realisee"]').check();
    await field(page, AC.note).locator('textarea').fill('Douze stagiaires en formation depuis lundi.');
    await submitModal(page);
    await expect.poll(async () => (await action())?.status).toBe('realisee');
    await closeModalIfOpen(page);
    const actionMessage = page
      .locator('#pane .message', { hasText: 'Monter une POE avec l’OPCO' })
      .filter({ hasText: 'Réalisée' });
    await expect.poll(() => actionMessage.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await actionMessage.last().textContent()).toContain('modifié');
    await screenshot(page, 'comite-action-realisee');
  });
});
