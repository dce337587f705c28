import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_BUTTONS } from '../../src/slack/ids.js';
import { REFUSALS } from '../../src/texts/fr.js';
import { blockActions } from '../../src/simulator/slack-requests.js';
import { responseTexts, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeCompany, makeMember, makeStructure, SIRETS } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';

/** RGPD from Slack: a company's data exported to the coordination alone, erased by an administrator after confirmation. */
const coord = { id: 'URGPDCOORD', name: 'helene' };
const admin = { id: 'URGPDADMIN', name: 'admin' };
let db: TestDatabase;
let t: TestApp;
let companyId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestApp(db.prisma);
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  await makeMember(db.prisma, coord.id, ['coordinateur']);
  await makeMember(db.prisma, admin.id, ['admin']);
  const capteur = await makeMember(db.prisma, 'URGPDCAPT', ['capteur'], cci.id);
  companyId = (await makeCompany(db.prisma, { name: 'Forges de Vierzon', siret: SIRETS.mecanique })).id;
  await makeVisit(db.prisma, capteur, companyId, { date: '2026-03-10', diagnostic: 'Le dirigeant souhaite céder.' });
});
afterAll(async () => {
  await t?.stop();
  await db?.close();
});
beforeEach(() => t.fake.reset());

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
    await t.slack.interaction(
      blockActions({
        user: admin,
        actions: [{ action_id: PRIVACY_BUTTONS.erase, block_id: 'privacy_erase', value: companyId }],
        response_url: t.fake.responseUrl('erased'),
      }),
    );
    expect((await responseTexts(t, 'erased', 1))[0]).toContain('effacées');
    expect(await db.prisma.company.findUniqueOrThrow({ where: { id: companyId } })).toMatchObject({
      siret: null,
      name: expect.stringMatching(/^Entreprise effacée/),
    });
  });
});
