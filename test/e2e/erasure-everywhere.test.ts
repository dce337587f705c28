import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseActionForm } from '../../src/services/actions/action-form.js';
import { type ActionChange, changeAction, createAction } from '../../src/services/actions/actions.js';
import { parseAlertReport } from '../../src/services/alerts/alert-report.js';
import { type MovePayload, moveAlert, owePageUpdates, raiseAlert } from '../../src/services/alerts/alerts.js';
import {
  closeCommittee,
  planCommittee,
  publishAgenda,
  recordItemOutcome,
} from '../../src/services/committees/committees.js';
import type { Actor } from '../../src/services/permissions.js';
import { setProgramme } from '../../src/services/programmes/programmes.js';
import { annualData } from '../../src/services/reports/annual-data.js';
import { generateAnnualReport, postReport } from '../../src/services/reports/reports.js';
import { fileVisit } from '../../src/services/visits/file-visit.js';
import { parseVisitReport } from '../../src/services/visits/visit-report.js';
import type { WorkspaceMessage } from '../../src/simulator/fake-slack.js';
import { PRIVACY_BUTTONS } from '../../src/slack/ids.js';
import { clickButton, deliverOwed, fastClock, responseTexts, withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

/**
 * Erasure that erases (issue 10): one company's data go through every place the platform writes
 * them — visits, an alert with its contacts, France Travail's offer and a closing note, actions
 * with their notes, a committee's agenda, decision and summary, a programme target pasted as its
 * SIRET, a period export and its right-of-access export, both editions of the annual report —
 * each with a distinctive string. After `/plateforme rgpd effacer`, no table and no message the
 * fake Slack still shows holds any of them, and every message that showed them was updated.
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const TODAY = '2026-11-20';
const SIRET = SIRETS.mecanique;
/** Everything that names the company or the people it spoke of. Matched case-insensitively. */
const DISTINCTIVE = [
  'Zyglotron',
  'Quaglio',
  'Brandouin',
  '0699887766',
  'OFF-ZYGLO-77',
  '17 rue des Fondeurs',
  SIRET,
  SIRET.slice(0, 9),
];

const admin = { id: 'UERASEADMIN', name: 'admin' };
const coord = { id: 'UERASECOORD', name: 'helene' };
const capteurId = 'UERASECAPT';
const adviserId = 'UERASEFT';
let companyId: string;

const { t, db, actors, structures } = withTestApp({
  // The app's clock runs from NOW: a message waiting for its first post is put back a few seconds.
  now: fastClock(NOW),
  config: { PARTNERS_CHANNEL_ID: 'CPARTNERS', COMMITTEE_CHANNEL_ID: 'CCOMITE', STEERING_CHANNEL_ID: 'CPILOTAGE' },
  structures: { 'CCI du Cher': 'cci', 'France Travail Vierzon': 'france_travail' },
  members: [
    { user: capteurId, roles: ['capteur', 'comite'], structure: 'CCI du Cher' },
    { user: coord, roles: ['coordinateur', 'comite'] },
    { user: adviserId, roles: ['france_travail'], structure: 'France Travail Vierzon' },
    { user: admin, roles: ['admin'] },
  ],
});

const settings = () => ({ deadlineHours: 48, timeZone: 'Europe/Paris', partnersChannelId: 'CPARTNERS' });
const actionSettings = () => t.ctx.actions;

/** Every distinctive string found in `text`, case-insensitively, also as the hex of its UTF-8 bytes (a bytea column). */
function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return DISTINCTIVE.filter((s) => lower.includes(s.toLowerCase()) || lower.includes(Buffer.from(s).toString('hex')));
}

const shown = (m: WorkspaceMessage) => JSON.stringify({ text: m.text, blocks: m.blocks, files: m.files });
/** Messages that stay in a conversation: ephemeral answers are seen once and cannot be updated by an app. */
const lasting = () => t.fake.workspace.messages.filter((m) => !m.ephemeralTo);

/** Delivers every owed message, or says which are still owed. */
async function deliverEverything() {
  if ((await deliverOwed(t, db.prisma, { tries: 100, pauseMs: 100 })) === 0) return;
  throw new Error(
    `owed messages not delivered: ${JSON.stringify(await db.prisma.outboxMessage.findMany({ where: { status: 'pending' }, select: { kind: true, lastError: true } }))}`,
  );
}

/** Every row of every table of the platform's schema, as JSON text: a full dump of the data. */
async function dumpAllTables(): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  const dump: Record<string, string> = {};
  for (const { table_name } of tables) {
    const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
    dump[table_name] = rows.map((r) => r.row).join('\n');
  }
  return dump;
}

async function cellsOf(xlsx: Uint8Array): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
  return cells.join('\n');
}

// Each test starts from the members alone and an empty Slack (withTestApp clears the fake before
// each test), then the company spread everywhere again: the first needs it not erased yet and
// counts what there is (two export files, one report, one erasure audited once it erases it); the
// others erase it first themselves.
beforeEach(async () => {
  await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  await spreadCompanyEverywhere();
});

/**
 * The company's data written in every place the platform writes them, each with a distinctive
 * string, each message delivered: visits, an alert through to its closing, an action with its
 * notes, a committee closed, the exports, the annual report.
 */
async function spreadCompanyEverywhere() {
  const capteur = actors[capteurId]!;
  const coordinator = actors[coord.id]!;
  const ftAdviser = actors[adviserId]!;
  const cciId = structures['CCI du Cher']!.id;

  // The programme names the company by its SIRET before the platform knows it.
  await setProgramme(
    db.prisma,
    coordinator,
    {
      structureId: cciId,
      year: 2026,
      monthlyTarget: 4,
      shownUpTo: null,
      keepTargetIds: [],
      addCompanyIds: [],
      sirets: SIRET,
    },
    NOW,
  );
  const company = await makeCompany(db.prisma, { name: 'Forges Zyglotron', siret: SIRET });
  companyId = company.id;
  await db.prisma.company.update({
    where: { id: companyId },
    data: { address: '17 rue des Fondeurs', postalCode: '18100' },
  });
  const otherCompanyId = (await makeCompany(db.prisma, { name: 'Atelier du Canal', commune: 'Bourges' })).id;
  await makeVisit(db.prisma, capteur, otherCompanyId, { date: '2026-10-02', toCommitteeAgenda: true });

  // A visit report, with its confirmation to the capteur.
  const visit = parseVisitReport(
    {
      submissionKey: 'erase-visit',
      companyId,
      visitDate: '2026-10-05',
      channel: 'sur_site',
      hiringNeeds: 'Soudeur pour M. Quaglio (Forges Zyglotron) : 3',
      hiringHorizon: 'douze_mois',
      stakesHigh: ['transmission_reprise'],
      needs: 'Former le successeur de M. Quaglio chez Zyglotron.',
      diagnostic: 'M. Quaglio, dirigeant de Zyglotron, souhaite céder.',
      consentToShare: 'oui',
      toCommitteeAgenda: true,
    },
    TODAY,
  );
  if (!visit.ok) throw new Error(JSON.stringify(visit.errors));
  await fileVisit(db.prisma, capteur, visit.report, t.ctx.visits);

  // An urgent recruitment need: contacts, France Travail's offer and contact, diffusion, a closing note.
  const alertReport = parseAlertReport(
    {
      submissionKey: 'erase-alert',
      companyId,
      p1Title: 'Chaudronnier Zyglotron',
      p1Count: '2',
      p1Contract: 'cdi',
      p1Location: 'Atelier Zyglotron, Vierzon',
      urgency: 'Commande Zyglotron à livrer en janvier.',
      contactName: 'Zéphyrine Quaglio',
      contactPhone: '06 99 88 77 66',
      contactEmail: 'zephyrine@zyglotron.fr',
      consentToName: 'oui',
    },
    TODAY,
  );
  if (!alertReport.ok) throw new Error(JSON.stringify(alertReport.errors));
  const { alertId } = await raiseAlert(db.prisma, capteur, alertReport.report, NOW, settings());
  const move = (actor: Actor, payload: MovePayload) => moveAlert(db.prisma, actor, alertId, payload, NOW, settings());
  await move(coordinator, { action: 'prendre_en_charge' });
  await move(coordinator, { action: 'transmettre' });
  await move(ftAdviser, {
    action: 'enregistrer_offre',
    offer: {
      reference: 'OFF-ZYGLO-77',
      contactName: 'Ophélie Brandouin',
      contactEmail: 'ophelie.brandouin@francetravail.fr',
      url: 'https://candidat.francetravail.fr/offres/OFF-ZYGLO-77',
    },
  });
  await move(coordinator, { action: 'diffuser' });
  await move(coordinator, {
    action: 'clore',
    outcome: 'pourvue',
    note: 'Pourvu : Zéphyrine Quaglio a recruté son neveu.',
  });

  // An action with its history.
  const action = parseActionForm(
    {
      submissionKey: 'erase-action',
      companyId,
      title: 'POE soudeurs Zyglotron',
      description: 'Pour M. Quaglio.',
      target: 'salaries',
      stake: 'competences_formation',
      ownerStructureId: cciId,
      ownerMemberSlackId: capteur.slackUserId,
      dueDate: '2027-01-15',
    },
    TODAY,
  );
  if (!action.ok) throw new Error(JSON.stringify(action.errors));
  const { actionId } = await createAction(
    db.prisma,
    coordinator,
    action.action,
    { kind: 'ad_hoc' },
    NOW,
    actionSettings(),
  );
  const change = (payload: ActionChange) => changeAction(db.prisma, capteur, actionId, payload, NOW, actionSettings());
  await change({ kind: 'note', note: 'Appel avec M. Quaglio le 3.' });
  await change({ kind: 'statut', status: 'realisee', note: 'Trois stagiaires chez Zyglotron.' });

  // The committee: its agenda published (the two companies), a decision, the summary at closing.
  const committee = await planCommittee(
    db.prisma,
    coordinator,
    { scheduledAt: new Date('2026-11-24T13:00:00Z'), channelId: 'CCOMITE' },
    NOW,
  );
  await publishAgenda(db.prisma, coordinator, committee.id, NOW);
  const item = await db.prisma.agendaItem.findFirstOrThrow({ where: { committeeId: committee.id, companyId } });
  await recordItemOutcome(db.prisma, coordinator, item.id, {
    kind: 'decision',
    decision: 'Accompagner la reprise de Zyglotron par M. Quaglio fils.',
  });
  await closeCommittee(db.prisma, coordinator, committee.id, NOW);
  await deliverEverything();

  // The exports (the period's, and the company's for its right of access), both report editions.
  const sent = (name: string) =>
    t.fake.waitForResponse((body, path) => path.endsWith(`/${name}`) && String(body.text).includes('Export envoyé'));
  await t.slack.command('/plateforme', 'export 2026', coord, { extra: { response_url: t.fake.responseUrl('export') } });
  await sent('export');
  await t.slack.command('/plateforme', `rgpd export ${SIRET}`, coord, {
    extra: { response_url: t.fake.responseUrl('access') },
  });
  await sent('access');
  const report = await generateAnnualReport(db.prisma, 2026, {
    now: NOW,
    timeZone: 'Europe/Paris',
    channelId: 'CPILOTAGE',
  });
  expect(await postReport(db.prisma, t.ctx.delivery, report.id, NOW)).toBe(true);
}

/** The company erased by an administrator's confirmed click, every message it owed delivered, its exports deleted. */
async function eraseCompany() {
  await clickButton(
    t,
    admin,
    { action_id: PRIVACY_BUTTONS.erase, block_id: 'privacy_erase', value: companyId },
    'erased',
  );
  expect((await responseTexts(t, 'erased', 1))[0]).toMatch(/effacées\. \d+ messages? /);
  await deliverEverything();
  await expect.poll(async () => db.prisma.exportFile.count({ where: { deletedAt: null } })).toBe(0);
}

describe('erasing a company on request', () => {
  it('leaves no trace of it in any table, stored file or message Slack still shows, and keeps what is counted', async () => {
    // Copies: the fake updates its messages in place.
    const before = lasting()
      .filter((m) => leaks(shown(m)).length > 0)
      .map((m) => structuredClone(m));
    // The test only means something if the company travelled everywhere first.
    const channels = new Set(before.map((m) => m.channel));
    expect(channels).toContain('CPARTNERS');
    expect(channels).toContain('CCOMITE');
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(Object.values(await dumpAllTables()).some((rows) => leaks(rows).length > 0)).toBe(true);
    const exportFiles = await db.prisma.exportFile.findMany();
    expect(exportFiles).toHaveLength(2);
    expect(exportFiles.every((f) => t.fake.workspace.files.has(f.fileId))).toBe(true);
    const counted = await annualData(db.prisma, 2026, 'Europe/Paris');

    await t.slack.command('/plateforme', `rgpd effacer ${SIRET}`, admin, {
      extra: { response_url: t.fake.responseUrl('confirm') },
    });
    await t.fake.waitForResponse((_body, path) => path.endsWith('/confirm'));
    await eraseCompany();

    // Every message that showed it was updated in place, and none shows it any more.
    for (const message of before) {
      const now = t.fake.workspace.messages.find((m) => m.channel === message.channel && m.ts === message.ts);
      expect(now, `${message.channel} ${message.text}`).toBeDefined();
      // A file's message loses its file (deleted from Slack); any other is updated in place.
      if (message.files?.length) expect(now!.files, `${message.channel} ${message.files[0]!.filename}`).toEqual([]);
      else expect(now!.edited, `${message.channel} ${message.text}`).toBe(true);
    }
    expect(lasting().flatMap((m) => leaks(shown(m)).map((s) => `${m.channel}: ${s} in ${m.text}`))).toEqual([]);
    // The export files are gone from Slack.
    expect(exportFiles.filter((f) => t.fake.workspace.files.has(f.fileId))).toEqual([]);
    expect(
      [...t.fake.workspace.files.values()].filter(
        (f) => f.filename.endsWith('.xlsx') && f.filename.startsWith('export'),
      ),
    ).toEqual([]);

    // No table holds it (bytea columns included, as hex).
    const dump = await dumpAllTables();
    expect(Object.entries(dump).flatMap(([table, rows]) => leaks(rows).map((s) => `${table}: ${s}`))).toEqual([]);
    if (db.url) {
      // On PostgreSQL, the server's own full dump of the database (data of every table, bytea as hex).
      const full = execFileSync('pg_dump', ['--data-only', '--no-owner', db.url], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(full).toContain('Entreprise effacée');
      expect(leaks(full)).toEqual([]);
    }
    // The stored report files hold no identity or free text (their spreadsheets read back): the report
    // produced before the erasure is kept, and checked.
    const reports = await db.prisma.report.findMany();
    expect(reports).toHaveLength(1);
    for (const kept of reports) {
      expect(leaks(await cellsOf(kept.publicXlsx))).toEqual([]);
      expect(leaks(await cellsOf(kept.internalXlsx))).toEqual([]);
    }
    // The audit keeps the fact and who did it.
    expect(
      await db.prisma.auditEvent.findMany({
        where: { action: 'privacy.company_erase' },
        select: { actorSlackId: true, entityId: true },
      }),
    ).toEqual([{ actorSlackId: admin.id, entityId: companyId }]);

    // What is counted still adds up.
    const after = await annualData(db.prisma, 2026, 'Europe/Paris');
    expect(after.activity).toEqual(counted.activity);
    expect(after.stakes).toEqual(counted.stakes);
    expect(after.hiringNeeds).toEqual(counted.hiringNeeds);
    // The other company on the committee's summary is still there.
    const summary = t.fake.workspace.messages.find(
      (m) => m.channel === 'CCOMITE' && m.text.startsWith('Relevé de décisions'),
    );
    expect(shown(summary!)).toContain('Atelier du Canal');
    expect(shown(summary!)).toContain('Entreprise effacée');
  });

  it('is done once: erasing again changes nothing and owes nothing', async () => {
    await eraseCompany();
    const owed = await db.prisma.outboxMessage.count();
    await clickButton(
      t,
      admin,
      { action_id: PRIVACY_BUTTONS.erase, block_id: 'privacy_erase', value: companyId },
      'again',
    );
    expect((await responseTexts(t, 'again', 1))[0]).toContain('déjà effacées');
    expect(await db.prisma.outboxMessage.count()).toBe(owed);
    expect(await db.prisma.auditEvent.count({ where: { action: 'privacy.company_erase' } })).toBe(1);
  });

  it('drops an update of a replaced message still owed: the message keeps « Données effacées… »', async () => {
    await eraseCompany();
    const alert = await db.prisma.recruitmentAlert.findFirstOrThrow({
      where: { companyId },
      include: { messages: true },
    });
    const page = alert.messages.find((m) => m.kind === 'alert_page')!;
    const updatesBefore = t.fake.succeeded('chat.update').filter((c) => c.args.ts === page.ts).length;
    await db.prisma.$transaction((tx) => owePageUpdates(tx, alert.id, 'after-erasure'));
    await deliverEverything();
    expect(t.fake.succeeded('chat.update').filter((c) => c.args.ts === page.ts)).toHaveLength(updatesBefore);
    const shownNow = t.fake.workspace.messages.find((m) => m.channel === page.channel && m.ts === page.ts)!;
    expect(shownNow.text).toBe('Données effacées à la demande de l’entreprise.');
  });

  it('shows the card of an erased company without anything that could identify it', async () => {
    await eraseCompany();
    await clickButton(t, coord, { action_id: 'show_company_card', block_id: 'b', value: companyId }, 'card');
    const card = await t.fake.waitForResponse((_body, path) => path.endsWith('/card'));
    const text = JSON.stringify(card.body);
    expect(text).toContain('Entreprise effacée');
    expect(text).not.toContain('Vierzon');
    expect(text).not.toContain('25.62B');
    expect(text).not.toContain('/10/2026');
  });
});
