import { expect, it } from 'vitest';
import { VISIT_BLOCKS as V } from '../../src/slack/ids.js';
import { commandAs, describeInWorkspace, field, modalTitle, screenshot, submitModal, typeAhead } from './workspace.js';

describeInWorkspace('a capteur', (workspace) => {
  it('files a visit report: the modal, a French error next to its field, the saved report and its confirmation', async () => {
    const w = workspace();
    const { page } = w;
    await commandAs(page, 'Julien Roux', '/visite');
    await expect.poll(() => modalTitle(page)).toBe('Compte rendu de visite');
    await typeAhead(page, V.companyId, 'Porcel', 'Porcelaines de Foëcy');
    await field(page, V.stakesHigh).locator('select').selectOption('recrutement');
    await field(page, V.needs).locator('textarea').fill('Recruter deux émailleurs qualifiés.');
    // The diagnostic left empty: the app says so next to it, in French.
    await submitModal(page);
    await expect
      .poll(() => field(page, V.diagnostic).locator('.error').textContent())
      .toMatch(/obligatoire|Indiquez|Renseignez/i);
    await screenshot(page, 'visite-erreur');
    await field(page, V.diagnostic)
      .locator('textarea')
      .fill('Carnet de commandes stable, départs en retraite à anticiper.');
    await field(page, V.consentToShare).locator('input[value="oui"]').check();
    await submitModal(page);
    await expect.poll(() => modalTitle(page)).toBe('Visite enregistrée');
    await screenshot(page, 'visite-enregistree');
    await page.click('#modal [data-close]');
    await expect.poll(() => page.locator('#pane').textContent()).toContain('Porcelaines de Foëcy');
    expect(
      await w.db.prisma.visit.count({
        where: { company: { name: 'Porcelaines de Foëcy' }, needs: 'Recruter deux émailleurs qualifiés.' },
      }),
    ).toBe(1);
    await screenshot(page, 'visite-confirmation');
  });
});
