import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROGRAMME_BUTTONS, TARGET_BLOCKS as B, VIEWS } from '../../src/slack/ids.js';
import { PROGRAMME_TEXTS, REFUSALS } from '../../src/texts/fr.js';
import { clickButton, responseTexts, withTestApp } from '../support/app.js';
import { makeCompany, referenceRow } from '../support/factories.js';
import { submitModal } from '../support/forms.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * « Proposer des cibles » over signed HTTP, from /plateforme programmes to the programmes: the
 * criteria (defaults kept), the proposal split between the CCI and the CMA, the spreadsheet in
 * the coordinator's conversation with the app, the establishments added to each programme.
 *
 * The reference: R1 (25.62B, 20 to 49 employees, Vierzon) → CCI; R2 (10.71C, trade register,
 * 10 to 19) → CMA; R3 a `P` unit (never named, never proposed); R4 visited on 1 October 2026
 * (visited lately: left out). Friday 20 November 2026: the programmes of 2026 (and 2027) can be set.
 */
const coord = { id: 'UTPCOORD', name: 'helene' };
const capteur = { id: 'UTPCAPT', name: 'claire' };
const clock = new Date('2026-11-20T08:00:00Z');
type Modal = { id?: string; callback_id: string; private_metadata: string; blocks: never[] };

const { t, db, actors, structures } = withTestApp({
  now: () => clock,
  structures: { 'CCI du Cher': 'cci', 'CMA du Cher': 'cma' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});

const SIRET = { r1: '70000000000011', r2: '70000000000029', r3: '70000000000037', r4: '70000000000045' };

beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
});

async function seedReference() {
  await db.prisma.sireneEstablishment.createMany({
    data: [
      referenceRow(SIRET.r1, 'Fonderie de Vierzon'),
      referenceRow(SIRET.r2, 'Boulangerie Martin', { nafCode: '10.71C', headcountBand: '11', tradeRegister: true }),
      referenceRow(SIRET.r3, 'Établissement non diffusible', { diffusible: false }),
      referenceRow(SIRET.r4, 'Chaudronnerie du Cher'),
    ],
  });
  const r4 = await makeCompany(db.prisma, { name: 'Chaudronnerie du Cher', siret: SIRET.r4 });
  await makeVisit(db.prisma, actors[capteur.id]!, r4.id, { date: '2026-10-01' });
}

const T = PROGRAMME_TEXTS.propose;

describe('proposed targets', () => {
  it('go from the criteria to a proposal, a spreadsheet for the coordinator alone, and the programmes', async () => {
    await seedReference();
    await t.slack.command('/plateforme', 'programmes', coord, { extra: { response_url: t.fake.responseUrl('list') } });
    const [list] = await responseTexts(t, 'list', 1);
    expect(list).toContain('Programmes de visites 2026');
    expect(JSON.stringify(t.fake.responses.at(-1)!.body)).toContain(PROGRAMME_BUTTONS.proposeTargets);

    // A capteur cannot; the coordinator gets the criteria, defaults set.
    await clickButton(t, capteur, { action_id: PROGRAMME_BUTTONS.proposeTargets, block_id: 'b' }, 'refused');
    expect(await responseTexts(t, 'refused', 1)).toEqual([REFUSALS.managePrograms]);
    await clickButton(t, coord, { action_id: PROGRAMME_BUTTONS.proposeTargets, block_id: 'b' });
    const criteria = (await t.fake.waitFor('views.open')).args.view as Modal;
    expect(criteria.callback_id).toBe(VIEWS.targetCriteria);

    const acked = (await t.slack.interaction(submitModal(coord, criteria, {}, { keepInitial: true }))).json();
    expect(acked.response_action).toBe('update');
    expect(JSON.stringify(acked.view)).toContain('Recherche des établissements');
    const shown = (await t.fake.waitFor('views.update')).args as { view_id: string; view: Modal };
    expect(shown.view_id).toBe('V-test');
    const proposal = shown.view;
    const text = JSON.stringify(proposal);
    expect(text).toContain('*2 établissements proposés* pour les programmes 2026.');
    expect(text).toContain('*CCI du Cher* — 1 établissement hors registre des métiers');
    expect(text).toContain('Fonderie de Vierzon (Vierzon)');
    expect(text).toContain('*CMA du Cher* — 1 établissement inscrit au registre des métiers');
    expect(text).toContain('Laissés de côté : 1 visité récemment, 1 non diffusible');
    expect(text).not.toContain('non diffusible (');
    expect(text).toContain(T.sheetSent);

    // The spreadsheet, in the coordinator's conversation with the app, recorded for deletion.
    const complete = t.fake.succeeded('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.args.channel_id).toBe(`D${coord.id.slice(1)}`);
    expect(t.fake.succeeded('files.getUploadURLExternal')[0]!.args.filename).toBe('cibles-proposees-2026.xlsx');
    const upload = t.fake.uploads[0]!.bytes;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      upload.subarray(upload.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'))) as unknown as ArrayBuffer,
    );
    expect(book.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'CCI du Cher', 'CMA du Cher']);
    expect(book.getWorksheet('CCI du Cher')!.getRow(2).values).toContain('Fonderie de Vierzon');
    expect(await db.prisma.exportFile.findMany({ select: { kind: true, slackUserId: true } })).toEqual([
      { kind: 'cibles_proposees', slackUserId: coord.id },
    ]);

    // Neither structure has a 2026 programme: their monthly targets are asked, an empty one refused.
    // Both structures' groups checked, the CCI's new programme at 3 visits a month, the CMA's at `cma`.
    const addBoth = async (cma: string) =>
      (
        await t.slack.interaction(
          submitModal(
            coord,
            { ...proposal, id: 'V-test' },
            {
              [`${B.addPrefix}other`]: ['other'],
              [`${B.addPrefix}tradeRegister`]: ['tradeRegister'],
              [`${B.monthlyPrefix}other`]: '3',
              [`${B.monthlyPrefix}tradeRegister`]: cma,
            },
          ),
        )
      ).json();
    const missing = await addBoth('');
    expect(missing).toEqual({
      response_action: 'errors',
      errors: { [`${B.monthlyPrefix}tradeRegister`]: T.monthlyMissing },
    });
    const added = await addBoth('2');
    expect(JSON.stringify(added.view)).toContain('Ajout aux programmes');
    await expect.poll(() => t.fake.succeeded('views.update').length).toBe(2);
    const result = JSON.stringify(t.fake.succeeded('views.update')[1]!.args.view);
    expect(result).toContain('CCI du Cher : 1 cible ajoutée au programme 2026 (1 cible en tout).');
    expect(result).toContain('CMA du Cher : 1 cible ajoutée au programme 2026 (1 cible en tout).');
    const programmes = await db.prisma.visitProgramme.findMany({
      orderBy: { monthlyTarget: 'asc' },
      select: {
        structureId: true,
        monthlyTarget: true,
        targets: { select: { company: { select: { siret: true, name: true } } } },
      },
    });
    expect(programmes).toEqual([
      {
        structureId: structures['CMA du Cher']!.id,
        monthlyTarget: 2,
        targets: [{ company: { siret: SIRET.r2, name: 'Boulangerie Martin' } }],
      },
      {
        structureId: structures['CCI du Cher']!.id,
        monthlyTarget: 3,
        targets: [{ company: { siret: SIRET.r1, name: 'Fonderie de Vierzon' } }],
      },
    ]);
  });

  it('says what to do when the reference was never imported', async () => {
    await clickButton(t, coord, { action_id: PROGRAMME_BUTTONS.proposeTargets, block_id: 'b' }, 'empty');
    expect(await responseTexts(t, 'empty', 1)).toEqual([T.noReference]);
    expect(t.fake.succeeded('views.open')).toHaveLength(0);
  });
});
