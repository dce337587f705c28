import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.js';
import { HELP, REFUSALS } from '../../src/texts/fr.js';
import type { SlackUser } from '../../src/simulator/slack-requests.js';
import { clickButton, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';

const capteur = { id: 'UCAPTEUR1', name: 'claire.martin' };
const sameStructure = { id: 'UCOMITE1', name: 'paul.durand' };
const otherStructure = { id: 'UCOMITE2', name: 'lea.bernard' };
const coordinator = { id: 'UCOORD', name: 'nadia.coord' };
const franceTravail = { id: 'UFT1', name: 'yves.ft' };
const stranger = { id: 'USTRANGER', name: 'inconnu' };

/** The confidential diagnostic of a company that did not consent to sharing. */
const SECRET = 'Le dirigeant envisage de fermer le site de Vierzon';

const { t, db, actors } = withTestApp({
  structures: { 'CCI du Cher': 'cci', 'CMA du Cher': 'cma' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: sameStructure, roles: ['comite'], structure: 'CCI du Cher' },
    { user: otherStructure, roles: ['comite'], structure: 'CMA du Cher' },
    { user: coordinator, roles: ['coordinateur'] },
    { user: franceTravail, roles: ['france_travail'], structure: 'CCI du Cher' },
  ],
});

// ───────────────────────────── Helpers ─────────────────────────────

type Block = {
  type: string;
  text?: { text: string };
  accessory?: { action_id: string; value?: string };
  elements?: { text?: string; action_id?: string; value?: string }[];
};
type Message = { text?: string; response_type?: string; blocks?: Block[] };

let responseSeq = 0;

/** Sends /entreprise and returns what the app answered on the response_url. */
async function entreprise(text: string, user: SlackUser): Promise<Message> {
  const id = `entreprise-${++responseSeq}`;
  const res = await t.slack.command('/entreprise', text, user, { extra: { response_url: t.fake.responseUrl(id) } });
  expect(res.status).toBe(200);
  return (await t.fake.waitForResponse((_b, path) => path.endsWith(`/${id}`))).body;
}

/** The card of a company as `user` sees it, through « Voir la fiche » (from a message). */
async function cardSeenBy(user: SlackUser, companyId: string): Promise<Message> {
  const id = `fiche-${++responseSeq}`;
  await clickButton(t, user, { action_id: ACTIONS.showCompanyCard, block_id: 'choices', value: companyId }, id);
  return (await t.fake.waitForResponse((_b, path) => path.endsWith(`/${id}`))).body;
}

/** Every text of a message, blocks included, for « shows / never shows » checks. */
const allText = (message: Message) => JSON.stringify(message);

// ───────────────────────────── Tests ─────────────────────────────

describe('/entreprise', () => {
  beforeAll(async () => {
    await makeCompany(db.prisma, { name: 'Fonderie du Berry', siret: SIRETS.mecanique, commune: 'Bourges' });
    await makeCompany(db.prisma, { name: 'Fonderie de Vierzon', siret: SIRETS.other, commune: 'Vierzon' });
  });

  it('answers several matches with a list, each with « Voir la fiche »', async () => {
    const answer = await entreprise('fonderie', sameStructure);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe('2 entreprises correspondent à « fonderie ».');
    const choices = (answer.blocks ?? []).filter((b) => b.accessory?.action_id === ACTIONS.showCompanyCard);
    expect(choices.map((b) => b.text?.text)).toEqual([
      'Fonderie de Vierzon — Vierzon — 443 061 841 00047',
      'Fonderie du Berry — Bourges — 732 829 320 00074',
    ]);
    const ids = await db.prisma.company.findMany({
      where: { name: { startsWith: 'Fonderie' } },
      orderBy: { name: 'asc' },
      select: { id: true },
    });
    expect(choices.map((b) => b.accessory?.value)).toEqual(ids.map((c) => c.id));
  });

  it('opens the card directly for a single match, by SIRET or by name', async () => {
    for (const query of ['732 829 320 00074', 'fonderie berry']) {
      const answer = await entreprise(query, sameStructure);
      expect(answer.text).toBe('Fiche entreprise : Fonderie du Berry (Bourges)');
    }
  });

  it('says in French that no company is known', async () => {
    const answer = await entreprise('Boulangerie Moreau', sameStructure);
    expect(answer.text).toMatch(/^Aucune entreprise connue ne correspond à « Boulangerie Moreau »/);
  });

  it('shows the help for « aide » and without a query', async () => {
    expect((await entreprise('aide', sameStructure)).text).toBe(HELP.entreprise);
    expect((await entreprise('', sameStructure)).text).toBe(HELP.entreprise);
  });

  it('refuses a member whose only role is France Travail, and an unknown user', async () => {
    const refused = await entreprise('fonderie', franceTravail);
    expect(refused.text).toBe(REFUSALS.readCompanies);
    expect(allText(refused)).not.toContain('Fonderie');
    expect((await entreprise('fonderie', stranger)).text).toBe(REFUSALS.unknownMember);
  });

  it('refuses « Voir la fiche » to a member whose only role is France Travail', async () => {
    const company = await db.prisma.company.findFirstOrThrow({ where: { name: 'Fonderie du Berry' } });
    await clickButton(
      t,
      franceTravail,
      { action_id: ACTIONS.showCompanyCard, block_id: 'choices', value: company.id },
      'ft',
    );
    const refusal = await t.fake.waitFor('views.open');
    expect(JSON.stringify(refusal.args.view)).toContain(REFUSALS.readCompanies);
    expect(t.fake.responses).toHaveLength(0);
  });
});

describe('consent to sharing', () => {
  let companyId: string;

  beforeAll(async () => {
    const company = await makeCompany(db.prisma, {
      name: 'Tôlerie Dupont',
      siret: SIRETS.unknownValid,
      commune: 'Vierzon',
    });
    companyId = company.id;
    // An older visit the company agreed to share, then a newer one it did not.
    await makeVisit(db.prisma, actors[capteur.id]!, companyId, {
      date: '2025-06-12',
      diagnostic: 'Activité soutenue, recrutements prévus.',
      consentToShare: true,
      redFlags: ['recrutement_urgent'],
    });
    await makeVisit(db.prisma, actors[capteur.id]!, companyId, {
      date: '2026-02-03',
      diagnostic: `${SECRET}, 40 emplois concernés.`,
      consentToShare: false,
      stakes: [{ stake: 'difficultes_restructuration', priority: 'haute' }],
      redFlags: ['fermeture_ou_demenagement', 'emplois_menaces'],
    });
  });

  it.each([
    ['the capteur who filed it', capteur],
    ['a member of the capteur’s structure', sameStructure],
    ['the coordinator', coordinator],
  ])('shows the unshared visit in full to %s', async (_label, viewer) => {
    const card = allText(await cardSeenBy(viewer, companyId));
    expect(card).toContain(SECRET);
    expect(card).toContain('Fermeture ou déménagement envisagé');
    expect(card).toContain('Difficultés / restructuration');
    expect(card).not.toContain('contenu non partagé');
  });

  it('shows a member of another structure only that a visit took place', async () => {
    const card = await cardSeenBy(otherStructure, companyId);
    const text = allText(card);
    expect(text).toContain("*03/02/2026* — CCI du Cher : contenu non partagé (l'entreprise n'a pas donné son accord).");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('40 emplois');
    expect(text).not.toContain('Fermeture ou déménagement');
    expect(text).not.toContain('Emplois menacés');
    expect(text).not.toContain('Difficultés / restructuration');
    // The shared visit stays readable, with its own flag.
    expect(text).toContain('Activité soutenue, recrutements prévus.');
    expect(text).toContain('Recrutement urgent');
  });

  it('keeps the unshared content from the other structure through /entreprise too', async () => {
    const text = allText(await entreprise('tolerie dupont', otherStructure));
    expect(text).toContain('contenu non partagé');
    expect(text).not.toContain(SECRET);
  });
});

describe('a company with many visits', () => {
  it('shows the 8 latest and counts the older ones', async () => {
    const company = await makeCompany(db.prisma, { name: 'Scierie des Bordes', commune: 'Aubigny-sur-Nère' });
    // Eleven monthly visits, January to November 2025, filed in no particular order.
    for (const month of [3, 11, 1, 7, 5, 9, 2, 10, 4, 8, 6]) {
      await makeVisit(db.prisma, actors[capteur.id]!, company.id, {
        date: `2025-${String(month).padStart(2, '0')}-15`,
        diagnostic: `Diagnostic du mois ${month}.`,
      });
    }
    const card = await cardSeenBy(sameStructure, company.id);
    const text = allText(card);
    const shown = [...text.matchAll(/\*15\/(\d\d)\/2025\* — CCI du Cher/g)].map((m) => m[1]);
    expect(shown).toEqual(['11', '10', '09', '08', '07', '06', '05', '04']);
    expect(text).toContain('… et 3 visites plus anciennes.');
    expect(text).not.toContain('Diagnostic du mois 3.');
    expect(text).toContain('*Visites*\\n11');
    expect((card.blocks ?? []).length).toBeLessThanOrEqual(50);
  });

  it('shows no « plus anciennes » line at exactly 8 visits', async () => {
    const company = await makeCompany(db.prisma, { name: 'Menuiserie Lefort', commune: 'Sancerre' });
    for (let month = 1; month <= 8; month++) {
      await makeVisit(db.prisma, actors[capteur.id]!, company.id, { date: `2025-0${month}-10` });
    }
    const text = allText(await cardSeenBy(sameStructure, company.id));
    expect([...text.matchAll(/\*10\/0\d\/2025\*/g)]).toHaveLength(8);
    expect(text).not.toContain('plus ancienne');
  });
});
