import { expect, it } from 'vitest';
import { ALERT_BLOCKS as A, OFFER_BLOCKS as O } from '../../src/slack/ids.js';
import { SIMULATED_CHANNELS } from '../../src/simulator/workspace.js';
import {
  clickIn,
  closeModalIfOpen,
  commandAs,
  describeInWorkspace,
  field,
  goTo,
  inAppMessagesAs,
  modalTitle,
  paneShows,
  screenshot,
  submitModal,
  typeAhead,
} from './workspace.js';

describeInWorkspace('an urgent recruitment need', (workspace) => {
  it('is raised by a capteur, taken and relayed by the coordinator, recorded by France Travail and diffused', async () => {
    const w = workspace();
    const { page } = w;
    // The capteur raises it.
    await commandAs(page, 'Sophie Laurent', '/alerte-recrutement');
    await expect.poll(() => modalTitle(page)).toContain('recrutement');
    await typeAhead(page, A.companyId, 'Aéro', 'Aéro Composites Centre');
    await field(page, A.p1Title).locator('input').fill('Stratifieur composite');
    await field(page, A.p1Count).locator('input').fill('3');
    await field(page, A.p1Contract).locator('select').selectOption('cdi');
    await field(page, A.p1Location).locator('input').fill('Bourges');
    await field(page, A.urgency).locator('textarea').fill('Commande aéronautique à livrer en février.');
    await field(page, A.contactName).locator('input').fill('Marc Petit, responsable de production');
    await field(page, A.contactPhone).locator('input').fill('02 48 00 00 02');
    await field(page, A.consentToName).locator('input[value="oui"]').check();
    await submitModal(page);
    // The app answers with its confirmation in the modal.
    await expect.poll(() => page.locator('#modal .blocks').textContent()).toContain('enregistrée');
    await page.click('#modal [data-close]');
    await expect
      .poll(
        async () =>
          (await w.db.prisma.recruitmentAlert.findFirst({ where: { company: { name: 'Aéro Composites Centre' } } }))
            ?.state,
      )
      .toBe('signalee');
    const { reference } = await w.db.prisma.recruitmentAlert.findFirstOrThrow({
      where: { company: { name: 'Aéro Composites Centre' } },
    });
    const state = async () => (await w.db.prisma.recruitmentAlert.findFirstOrThrow({ where: { reference } })).state;
    await screenshot(page, 'alerte-signalee');

    // The coordinator is paged: takes it, relays it to France Travail.
    await inAppMessagesAs(page, 'Hélène Morel');
    await clickIn(page, reference, 'Prendre en charge');
    await expect.poll(state).toBe('prise_en_charge');
    await clickIn(page, reference, 'Transmettre à France Travail');
    await expect.poll(state).toBe('transmise');
    await screenshot(page, 'alerte-page-coordination');

    // The France Travail adviser records the offer.
    await inAppMessagesAs(page, 'Karim Benali');
    await clickIn(page, reference, "Enregistrer l'offre");
    await expect.poll(() => modalTitle(page)).toBeTruthy();
    await field(page, O.reference).locator('input').fill('185XKQW');
    await field(page, O.contactName).locator('input').fill('Nadia Colin');
    await field(page, O.contactEmail).locator('input').fill('nadia.colin@francetravail.fr');
    await submitModal(page);
    await expect.poll(state).toBe('offre_enregistree');
    await closeModalIfOpen(page);

    // The coordinator diffuses it: the partners' channel shows the offer.
    await inAppMessagesAs(page, 'Hélène Morel');
    await clickIn(page, reference, 'Diffuser aux partenaires');
    await expect.poll(state).toBe('diffusee');
    await goTo(page, '# partenaires');
    await paneShows(page, '185XKQW');
    expect(w.workspace.fake.workspace.messages.some((m) => m.channel === SIMULATED_CHANNELS.partners)).toBe(true);
    await screenshot(page, 'alerte-diffusee');
  });
});
