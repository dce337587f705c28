import { expect, it } from 'vitest';
import { VISIT_BLOCKS as V } from '../../src/slack/ids.js';
import { commandAs, describeInWorkspace, field, modalTitle, screenshot, submitModal, typeAhead } from './workspace.js';

describeInWorkspace('a capteur', (workspace) => {
  it('files a visit report: the company picked shows its identity, the figures skipped in one move, a French error next to its field, the modal closed and the confirmation', async () => {
    const w = workspace();
    const { page } = w;
    await commandAs(page, 'Julien Roux', '/visite');
    await expect.poll(() => modalTitle(page)).toBe('Compte rendu de visite');
    // Nothing of a new company until asked.
    expect(await page.locator(`#modal [data-input-block="${V.newName}"]`).count()).toBe(0);
    await field(page, V.needs).locator('textarea').fill('Recruter deux émailleurs qualifiés.');
    // Picking the company redraws the form with its identity; what was typed stays.
    await typeAhead(page, V.companyId, 'Porcel', 'Porcelaines de Foëcy');
    await expect.poll(() => page.locator('#modal').textContent()).toMatch(/SIRET .*· NAF/);
    expect(await field(page, V.needs).locator('textarea').inputValue()).toBe('Recruter deux émailleurs qualifiés.');
    // The figures skipped in one move.
    await field(page, V.figures).locator('input[value="passer"]').check();
    await expect.poll(() => page.locator(`#modal [data-input-block="${V.headcount}"]`).count()).toBe(0);
    await field(page, V.stakes).locator('select').selectOption('haute:recrutement');
    // The diagnostic left empty: the app says so next to it, in French.
    await submitModal(page);
    await expect
      .poll(() => field(page, V.diagnostic).locator('.error').textContent())
      .toMatch(/obligatoire|Indiquez|Renseignez/i);
    await screenshot(page, 'visite-erreur');
    await field(page, V.diagnostic)
      .locator('textarea')
      .fill('Carnet de commandes stable, départs en retraite à anticiper.');
    await field(page, V.followUp).locator('input[value="partage"]').check();
    await submitModal(page);
    // The modal closes; the summary and its buttons come by direct message.
    await expect.poll(() => page.locator('#modal').isHidden()).toBe(true);
    await expect.poll(() => page.locator('#pane').textContent()).toContain('Porcelaines de Foëcy');
    await expect.poll(() => page.locator('#pane').textContent()).toContain('Compte rendu de visite enregistré');
    expect(
      await w.db.prisma.visit.count({
        where: { company: { name: 'Porcelaines de Foëcy' }, needs: 'Recruter deux émailleurs qualifiés.' },
      }),
    ).toBe(1);
    await screenshot(page, 'visite-confirmation');
  });
});
