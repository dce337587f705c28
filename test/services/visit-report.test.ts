import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationFailed, type UserError } from '../../src/services/errors.js';
import type { Actor } from '../../src/services/permissions.js';
import { fileVisit, VISIT_CONFIRMATION } from '../../src/services/visits/file-visit.js';
import { deriveRedFlags } from '../../src/services/visits/red-flags.js';
import { parseVisitReport, type VisitForm, type VisitReport } from '../../src/services/visits/visit-report.js';
import { errorText } from '../../src/texts/fr.js';
import { resetTables } from '../support/reset.js';
import { withTestDatabase } from '../support/file-database.js';
import { makeCompany, makeMember, makeStructure, SIRETS } from '../support/factories.js';
import { formParsing, NEW_COMPANY } from '../support/form-parsing.js';

const TODAY = '2026-11-27';

/** A complete, valid form about an existing company, as the listener would build it. */
function form(overrides: Partial<VisitForm> = {}): VisitForm {
  return {
    submissionKey: 'submission-1',
    companyId: 'company-1',
    visitDate: '2026-11-20',
    channel: 'sur_site',
    headcount: '38',
    headcountTrend: 'hausse',
    revenueTrend: 'stable',
    siteOutlook: 'developpement',
    hiringNeeds: 'Soudeur : 3\nTechnicien de maintenance : 1',
    hiringHorizon: 'urgent',
    jobsAtRisk: '0',
    investmentPlanned: 'oui',
    exportSharePct: '15',
    stakesHigh: ['recrutement'],
    stakesMedium: ['competences_formation', 'numerique'],
    stakesLow: [],
    transmissionBuyer: 'sans_objet',
    needs: 'Trouver des soudeurs qualifiés rapidement.',
    diagnostic: 'Carnet de commandes plein, tension forte sur les métiers de la soudure.',
    consentToShare: 'oui',
    toCommitteeAgenda: true,
    ...overrides,
  };
}

const { parseOk, errorsOf, onlyError } = formParsing(parseVisitReport, TODAY);

describe('parseVisitReport', () => {
  it('returns the whole report for a complete valid form', () => {
    expect(parseOk(form())).toEqual({
      submissionKey: 'submission-1',
      company: { kind: 'existing', companyId: 'company-1' },
      visitDate: '2026-11-20',
      channel: 'sur_site',
      headcount: 38,
      headcountTrend: 'hausse',
      revenueTrend: 'stable',
      siteOutlook: 'developpement',
      hiringNeeds: [
        { jobFamily: 'Soudeur', count: 3 },
        { jobFamily: 'Technicien de maintenance', count: 1 },
      ],
      hiringHorizon: 'urgent',
      jobsAtRisk: 0,
      investmentPlanned: true,
      exportSharePct: 15,
      stakes: [
        { stake: 'recrutement', priority: 'haute' },
        { stake: 'competences_formation', priority: 'moyenne' },
        { stake: 'numerique', priority: 'moyenne' },
      ],
      transmissionBuyer: 'sans_objet',
      needs: 'Trouver des soudeurs qualifiés rapidement.',
      diagnostic: 'Carnet de commandes plein, tension forte sur les métiers de la soudure.',
      consentToShare: true,
      toCommitteeAgenda: true,
    });
  });

  it('reads consent « non » as false, blank optional answers as absent, and a new company', () => {
    const report = parseOk(
      form({
        ...NEW_COMPANY,
        newSiret: ' ',
        consentToShare: 'non',
        headcount: '',
        jobsAtRisk: '  ',
        exportSharePct: undefined,
        investmentPlanned: 'non',
        hiringNeeds: '',
        hiringHorizon: undefined,
        stakesHigh: undefined,
        stakesMedium: undefined,
        stakesLow: ['export'],
        toCommitteeAgenda: undefined,
      }),
    );
    expect(report).toMatchObject({
      company: {
        kind: 'new',
        siret: undefined,
        name: 'Chaudronnerie Berrichonne',
        nafCode: '25.62B',
        commune: 'Bourges',
        postalCode: '18000',
      },
      consentToShare: false,
      investmentPlanned: false,
      headcount: undefined,
      jobsAtRisk: undefined,
      exportSharePct: undefined,
      hiringNeeds: [],
      stakes: [{ stake: 'export', priority: 'basse' }],
      toCommitteeAgenda: false,
    });
  });

  it('trims free text and accepts exactly 3000 characters', () => {
    const report = parseOk(form({ needs: `  ${'a'.repeat(3000)}  `, diagnostic: ' Diagnostic. ' }));
    expect(report.needs).toHaveLength(3000);
    expect(report.diagnostic).toBe('Diagnostic.');
  });

  describe('visit date', () => {
    it('accepts today', () => {
      expect(parseOk(form({ visitDate: TODAY })).visitDate).toBe(TODAY);
    });
    it('refuses a date after today', () => {
      expect(onlyError(form({ visitDate: '2026-11-28' }))).toBe('visitDate=date_in_future');
    });
    it('refuses a date before 2000', () => {
      expect(onlyError(form({ visitDate: '1999-12-31' }))).toBe('visitDate=date_too_old');
    });
    it.each(['2026-02-30', '27/11/2026', '2026-13-01', 'hier'])('refuses %s as an invalid date', (visitDate) => {
      expect(onlyError(form({ visitDate }))).toBe('visitDate=invalid_date');
    });
    it('requires it', () => {
      expect(onlyError(form({ visitDate: undefined }))).toBe('visitDate=required');
      expect(onlyError(form({ visitDate: '' }))).toBe('visitDate=required');
    });
  });

  it('refuses a channel that is not one of the choices', () => {
    expect(onlyError(form({ channel: 'pigeon_voyageur' }))).toBe('channel=invalid_choice');
    expect(onlyError(form({ channel: undefined }))).toBe('channel=required');
  });

  describe('numbers', () => {
    it('accepts digits grouped by spaces, as the French write them', () => {
      expect(parseOk(form({ headcount: '1 200' })).headcount).toBe(1200);
      expect(parseOk(form({ headcount: '1\u00a0200' })).headcount).toBe(1200);
      expect(parseOk(form({ headcount: '1\u202f200 ' })).headcount).toBe(1200);
    });
    it('refuses a negative number', () => {
      expect(onlyError(form({ headcount: '-3' }))).toBe('headcount=negative');
      expect(onlyError(form({ jobsAtRisk: '-1' }))).toBe('jobsAtRisk=negative');
    });
    it('refuses what is not a whole number', () => {
      expect(onlyError(form({ headcount: '12,5' }))).toBe('headcount=not_a_number');
      expect(onlyError(form({ headcount: 'beaucoup' }))).toBe('headcount=not_a_number');
    });
    it('refuses an export share over 100 % with percent_range', () => {
      expect(onlyError(form({ exportSharePct: '150' }))).toBe('exportSharePct=percent_range');
      expect(parseOk(form({ exportSharePct: '100' })).exportSharePct).toBe(100);
    });
    it('refuses more jobs at risk than the headcount, on jobsAtRisk', () => {
      expect(onlyError(form({ headcount: '38', jobsAtRisk: '39' }))).toBe('jobsAtRisk=jobs_at_risk_over_headcount');
      expect(parseOk(form({ headcount: '38', jobsAtRisk: '38' })).jobsAtRisk).toBe(38);
    });
  });

  describe('hiring needs', () => {
    it('reads one « job family : count » per line, skipping blank lines', () => {
      expect(
        parseOk(form({ hiringNeeds: 'Soudeur : 3\n\n  Agent de maintenance - 2  \nChaudronnier-soudeur=12' }))
          .hiringNeeds,
      ).toEqual([
        { jobFamily: 'Soudeur', count: 3 },
        { jobFamily: 'Agent de maintenance', count: 2 },
        { jobFamily: 'Chaudronnier-soudeur', count: 12 },
      ]);
    });
    it('points at the line that cannot be read', () => {
      const errors = errorsOf(form({ hiringNeeds: 'Soudeur : 3\nDes soudeurs' }));
      expect(errors).toEqual([{ field: 'hiringNeeds', code: 'hiring_needs_line', params: { line: '2' } }]);
    });
    it('refuses a hiring horizon without any hiring need', () => {
      expect(onlyError(form({ hiringNeeds: '', hiringHorizon: 'douze_mois' }))).toBe(
        'hiringNeeds=hiring_horizon_without_needs',
      );
      expect(onlyError(form({ hiringNeeds: undefined, hiringHorizon: 'urgent' }))).toBe(
        'hiringNeeds=hiring_horizon_without_needs',
      );
    });
  });

  describe('stakes', () => {
    it('refuses a stake chosen at two priorities, on the second one', () => {
      const errors = errorsOf(form({ stakesHigh: ['recrutement'], stakesMedium: [], stakesLow: ['recrutement'] }));
      expect(errors).toEqual([{ field: 'stakesLow', code: 'stake_twice', params: { stake: 'recrutement' } }]);
    });
    it('requires at least one stake, on the first list', () => {
      expect(onlyError(form({ stakesHigh: [], stakesMedium: [], stakesLow: [] }))).toBe('stakesHigh=stakes_missing');
    });
    it('refuses a stake outside the grid', () => {
      expect(onlyError(form({ stakesMedium: ['astrologie'] }))).toBe('stakesMedium=invalid_choice');
    });
  });

  describe('company', () => {
    it('refuses both an existing company and new-company fields', () => {
      expect(onlyError(form({ companyId: 'company-1', newName: 'Autre entreprise' }))).toBe('companyId=company_both');
    });
    it('requires a company', () => {
      expect(onlyError(form({ companyId: undefined }))).toBe('companyId=company_missing');
    });
    it('requires the name, NAF, headcount band and commune of a new company', () => {
      expect(
        errorsOf(form({ companyId: undefined, newSiret: SIRETS.mecanique })).map((e) => `${e.field}=${e.code}`),
      ).toEqual(['newName=required', 'newNaf=required', 'newHeadcountBand=required', 'newCommune=required']);
    });
    it('leaves the SIRET check to the companies service', () => {
      expect(parseOk(form({ ...NEW_COMPANY, newSiret: SIRETS.badChecksum })).company).toMatchObject({
        kind: 'new',
        siret: SIRETS.badChecksum,
      });
    });
  });

  it('refuses free text over 3000 characters with too_long, and says the limit', () => {
    expect(onlyError(form({ needs: 'x'.repeat(3001) }))).toBe('needs=too_long');
    expect(onlyError(form({ diagnostic: 'x'.repeat(3001) }))).toBe('diagnostic=too_long');
    const [error] = errorsOf(form({ needs: 'x'.repeat(3001) }));
    expect(errorText(error!.code, error!.params)).toBe('Texte trop long (3000 caractères au plus).');
    const [name] = errorsOf(form({ ...NEW_COMPANY, newName: 'N'.repeat(201) }));
    expect(name).toEqual({ field: 'newName', code: 'too_long', params: { max: '200' } });
  });

  it('says the limit of a number too large', () => {
    const [error] = errorsOf(form({ headcount: '2 000 000' }));
    expect(error).toMatchObject({ field: 'headcount', code: 'too_large' });
    expect(errorText(error!.code, error!.params)).toBe('Nombre trop grand (1000000 au plus).');
  });

  it('requires the needs, the diagnostic and the consent answer', () => {
    expect(onlyError(form({ needs: '   ' }))).toBe('needs=required');
    expect(onlyError(form({ diagnostic: undefined }))).toBe('diagnostic=required');
    expect(onlyError(form({ consentToShare: undefined }))).toBe('consentToShare=required');
    expect(onlyError(form({ consentToShare: 'peut-être' }))).toBe('consentToShare=invalid_choice');
  });

  it('reports one error per field, several fields at once', () => {
    const errors = errorsOf(form({ visitDate: '2030-01-01', channel: 'fax', headcount: '-1', needs: '' }));
    expect(errors.map((e) => `${e.field}=${e.code}`).sort()).toEqual([
      'channel=invalid_choice',
      'headcount=negative',
      'needs=required',
      'visitDate=date_in_future',
    ]);
  });

  it('reports the checks across fields together with the field errors, in one round', () => {
    const errors = errorsOf(
      form({
        companyId: undefined,
        needs: '',
        visitDate: undefined,
        stakesHigh: [],
        stakesMedium: [],
        hiringNeeds: '',
      }),
    );
    expect(errors.map((e) => `${e.field}=${e.code}`).sort()).toEqual([
      'companyId=company_missing',
      'hiringNeeds=hiring_horizon_without_needs',
      'needs=required',
      'stakesHigh=stakes_missing',
      'visitDate=required',
    ]);
    expect(
      errorsOf(form({ channel: 'fax', companyId: 'company-1', newName: 'Autre' }))
        .map((e) => `${e.field}=${e.code}`)
        .sort(),
    ).toEqual(['channel=invalid_choice', 'companyId=company_both']);
  });

  it('does not compare fields that are themselves wrong', () => {
    expect(errorsOf(form({ headcount: '-1', jobsAtRisk: '5' })).map((e) => `${e.field}=${e.code}`)).toEqual([
      'headcount=negative',
    ]);
    expect(errorsOf(form({ headcount: 'trente', jobsAtRisk: '5' })).map((e) => `${e.field}=${e.code}`)).toEqual([
      'headcount=not_a_number',
    ]);
    expect(
      errorsOf(form({ hiringNeeds: 'Des soudeurs', hiringHorizon: 'urgent' })).map((e) => `${e.field}=${e.code}`),
    ).toEqual(['hiringNeeds=hiring_needs_line']);
  });
});

describe('deriveRedFlags', () => {
  const calm = {
    hiringHorizon: 'douze_mois',
    hiringNeeds: [{ jobFamily: 'Soudeur', count: 1 }],
    jobsAtRisk: 0,
    siteOutlook: 'maintien',
    transmissionBuyer: 'identifie',
  } as const satisfies Parameters<typeof deriveRedFlags>[0];

  it('raises none for a company without warning signs', () => {
    expect(deriveRedFlags(calm)).toEqual([]);
    expect(
      deriveRedFlags({
        hiringHorizon: undefined,
        hiringNeeds: [],
        jobsAtRisk: undefined,
        siteOutlook: undefined,
        transmissionBuyer: undefined,
      }),
    ).toEqual([]);
  });
  it('raises recrutement_urgent for urgent hiring needs', () => {
    expect(deriveRedFlags({ ...calm, hiringHorizon: 'urgent' })).toEqual(['recrutement_urgent']);
    expect(deriveRedFlags({ ...calm, hiringHorizon: 'urgent', hiringNeeds: [] })).toEqual([]);
  });
  it('raises emplois_menaces for jobs at risk', () => {
    expect(deriveRedFlags({ ...calm, jobsAtRisk: 4 })).toEqual(['emplois_menaces']);
  });
  it('raises fermeture_ou_demenagement for a closing or moving site', () => {
    expect(deriveRedFlags({ ...calm, siteOutlook: 'fermeture_ou_demenagement' })).toEqual([
      'fermeture_ou_demenagement',
    ]);
  });
  it('raises transmission_sans_repreneur when no buyer is identified', () => {
    expect(deriveRedFlags({ ...calm, transmissionBuyer: 'non_identifie' })).toEqual(['transmission_sans_repreneur']);
  });
  it('raises every flag together', () => {
    expect(
      deriveRedFlags({
        ...calm,
        hiringHorizon: 'urgent',
        jobsAtRisk: 1,
        siteOutlook: 'fermeture_ou_demenagement',
        transmissionBuyer: 'non_identifie',
      }),
    ).toEqual(['recrutement_urgent', 'emplois_menaces', 'fermeture_ou_demenagement', 'transmission_sans_repreneur']);
  });
});

describe('fileVisit', () => {
  const { db } = withTestDatabase();
  let capteur: Actor;
  let submission = 0;

  beforeAll(async () => {
    const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
    capteur = await makeMember(db.prisma, 'UCAPTEUR1', ['capteur'], cci.id);
  });
  beforeEach(async () => {
    await resetTables(db.prisma, { keep: ['Structure', 'Member', 'MemberRole'] });
  });

  const key = () => `submission-${++submission}`;
  const counts = async () => ({
    companies: await db.prisma.company.count(),
    visits: await db.prisma.visit.count(),
    audit: await db.prisma.auditEvent.count(),
    outbox: await db.prisma.outboxMessage.count(),
  });

  async function refusal(promise: Promise<unknown>): Promise<string[]> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).errors.map((e) => `${e.field}=${e.code}`);
  }

  it('creates a new company with its SIREN and sector family, the visit, its audit trail and the owed confirmation', async () => {
    const report = parseOk(
      form({
        ...NEW_COMPANY,
        newSiret: '732 829 320 00074',
        newName: 'Mécanique de Précision du Cher',
        submissionKey: key(),
      }),
    );
    const filed = await fileVisit(db.prisma, capteur, report);
    expect(filed.created).toBe(true);

    const company = await db.prisma.company.findUniqueOrThrow({ where: { id: filed.companyId } });
    expect(company).toMatchObject({
      siret: SIRETS.mecanique,
      siren: '732829320',
      name: 'Mécanique de Précision du Cher',
      nafCode: '25.62B',
      sectorFamily: 'industrie',
      commune: 'Bourges',
      createdById: capteur.memberId,
    });
    const visit = await db.prisma.visit.findUniqueOrThrow({
      where: { id: filed.visitId },
      include: { stakes: true, hiringNeeds: true, redFlags: true },
    });
    expect(visit).toMatchObject({
      companyId: company.id,
      capteurId: capteur.memberId,
      structureId: capteur.structureId,
      headcount: 38,
      consentToShare: true,
    });
    expect(visit.visitDate.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(visit.stakes).toHaveLength(3);
    expect(visit.hiringNeeds.map((n) => [n.jobFamily, n.count]).sort()).toEqual([
      ['Soudeur', 3],
      ['Technicien de maintenance', 1],
    ]);
    expect(visit.redFlags.map((f) => f.flag)).toEqual(['recrutement_urgent']);

    const audit = await db.prisma.auditEvent.findMany({ orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action).sort()).toEqual(['company.create', 'visit.create']);
    const outbox = await db.prisma.outboxMessage.findMany();
    expect(outbox).toMatchObject([
      { kind: VISIT_CONFIRMATION, recipient: 'UCAPTEUR1', data: { visitId: visit.id }, status: 'pending' },
    ]);
  });

  it('derives the sector family from the NAF code: business services for 70.22Z', async () => {
    const report = parseOk(
      form({ ...NEW_COMPANY, newName: 'Conseil Cher Avenir', newNaf: '7022Z', submissionKey: key() }),
    );
    const filed = await fileVisit(db.prisma, capteur, report);
    const company = await db.prisma.company.findUniqueOrThrow({ where: { id: filed.companyId } });
    expect(company).toMatchObject({
      nafCode: '70.22Z',
      sectorFamily: 'services_aux_entreprises',
      siret: null,
      siren: null,
    });
  });

  it('files a visit about an existing company without creating one', async () => {
    const existing = await makeCompany(db.prisma, { name: 'Mécanique du Val', siret: SIRETS.other });
    const filed = await fileVisit(db.prisma, capteur, parseOk(form({ companyId: existing.id, submissionKey: key() })));
    expect(filed.companyId).toBe(existing.id);
    expect(await counts()).toEqual({ companies: 1, visits: 1, audit: 1, outbox: 1 });
  });

  it('saves a submission once, however many times it arrives', async () => {
    const report = parseOk(form({ ...NEW_COMPANY, submissionKey: key() }));
    const first = await fileVisit(db.prisma, capteur, report);
    const again = await fileVisit(db.prisma, capteur, report);
    expect(again).toEqual({ visitId: first.visitId, companyId: first.companyId, created: false });
    expect(await counts()).toEqual({ companies: 1, visits: 1, audit: 2, outbox: 1 });
  });

  it('refuses the key of another capteur’s visit, one after the other or both at once, and returns nothing of it', async () => {
    const other = await makeMember(
      db.prisma,
      'UCAPTEUR-AUTRE',
      ['capteur'],
      (await makeStructure(db.prisma, 'CMA du Cher', 'cma')).id,
    );
    const existing = await makeCompany(db.prisma, { name: 'Mécanique du Val', siret: SIRETS.other });
    const report = parseOk(form({ companyId: existing.id, submissionKey: key() }));
    await fileVisit(db.prisma, capteur, report);
    const before = await counts();
    await expect(fileVisit(db.prisma, other, report)).rejects.toMatchObject({
      name: 'UserError',
      code: 'submission_not_yours',
    });
    expect(await counts()).toEqual(before);

    // Both at once: one saves it, the other is refused, whichever way the race goes.
    const raced = parseOk(form({ companyId: existing.id, submissionKey: key() }));
    const results = await Promise.allSettled([
      fileVisit(db.prisma, capteur, raced),
      fileVisit(db.prisma, other, raced),
    ]);
    const saved = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(saved).toHaveLength(1);
    expect(refused.map((r) => (r.reason as UserError).code)).toEqual(['submission_not_yours']);
    const visit = await db.prisma.visit.findUniqueOrThrow({ where: { submissionKey: raced.submissionKey } });
    expect(visit.capteurId).toBe(results[0]!.status === 'fulfilled' ? capteur.memberId : other.memberId);
  });

  it('refuses a new company without SIRET that already exists under the same name in the same commune, and writes nothing', async () => {
    await makeCompany(db.prisma, { name: 'Mécanique du Val', commune: 'Vierzon' });
    const before = await counts();
    const report = parseOk(
      form({ ...NEW_COMPANY, newName: '  MECANIQUE du val ', newCommune: 'VIERZON', submissionKey: key() }),
    );
    expect(await refusal(fileVisit(db.prisma, capteur, report))).toEqual(['newName=company_duplicate']);
    expect(await counts()).toEqual(before);
  });

  it('compares communes without accents, case or hyphens', async () => {
    await makeCompany(db.prisma, { name: 'Mécanique du Val', commune: 'Saint-Éloy-de-Gy' });
    const report = parseOk(
      form({ ...NEW_COMPANY, newName: 'Mecanique du Val', newCommune: 'saint eloy de gy', submissionKey: key() }),
    );
    expect(await refusal(fileVisit(db.prisma, capteur, report))).toEqual(['newName=company_duplicate']);
  });

  it('accepts the same name in another commune', async () => {
    await makeCompany(db.prisma, { name: 'Mécanique du Val', commune: 'Vierzon' });
    const report = parseOk(
      form({ ...NEW_COMPANY, newName: 'Mécanique du Val', newCommune: 'Bourges', submissionKey: key() }),
    );
    expect((await fileVisit(db.prisma, capteur, report)).created).toBe(true);
  });

  it('refuses a new company with an invalid or known SIRET', async () => {
    await makeCompany(db.prisma, { name: 'Mécanique du Val', siret: SIRETS.mecanique });
    const before = await counts();
    const withSiret = (newSiret: string) => parseOk(form({ ...NEW_COMPANY, newSiret, submissionKey: key() }));
    expect(await refusal(fileVisit(db.prisma, capteur, withSiret(SIRETS.badChecksum)))).toEqual([
      'newSiret=siret_checksum',
    ]);
    expect(await refusal(fileVisit(db.prisma, capteur, withSiret(SIRETS.mecanique)))).toEqual(['newSiret=siret_known']);
    expect(await counts()).toEqual(before);
  });

  it('refuses an existing company that does not exist, and writes nothing', async () => {
    const report = parseOk(form({ companyId: 'no-such-company', submissionKey: key() }));
    expect(await refusal(fileVisit(db.prisma, capteur, report))).toEqual(['companyId=company_unknown']);
    expect(await counts()).toEqual({ companies: 0, visits: 0, audit: 0, outbox: 0 });
  });

  it('rolls everything back when the visit cannot be written after the new company was', async () => {
    const report = parseOk(form({ ...NEW_COMPANY, submissionKey: key() }));
    // A report that bypassed validation: the same stake twice breaks the visit's stakes key,
    // after the company and its audit event were written in the transaction.
    const broken: VisitReport = { ...report, stakes: [...report.stakes, { stake: 'recrutement', priority: 'basse' }] };
    await expect(fileVisit(db.prisma, capteur, broken)).rejects.toThrow();
    expect(await counts()).toEqual({ companies: 0, visits: 0, audit: 0, outbox: 0 });

    // And the same submission, corrected, can still be saved.
    expect((await fileVisit(db.prisma, capteur, report)).created).toBe(true);
  });
});
