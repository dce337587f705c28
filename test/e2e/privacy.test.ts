import { beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_BUTTONS } from '../../src/slack/ids.js';
import { REFUSALS } from '../../src/texts/fr.js';
import { clickButton, responseTexts, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/** RGPD from Slack: a company's data exported to the coordination alone, erased by an administrator after confirmation. */
const coord = { id: 'URGPDCOORD', name: 'helene' };
const admin = { id: 'URGPDADMIN', name: 'admin' };
let companyId: string;

const { t, db, actors } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: admin, roles: ['admin'] },
    { user: 'URGPDCAPT', roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});

// Each test starts from the members and a company not erased: the export must not find the
// company the other test erased.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  companyId = await makeVisitedCompany();
});

/** A company with a visit whose diagnostic is personal data; returns its id. */
async function makeVisitedCompany(): Promise<string> {
  const company = await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique });
  await makeVisit(db.prisma, actors.URGPDCAPT!, company.id, {
    date: '2026-03-10',
    diagnostic: 'Le dirigeant souhaite céder.',
  });
  return company.id;
}

describe('a company’s data under the RGPD', () => {
  it('are exported to the coordinator alone, in their conversation with the app', async () => {
    await t.slack.command('/plateforme', `rgpd export ${SIRETS.mecanique}`, coord, {
      extra: { response_url: t.fake.responseUrl('export'), channel_id: 'CPUBLIC' },
    });
    expect((await responseTexts(t, 'export', 1))[0]).toContain('Export envoyé');
    expect(t.fake.succeeded('files.completeUploadExternal')[0]!.args.channel_id).toBe(`D${coord.id.slice(1)}`);
    expect(t.fake.succeeded('files.getUploadURLExternal')[0]!.args.filename).toBe(`donnees-${SIRETS.mecanique}.xlsx`);
  });

  it('are erased by an administrator only, after a confirmation', async () => {
    await t.slack.command('/plateforme', `rgpd effacer ${SIRETS.mecanique}`, coord, {
      extra: { response_url: t.fake.responseUrl('refused') },
    });
    expect((await responseTexts(t, 'refused', 1))[0]).toBe(REFUSALS.eraseCompanyData);
    await t.slack.command('/plateforme', `rgpd effacer ${SIRETS.mecanique}`, admin, {
      extra: { response_url: t.fake.responseUrl('confirm') },
    });
    await expect.poll(() => t.fake.responses.filter((r) => r.path.endsWith('/confirm')).length).toBe(1);
    const confirmation = t.fake.responses.find((r) => r.path.endsWith('/confirm'))!.body;
    expect(JSON.stringify(confirmation)).toContain(PRIVACY_BUTTONS.erase);
    expect((await db.prisma.company.findUniqueOrThrow({ where: { id: companyId } })).erasedAt).toBeNull();
    await clickButton(
      t,
      admin,
      { action_id: PRIVACY_BUTTONS.erase, block_id: 'privacy_erase', value: companyId },
      'erased',
    );
    expect((await responseTexts(t, 'erased', 1))[0]).toContain('effacées');
    expect(await db.prisma.company.findUniqueOrThrow({ where: { id: companyId } })).toMatchObject({
      siret: null,
      name: expect.stringMatching(/^Entreprise effacée/),
    });
  });
});
