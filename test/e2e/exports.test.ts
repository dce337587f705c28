import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readPeriod } from '../../src/services/reports/exports.js';
import { errorText, REFUSALS } from '../../src/texts/fr.js';
import { responseTexts, withTestApp } from '../support/app.js';
import { makeCompany } from '../support/factories.js';
import { makeVisit } from '../support/visits.js';

/** The coordination exports a period as a spreadsheet, sent to them alone. */
const coord = { id: 'UEXPCOORD', name: 'helene' };
const capteur = { id: 'UEXPCAPT', name: 'claire' };

const { t, db } = withTestApp({
  structures: { 'CCI du Cher': 'cci' },
  members: [
    { user: coord, roles: ['coordinateur'] },
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
  ],
  async seed({ db, actors }) {
    const forges = await makeCompany(db.prisma, { name: 'Forges de Vierzon' });
    await makeVisit(db.prisma, actors[capteur.id]!, forges.id, {
      date: '2026-02-10',
      diagnostic: 'Trésorerie tendue, confidentiel.',
      consentToShare: false,
    });
    await makeVisit(db.prisma, actors[capteur.id]!, forges.id, { date: '2026-05-10' });
  },
});

const responses = (name: string, count: number) => responseTexts(t, name, count);

describe('periods', () => {
  it('are read as people write them', () => {
    expect(readPeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(readPeriod('2026-T1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(readPeriod('2026-t4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(readPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(readPeriod('2026-01-15 2026-03-31')).toEqual({ from: '2026-01-15', to: '2026-03-31' });
    for (const wrong of ['', 'hier', '2026-13', '2026-03-31 2026-01-01', '2026-02-30 2026-03-01'])
      expect(readPeriod(wrong), wrong).toBeNull();
  });
});

describe('an export', () => {
  it('is refused to a capteur and explained when the period cannot be read', async () => {
    await t.slack.command('/plateforme', 'export 2026', capteur, {
      extra: { response_url: t.fake.responseUrl('refused') },
    });
    expect((await responses('refused', 1))[0]).toBe(REFUSALS.exportData);
    await t.slack.command('/plateforme', 'export bientôt', coord, {
      extra: { response_url: t.fake.responseUrl('bad') },
    });
    expect((await responses('bad', 1))[0]).toBe(errorText('export_period'));
  });

  it('goes to the coordinator alone, in their conversation with the app, audited', async () => {
    await t.slack.command('/plateforme', 'export 2026-T1', coord, {
      extra: { response_url: t.fake.responseUrl('export'), channel_id: 'CPUBLIC' },
    });
    const [, done] = await responses('export', 2);
    expect(done).toContain('Export envoyé');
    const note = t.fake.succeeded('chat.postMessage').find((c) => c.args.channel === coord.id)!;
    expect(String(note.args.text)).toContain('1 visite, 1 entreprise');
    const complete = t.fake.succeeded('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    // The conversation with the app (D…), never the channel where the command was typed.
    expect(complete[0]!.args.channel_id).toBe(`D${coord.id.slice(1)}`);
    // In the thread of the note that says what the file holds.
    const noteShown = t.fake.workspace.messages.findLast((m) => m.text === String(note.args.text))!;
    expect(noteShown.channel).toBe(`D${coord.id.slice(1)}`);
    expect(complete[0]!.args.thread_ts).toBe(noteShown.ts);
    expect(t.fake.succeeded('files.getUploadURLExternal')[0]!.args.filename).toBe('export-2026-01-01-2026-03-31.xlsx');
    // The spreadsheet: the coordination sees what partners do not (unshared content).
    const upload = t.fake.uploads[0]!.bytes;
    const start = upload.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(upload.subarray(start) as unknown as ArrayBuffer);
    const visits = book.getWorksheet('Visites')!;
    expect(visits.rowCount).toBe(2);
    expect(visits.getRow(2).values).toContain('Trésorerie tendue, confidentiel.');
    expect(await db.prisma.auditEvent.count({ where: { action: 'export.period', actorSlackId: coord.id } })).toBe(1);
  });
});
