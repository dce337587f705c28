/**
 * An alert raised from a visit's confirmation: what the visit pre-fills, and the link the
 * submission checks (the visit exists, the capteur may read it, same company) before saving it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertFromVisit, offersAlertFromVisit } from '../../src/services/alerts/alert-from-visit.js';
import { type AlertForm, parseAlertReport } from '../../src/services/alerts/alert-report.js';
import { type AlertSettings, raiseAlert } from '../../src/services/alerts/alerts.js';
import { UserError, ValidationFailed } from '../../src/services/errors.js';
import type { Actor } from '../../src/services/permissions.js';
import { errorText } from '../../src/texts/fr.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeCompany, makeMember, makeStructure } from '../support/factories.js';
import { resetTables } from '../support/reset.js';
import { makeVisit } from '../support/visits.js';

let db: TestDatabase;
const settings: AlertSettings = { deadlineHours: 48, timeZone: 'Europe/Paris', partnersChannelId: 'CPARTNERS' };
const T0 = new Date('2026-11-27T09:00:00Z');

let capteur: Actor;
/** A capteur of another structure. */
let otherCapteur: Actor;
let forges: string;
let tannerie: string;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await resetTables(db.prisma);
  const cci = await makeStructure(db.prisma, 'CCI du Cher', 'cci');
  const cma = await makeStructure(db.prisma, 'CMA Centre-Val de Loire', 'cma');
  capteur = await makeMember(db.prisma, 'UCAPTEUR', ['capteur'], cci.id);
  otherCapteur = await makeMember(db.prisma, 'UOTHER', ['capteur'], cma.id);
  forges = (await makeCompany(db.prisma, { name: 'Forges du Berry' })).id;
  tannerie = (await makeCompany(db.prisma, { name: 'Tannerie de Vierzon' })).id;
});

function alertForm(overrides: Partial<AlertForm>): AlertForm {
  return {
    submissionKey: 'from-visit-1',
    companyId: forges,
    p1Title: 'Soudeur TIG',
    p1Count: '3',
    p1Contract: 'cdi',
    p1Location: 'Vierzon',
    urgency: 'Commande à livrer en janvier.',
    contactName: 'Claire Martin',
    contactPhone: '06 12 34 56 78',
    consentToName: 'oui',
    ...overrides,
  };
}

async function raiseFrom(actor: Actor, overrides: Partial<AlertForm>) {
  const parsed = parseAlertReport(alertForm(overrides), '2026-11-27');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return raiseAlert(db.prisma, actor, parsed.report, T0, settings);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

const urgentNeeds = [
  { jobFamily: 'Soudeur TIG', count: 3 },
  { jobFamily: 'Chaudronnier', count: 1 },
  { jobFamily: 'Cariste', count: 2 },
  { jobFamily: 'Tuyauteur', count: 1 },
];

describe('the alert a visit pre-fills', () => {
  it('takes the visit’s company and its first three needs as positions, all the needs kept for the urgency', async () => {
    const visit = await makeVisit(db.prisma, capteur, forges, { date: '2026-11-26', hiringNeeds: urgentNeeds });
    await db.prisma.visit.update({ where: { id: visit.id }, data: { hiringHorizon: 'urgent' } });
    const prefill = await alertFromVisit(db.prisma, capteur, visit.id);
    expect(prefill.companyId).toBe(forges);
    expect(prefill.visitId).toBe(visit.id);
    expect(prefill.hiringHorizon).toBe('urgent');
    expect(prefill.positions).toHaveLength(3);
    expect(prefill.needs).toHaveLength(4);
    expect(new Set(prefill.positions.map((p) => `${p.jobTitle}:${p.count}`)).size).toBe(3);
    for (const p of prefill.positions) expect(urgentNeeds).toContainEqual({ jobFamily: p.jobTitle, count: p.count });
  });

  it('is offered on the confirmation only when the visit recorded hiring needs and its capteur may raise alerts', async () => {
    const withNeeds = await makeVisit(db.prisma, capteur, forges, { date: '2026-11-26', hiringNeeds: urgentNeeds });
    const without = await makeVisit(db.prisma, capteur, forges, { date: '2026-11-25' });
    expect(await offersAlertFromVisit(db.prisma, withNeeds.id)).toBe(true);
    expect(await offersAlertFromVisit(db.prisma, without.id)).toBe(false);
    // The capteur lost the role since: no button on the confirmation.
    await db.prisma.memberRole.deleteMany({ where: { memberId: capteur.memberId } });
    expect(await offersAlertFromVisit(db.prisma, withNeeds.id)).toBe(false);
  });
});

describe('the link to the visit, checked when the alert is saved', () => {
  it('is stored when the visit is the capteur’s, about the alert’s company', async () => {
    const visit = await makeVisit(db.prisma, capteur, forges, { date: '2026-11-26', hiringNeeds: urgentNeeds });
    const raised = await raiseFrom(capteur, { visitId: visit.id });
    const alert = await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: raised.alertId } });
    expect(alert.visitId).toBe(visit.id);
  });

  it('refuses a forged visit id, in French, and saves nothing', async () => {
    const error = await failure(raiseFrom(capteur, { visitId: '00000000-0000-4000-8000-000000000000' }));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('alert_visit_unknown');
    expect(errorText('alert_visit_unknown')).toBe(
      "La visite d'où part cette alerte est introuvable : rien n'a été enregistré. Signalez le besoin avec /alerte-recrutement.",
    );
    expect(await db.prisma.recruitmentAlert.count()).toBe(0);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
  });

  it('refuses, as if unknown, the visit of another structure the company did not share', async () => {
    const unshared = await makeVisit(db.prisma, otherCapteur, forges, {
      date: '2026-11-26',
      consentToShare: false,
      hiringNeeds: urgentNeeds,
    });
    await expect(alertFromVisit(db.prisma, capteur, unshared.id)).rejects.toMatchObject({
      code: 'alert_visit_unknown',
    });
    const error = await failure(raiseFrom(capteur, { visitId: unshared.id }));
    expect(error).toMatchObject({ code: 'alert_visit_unknown' });
    expect(await db.prisma.recruitmentAlert.count()).toBe(0);
    // Shared by the company: another structure's capteur may raise the alert from it.
    await db.prisma.visit.update({ where: { id: unshared.id }, data: { consentToShare: true } });
    const raised = await raiseFrom(capteur, { visitId: unshared.id });
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: raised.alertId } })).visitId).toBe(
      unshared.id,
    );
  });

  it('refuses a visit of another company on the company field, in French, and saves nothing', async () => {
    const visit = await makeVisit(db.prisma, capteur, tannerie, { date: '2026-11-26', hiringNeeds: urgentNeeds });
    const error = await failure(raiseFrom(capteur, { visitId: visit.id }));
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).errors).toEqual([{ field: 'companyId', code: 'alert_visit_company' }]);
    expect(errorText('alert_visit_company')).toContain("gardez l'entreprise de la visite");
    expect(await db.prisma.recruitmentAlert.count()).toBe(0);
  });

  it('is absent from an alert raised with /alerte-recrutement', async () => {
    const raised = await raiseFrom(capteur, {});
    expect((await db.prisma.recruitmentAlert.findUniqueOrThrow({ where: { id: raised.alertId } })).visitId).toBeNull();
  });
});
