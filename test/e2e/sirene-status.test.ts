/**
 * `/plateforme sirene` over signed HTTP: the coordination reads what the territory's SIRENE
 * reference holds (active establishments, those the platform follows, kept closed or moved ones)
 * and its last imports; anyone else is told who can.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { REFUSALS } from '../../src/texts/fr.js';
import { responseTexts, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { resetTables } from '../support/reset.js';

const coord = { id: 'USIRCOORD', name: 'helene' };
const capteur = { id: 'USIRCAPT', name: 'claire' };

const { t, db } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
});

beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
});

/** An establishment of the reference, in Vierzon (18279) unless said otherwise. */
function establishment(siret: string, fields: { active?: boolean; inTerritory?: boolean; diffusible?: boolean } = {}) {
  return db.prisma.sireneEstablishment.create({
    data: {
      siret,
      siren: siret.slice(0, 9),
      displayName: fields.diffusible === false ? 'Établissement non diffusible' : `Établissement ${siret}`,
      searchText: `etablissement ${siret} vierzon`,
      communeCode: '18279',
      communeName: 'Vierzon',
      ...fields,
    },
  });
}

async function ask(user: { id: string; name: string }, name: string): Promise<string> {
  await t.slack.command('/plateforme', 'sirene', user, { extra: { response_url: t.fake.responseUrl(name) } });
  return (await responseTexts(t, name, 1))[0]!;
}

describe('/plateforme sirene', () => {
  it('is for the coordination: a capteur is told who follows the reference', async () => {
    expect(await ask(capteur, 'refused')).toBe(REFUSALS.followSireneReference);
  });

  it('says how to import when nothing was imported yet', async () => {
    expect(await ask(coord, 'empty')).toContain('npm run sirene:import');
  });

  it('counts the active establishments in the territory, those followed, the kept ones, and lists the last imports', async () => {
    // Three active in the territory (one not diffusible), one closed, one moved out.
    await establishment('73282932000074');
    await establishment('73282932000082');
    await establishment('55210055400013', { diffusible: false });
    await establishment('40483304800022', { active: false });
    await establishment('38012986600036', { inTerritory: false });
    // The platform follows one of the three active, and the closed one: only the first counts as followed.
    await makeCompany(db.prisma, { name: 'Forges', siret: '73282932000074' });
    await makeCompany(db.prisma, { name: 'Ancienne', siret: '40483304800022' });
    await db.prisma.sireneImportRun.create({
      data: {
        startedAt: new Date('2026-11-02T03:00:00Z'),
        fileName: 'geo_siret_18.csv.gz',
        fileSha256: 'a'.repeat(64),
        communes: '18',
        status: 'ok',
        rowsRead: 52_000,
        rowsKept: 5,
        inserted: 5,
        durationMs: 30_000,
        finishedAt: new Date('2026-11-02T03:00:30Z'),
      },
    });
    await db.prisma.sireneImportRun.create({
      data: {
        startedAt: new Date('2026-12-01T03:00:00Z'),
        fileName: 'geo_siret_18.csv.gz',
        fileSha256: 'b'.repeat(64),
        communes: '18',
        status: 'failed',
        error: 'colonne siret absente',
      },
    });

    const text = await ask(coord, 'status');
    expect(text).toBe('3 établissements actifs sur le territoire, dont 1 suivi par la plateforme.');
    const blocks = JSON.stringify(t.fake.responses.find((r) => r.path.endsWith('/status'))?.body.blocks);
    expect(blocks).toContain('Conservés : 1 fermé, 1 sorti du territoire. 1 établissement actif non diffusible');
    // Newest first, in Paris time: the failed December run, then November's.
    const december = blocks.indexOf('01/12/2026 à 04:00 — geo_siret_18.csv.gz : *échec* (colonne siret absente).');
    const november = blocks.indexOf(
      '02/11/2026 à 04:00 — geo_siret_18.csv.gz (communes : 18) : 52\u202f000 lus, 5 retenus',
    );
    expect(december).toBeGreaterThan(0);
    expect(november).toBeGreaterThan(december);
  });
});
