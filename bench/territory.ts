/**
 * A large territory's data, written in SQL (generate_series: seconds, not minutes): 10,000
 * companies, 50,000 visits in one year with their stakes and hiring needs, 100,000 actions with
 * their completions, 2,000 recruitment alerts with their relays, and a year of committees. Used
 * by the report's test on PostgreSQL and by `npm run bench:report`. Deterministic: the same
 * figures on every run and engine.
 */
import type { Db } from '../src/services/db.js';
import { sectorFamilyOf } from '../src/reference/sector-family.js';

export const LARGE = { companies: 10_000, visits: 50_000, actions: 100_000, alerts: 2_000 };

const NAF = [
  '25.62B',
  '25.11Z',
  '28.29B',
  '10.71C',
  '16.23Z',
  '22.29A',
  '29.32Z',
  '33.12Z',
  '43.22A',
  '43.21A',
  '41.20A',
  '46.69B',
  '47.11B',
  '49.41A',
  '55.10Z',
  '56.10A',
  '62.01Z',
  '70.22Z',
  '71.12B',
  '74.10Z',
  '78.20Z',
  '81.21Z',
  '01.11Z',
  '86.21Z',
  '96.02A',
];
const BANDS = ['01', '02', '03', '11', '12', '21', '22', '31', '32', '41'];
const COMMUNES = Array.from(
  { length: 60 },
  (_, i) =>
    ['Vierzon', 'Bourges', 'Issoudun', 'Saint-Amand-Montrond', 'Mehun-sur-Yèvre', 'Aubigny-sur-Nère'][i % 6] +
    (i >= 6 ? ` ${Math.floor(i / 6)}` : ''),
);
const STAKES = [
  'recrutement',
  'competences_formation',
  'investissement_modernisation',
  'transmission_reprise',
  'difficultes_restructuration',
  'innovation',
  'export',
  'foncier_immobilier',
  'transition_ecologique',
  'numerique',
  'autre',
];
const JOBS = [
  'Soudeur',
  'Chaudronnier',
  'Technicien de maintenance',
  'Conducteur de ligne',
  'Commercial',
  'Comptable',
  'Développeur',
  'Cariste',
  'Boulanger',
  'Aide-soignant',
];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

export async function seedLargeTerritory(db: Db, year = 2026, scale = 1): Promise<void> {
  const n = {
    companies: LARGE.companies * scale,
    visits: LARGE.visits * scale,
    actions: LARGE.actions * scale,
    alerts: LARGE.alerts * scale,
  };
  const families = NAF.map((code) => sectorFamilyOf(code));
  const start = `${year}-01-01`;
  const statements = [
    `INSERT INTO "Structure" (id, name, kind, "updatedAt") SELECT 'st-' || i, 'Structure ' || i, 'cci', now() FROM generate_series(1, 12) i`,
    `INSERT INTO "Member" (id, "slackUserId", "structureId", "updatedAt") SELECT 'me-' || i, 'ULARGE' || i, 'st-' || (1 + i % 12), now() FROM generate_series(1, 60) i`,
    `INSERT INTO "MemberRole" ("memberId", role) SELECT 'me-' || i, 'capteur' FROM generate_series(1, 60) i`,
    `INSERT INTO "VisitProgramme" (id, "structureId", year, "monthlyTarget", "updatedAt") SELECT 'vp-' || i, 'st-' || i, ${year}, 30 + i, now() FROM generate_series(1, 12) i`,
    `INSERT INTO "Company" (id, name, "searchName", "nafCode", "sectorFamily", "headcountBand", commune, "updatedAt")
       SELECT 'co-' || i, 'Entreprise ' || i, 'entreprise ' || i, (${arr(NAF)})[1 + i % ${NAF.length}], ((${arr(families)})[1 + i % ${NAF.length}])::"SectorFamily",
              (${arr(BANDS)})[1 + (i / 7) % ${BANDS.length}], (${arr(COMMUNES)})[1 + (i * 13) % ${COMMUNES.length}], now()
         FROM generate_series(1, ${n.companies}) i`,
    `INSERT INTO "ProgrammeTarget" (id, "programmeId", "companyId") SELECT 'pt-' || i, 'vp-' || (1 + i % 12), 'co-' || (1 + (i * 37) % ${n.companies}) FROM generate_series(1, 1200) i`,
    `INSERT INTO "Visit" (id, "submissionKey", "companyId", "capteurId", "structureId", "visitDate", channel, needs, diagnostic, "consentToShare")
       SELECT 'vi-' || i, 'vk-' || i, 'co-' || (1 + (i * 7919) % ${n.companies}), 'me-' || (1 + i % 60), 'st-' || (1 + (i % 60) % 12),
              date '${start}' + (i % 365), 'sur_site', 'Besoins notés lors de la visite.', 'Premier diagnostic du capteur.', i % 10 <> 0
         FROM generate_series(1, ${n.visits}) i`,
    `INSERT INTO "VisitStake" ("visitId", stake, priority)
       SELECT 'vi-' || i, ((${arr(STAKES)})[1 + i % 11])::"Stake", ((ARRAY['haute','moyenne','basse'])[1 + i % 3])::"Priority" FROM generate_series(1, ${n.visits}) i
       UNION ALL
       SELECT 'vi-' || i, ((${arr(STAKES)})[1 + (i + 4) % 11])::"Stake", ((ARRAY['moyenne','basse','haute'])[1 + i % 3])::"Priority" FROM generate_series(2, ${n.visits}, 2) i`,
    `INSERT INTO "VisitHiringNeed" (id, "visitId", "jobFamily", count) SELECT 'hn-' || i, 'vi-' || i, (${arr(JOBS)})[1 + i % ${JOBS.length}], 1 + i % 3 FROM generate_series(4, ${n.visits}, 4) i`,
    `INSERT INTO "Action" (id, "submissionKey", title, target, "companyId", "ownerStructureId", "dueDate", status, origin, "createdById", "createdAt", "updatedAt")
       SELECT 'ac-' || i, 'ak-' || i, 'Action ' || i, 'entreprise', 'co-' || (1 + (i * 31) % ${n.companies}), 'st-' || (1 + i % 12),
              date '${start}' + (i % 365) + 45, ((ARRAY['realisee','a_faire','en_cours','abandonnee','bloquee','realisee'])[1 + i % 6])::"ActionStatus", 'ad_hoc', 'me-1',
              timestamp '${start} 09:00' + ((i % 365) || ' days')::interval, now()
         FROM generate_series(1, ${n.actions}) i`,
    `INSERT INTO "ActionUpdate" (id, "actionId", at, "actorId", kind, "fromStatus", "toStatus")
       SELECT 'au-' || i, 'ac-' || i, timestamp '${start} 09:00' + ((i % 365) || ' days')::interval + ((1 + i % 60) || ' days')::interval, 'me-1', 'statut', 'en_cours', 'realisee'
         FROM generate_series(1, ${n.actions}) i WHERE i % 6 IN (0, 1)`,
    `INSERT INTO "RecruitmentAlert" (id, reference, "submissionKey", "companyId", "capteurId", "structureId", urgency, "contactName", "consentToName", state, "raisedAt", "deadlineAt", "lateAt", "updatedAt")
       SELECT 'al-' || i, 'ALR-${year}-' || lpad(i::text, 5, '0'), 'alk-' || i, 'co-' || (1 + (i * 101) % ${n.companies}), 'me-' || (1 + i % 60), 'st-' || (1 + (i % 60) % 12),
              'Besoin urgent', 'Contact ' || i, true, CASE WHEN i % 2 = 0 THEN 'diffusee' ELSE 'transmise' END::"AlertState",
              timestamp '${start} 08:00' + ((i % 360) || ' days')::interval, timestamp '${start} 08:00' + ((i % 360) || ' days')::interval + interval '48 hours',
              CASE WHEN i % 7 = 0 THEN timestamp '${start} 08:00' + ((i % 360) || ' days')::interval + interval '48 hours' END, now()
         FROM generate_series(1, ${n.alerts}) i`,
    `INSERT INTO "AlertPosition" (id, "alertId", rank, "jobTitle", count, "contractType", location) SELECT 'ap-' || i, 'al-' || i, 1, 'Soudeur', 1 + i % 4, 'cdi', 'Vierzon' FROM generate_series(1, ${n.alerts}) i`,
    `INSERT INTO "AlertTransition" (id, "alertId", "to", at)
       SELECT 'at-' || i, 'al-' || i, 'transmise'::"AlertState", timestamp '${start} 08:00' + ((i % 360) || ' days')::interval + ((1 + i % 70) || ' hours')::interval FROM generate_series(1, ${n.alerts}) i
       UNION ALL
       SELECT 'ad-' || i, 'al-' || i, 'diffusee'::"AlertState", timestamp '${start} 08:00' + ((i % 360) || ' days')::interval + interval '80 hours' FROM generate_series(2, ${n.alerts}, 2) i`,
    `INSERT INTO "Committee" (id, "scheduledAt", "channelId", status, "closedAt") SELECT 'cm-' || m, timestamp '${start} 13:00' + ((m - 1) || ' months')::interval + interval '8 days', 'CCOMITE', 'closed',
       timestamp '${start} 16:00' + ((m - 1) || ' months')::interval + interval '8 days' FROM generate_series(1, 12) m`,
    `INSERT INTO "AgendaItem" (id, "committeeId", "companyId", rank, decision, "informedAt")
       SELECT 'ai-' || m || '-' || k, 'cm-' || m, 'co-' || (1 + (m * 400 + k * 7) % ${n.companies}), k, 'Décision ' || k,
              CASE WHEN k % 3 <> 0 THEN timestamp '${start} 09:00' + ((m - 1) || ' months')::interval + interval '20 days' END
         FROM generate_series(1, 12) m, generate_series(1, 40) k`,
  ];
  for (const sql of statements) await db.$executeRawUnsafe(sql);
}
