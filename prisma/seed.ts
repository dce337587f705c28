/**
 * Demo data: fictional partners, people and companies of a real territory (the Cher), real NAF
 * codes and INSEE headcount bands, Luhn-valid but invented SIRETs. Filed through the same
 * services as Slack, so it obeys the same rules. Idempotent: run it as often as you like.
 *
 *   npm run seed                               # embedded database (PGLITE_DATA_DIR)
 *   DATABASE_URL=postgresql://… npm run seed   # PostgreSQL
 *   SEED_CAPTEUR_SLACK_ID=U0123ABCD npm run seed   # also make you a capteur, to see the App Home
 */
import type { Role, StructureKind } from '../src/generated/prisma/enums.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { sectorFamilyOf } from '../src/reference/sector-family.js';
import { searchKey } from '../src/reference/text.js';
import { parseAlertReport } from '../src/services/alerts/alert-report.js';
import { raiseAlert } from '../src/services/alerts/alerts.js';
import { findActor } from '../src/services/members.js';
import type { Db } from '../src/services/db.js';
import { fileVisit } from '../src/services/visits/file-visit.js';
import { parseVisitReport, type VisitForm } from '../src/services/visits/visit-report.js';

const STRUCTURES: [string, StructureKind][] = [
  ['Agence de développement économique du Cher (MD3E)', 'agence_developpement'],
  ['CCI du Cher', 'cci'],
  ['CMA Centre-Val de Loire — Cher', 'cma'],
  ['France Travail Vierzon', 'france_travail'],
  ['Mission locale de Bourges', 'mission_locale'],
  ['OPCO 2i', 'opco'],
];

const MEMBERS: [string, string, Role[], string | null][] = [
  [
    'U0SEEDCOORD',
    'Hélène Morel',
    ['coordinateur', 'comite', 'admin'],
    'Agence de développement économique du Cher (MD3E)',
  ],
  ['U0SEEDCCI01', 'Julien Roux', ['capteur', 'comite'], 'CCI du Cher'],
  ['U0SEEDCMA01', 'Sophie Laurent', ['capteur', 'comite'], 'CMA Centre-Val de Loire — Cher'],
  ['U0SEEDFT001', 'Karim Benali', ['capteur', 'france_travail', 'comite'], 'France Travail Vierzon'],
  ['U0SEEDPIL01', 'Anne Girard', ['pilotage'], 'OPCO 2i'],
];

/** A Luhn-valid SIRET from a fictional SIREN stem and establishment number. */
function siret(stem: string, nic: string): string {
  const body = `${stem}${nic}`; // 13 digits, the 14th is the check digit
  for (let d = 0; d <= 9; d++) {
    const candidate = `${body}${d}`;
    const sum = [...candidate].reverse().reduce((acc, ch, i) => {
      const n = Number(ch) * (i % 2 === 1 ? 2 : 1);
      return acc + (n > 9 ? n - 9 : n);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const COMPANIES = [
  {
    siret: siret('90100010', '00011'),
    name: 'Forges de Vierzon',
    naf: '25.50A',
    band: '21',
    commune: 'Vierzon',
    cp: '18100',
  },
  {
    siret: siret('90100020', '00012'),
    name: 'Mécanique de Précision du Berry',
    naf: '25.62B',
    band: '12',
    commune: 'Bourges',
    cp: '18000',
  },
  {
    siret: siret('90100030', '00013'),
    name: 'Porcelaines de Foëcy',
    naf: '23.41Z',
    band: '11',
    commune: 'Foëcy',
    cp: '18500',
  },
  {
    siret: siret('90100040', '00014'),
    name: 'Aéro Composites Centre',
    naf: '30.30Z',
    band: '22',
    commune: 'Bourges',
    cp: '18000',
  },
  {
    siret: siret('90100050', '00015'),
    name: 'Logiciels Cher Industrie',
    naf: '62.01Z',
    band: '03',
    commune: 'Saint-Amand-Montrond',
    cp: '18200',
  },
  {
    siret: siret('90100060', '00016'),
    name: 'Bureau d’études Lambert',
    naf: '71.12B',
    band: '02',
    commune: 'Vierzon',
    cp: '18100',
  },
  { siret: null, name: 'Menuiserie Périchon', naf: '16.23Z', band: '02', commune: 'Mehun-sur-Yèvre', cp: '18500' },
];

type Visit = { key: string; capteur: string; company: number; daysAgo: number; form: Partial<VisitForm> };

const VISITS: Visit[] = [
  {
    key: 'seed-visit-01',
    capteur: 'U0SEEDCCI01',
    company: 0,
    daysAgo: 40,
    form: {
      channel: 'sur_site',
      headcount: '64',
      headcountTrend: 'hausse',
      hiringNeeds: 'Forgeron : 2\nRégleur CN : 1',
      hiringHorizon: 'urgent',
      stakesHigh: ['recrutement'],
      stakesMedium: ['investissement_modernisation'],
      needs: 'Recruter deux forgerons avant le printemps.',
      diagnostic:
        'Carnet de commandes en forte hausse (aéronautique) ; métiers en tension ; projet de nouvelle presse.',
      consentToShare: 'oui',
      toCommitteeAgenda: true,
    },
  },
  {
    key: 'seed-visit-02',
    capteur: 'U0SEEDCMA01',
    company: 1,
    daysAgo: 25,
    form: {
      channel: 'sur_site',
      headcount: '27',
      headcountTrend: 'stable',
      transmissionBuyer: 'non_identifie',
      stakesHigh: ['transmission_reprise'],
      stakesLow: ['numerique'],
      needs: 'Accompagnement à la recherche d’un repreneur.',
      diagnostic: 'Dirigeant de 63 ans, aucun repreneur en vue ; savoir-faire rare.',
      consentToShare: 'oui',
      toCommitteeAgenda: true,
    },
  },
  {
    key: 'seed-visit-03',
    capteur: 'U0SEEDCCI01',
    company: 2,
    daysAgo: 12,
    form: {
      channel: 'sur_site',
      headcount: '14',
      headcountTrend: 'baisse',
      jobsAtRisk: '4',
      siteOutlook: 'reduction',
      revenueTrend: 'baisse',
      stakesHigh: ['difficultes_restructuration'],
      stakesMedium: ['export', 'competences_formation'],
      needs: 'Activité partielle, formation des salariés.',
      diagnostic: 'Perte d’un client export majeur ; quatre postes menacés d’ici six mois.',
      consentToShare: 'non',
    },
  },
  {
    key: 'seed-visit-04',
    capteur: 'U0SEEDFT001',
    company: 3,
    daysAgo: 5,
    form: {
      channel: 'visio',
      headcount: '140',
      headcountTrend: 'hausse',
      hiringNeeds: 'Stratifieur : 6\nContrôleur qualité : 2',
      hiringHorizon: 'douze_mois',
      investmentPlanned: 'oui',
      exportSharePct: '45',
      stakesHigh: ['recrutement', 'competences_formation'],
      stakesLow: ['transition_ecologique'],
      needs: 'Formation de stratifieurs, préparation opérationnelle à l’emploi.',
      diagnostic: 'Croissance portée par l’aéronautique ; besoin de former localement.',
      consentToShare: 'oui',
    },
  },
  {
    key: 'seed-visit-05',
    capteur: 'U0SEEDCMA01',
    company: 6,
    daysAgo: 2,
    form: {
      channel: 'telephone',
      headcount: '4',
      stakesMedium: ['foncier_immobilier'],
      needs: 'Trouver un atelier plus grand.',
      diagnostic: 'Activité stable, locaux trop petits.',
      consentToShare: 'oui',
    },
  },
];

async function upsertStructures(db: Db) {
  for (const [name, kind] of STRUCTURES)
    await db.structure.upsert({ where: { name }, create: { name, kind }, update: {} });
}

async function upsertMember(
  db: Db,
  slackUserId: string,
  displayName: string | null,
  roles: Role[],
  structureName: string | null,
) {
  const structure = structureName ? await db.structure.findUniqueOrThrow({ where: { name: structureName } }) : null;
  const member = await db.member.upsert({
    where: { slackUserId },
    create: { slackUserId, displayName, structureId: structure?.id ?? null },
    update: {},
  });
  await db.memberRole.createMany({ data: roles.map((role) => ({ memberId: member.id, role })), skipDuplicates: true });
}

/** Creates the demo data on a migrated database; returns how many visits it filed this time. */
export async function seedDemoData(
  db: Db,
  options: { capteurSlackId?: string | undefined; today?: Date } = {},
): Promise<number> {
  const today = options.today ?? new Date();
  await upsertStructures(db);
  for (const [id, name, roles, structure] of MEMBERS) await upsertMember(db, id, name, roles, structure);
  if (options.capteurSlackId)
    await upsertMember(db, options.capteurSlackId, null, ['capteur', 'comite'], 'CCI du Cher');

  const companyIds: string[] = [];
  for (const c of COMPANIES) {
    const existing = await db.company.findFirst({ where: c.siret ? { siret: c.siret } : { name: c.name } });
    if (existing) {
      companyIds.push(existing.id);
      continue;
    }
    // The first visit of each company creates it, as a capteur would from Slack.
    companyIds.push('');
  }
  let filed = 0;
  for (const visit of VISITS) {
    const actor = (await findActor(db, visit.capteur))!;
    const c = COMPANIES[visit.company]!;
    const date = new Date(today.getTime() - visit.daysAgo * 86_400_000).toISOString().slice(0, 10);
    const companyId = companyIds[visit.company];
    const form: VisitForm = {
      submissionKey: visit.key,
      ...(companyId
        ? { companyId }
        : {
            newSiret: c.siret ?? undefined,
            newName: c.name,
            newNaf: c.naf,
            newHeadcountBand: c.band,
            newCommune: c.commune,
            newPostalCode: c.cp,
          }),
      visitDate: date,
      ...visit.form,
    };
    const parsed = parseVisitReport(form, today.toISOString().slice(0, 10));
    if (!parsed.ok) throw new Error(`seed visit ${visit.key} is invalid: ${JSON.stringify(parsed.errors)}`);
    const result = await fileVisit(db, actor, parsed.report);
    companyIds[visit.company] = result.companyId;
    if (result.created) filed++;
  }
  // Companies without a visit yet (programme targets to come).
  for (const [i, c] of COMPANIES.entries()) {
    if (companyIds[i]) continue;
    await db.company.create({
      data: {
        siret: c.siret,
        siren: c.siret?.slice(0, 9) ?? null,
        name: c.name,
        searchName: searchKey(c.name),
        nafCode: c.naf,
        sectorFamily: sectorFamilyOf(c.naf),
        headcountBand: c.band,
        commune: c.commune,
        postalCode: c.cp,
      },
    });
  }
  // An urgent recruitment need, raised two hours ago, waiting for the coordination.
  const raisedAt = new Date(today.getTime() - 2 * 3_600_000);
  const alertForm = parseAlertReport(
    {
      submissionKey: 'seed-alert-01',
      companyId: companyIds[0],
      p1Title: 'Forgeron',
      p1Count: '2',
      p1Contract: 'cdi',
      p1Location: 'Vierzon',
      urgency: 'Commande aéronautique à honorer d’ici mars ; deux départs en retraite non remplacés.',
      contactName: 'Sylvie Lenoir, responsable RH',
      contactPhone: '02 48 00 00 01',
      consentToName: 'oui',
    },
    raisedAt.toISOString().slice(0, 10),
  );
  if (!alertForm.ok) throw new Error(`seed alert is invalid: ${JSON.stringify(alertForm.errors)}`);
  await raiseAlert(db, (await findActor(db, 'U0SEEDCCI01'))!, alertForm.report, raisedAt, {
    deadlineHours: 48,
    timeZone: 'Europe/Paris',
  });

  // The seed's confirmations are not owed to anyone: they were never filed from Slack.
  await db.outboxMessage.deleteMany({ where: { recipient: { startsWith: 'U0SEED' } } });
  return filed;
}

async function main() {
  const logger = createLogger('info');
  const database = openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDataDir: process.env.PGLITE_DATA_DIR || './data/pglite',
  });
  await database.migrate();
  const filed = await seedDemoData(database.prisma, { capteurSlackId: process.env.SEED_CAPTEUR_SLACK_ID || undefined });
  logger.info(
    {
      engine: database.engine,
      structures: STRUCTURES.length,
      members: MEMBERS.length,
      companies: COMPANIES.length,
      newVisits: filed,
    },
    'demo data ready',
  );
  await database.close();
}

// Run when invoked (npm run seed), not when imported by a test.
if (import.meta.url === `file://${process.argv[1]}`) await main();
