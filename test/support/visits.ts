import { randomUUID } from 'node:crypto';
import type { Priority, RedFlag, Stake, VisitChannel } from '../../src/generated/prisma/enums.js';
import type { Db } from '../../src/services/db.js';
import type { Actor } from '../../src/services/permissions.js';

export interface VisitData {
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  diagnostic?: string;
  consentToShare?: boolean;
  channel?: VisitChannel;
  stakes?: { stake: Stake; priority: Priority }[];
  redFlags?: RedFlag[];
  /** Marked « for the next committee's agenda ». */
  toCommitteeAgenda?: boolean;
  hiringNeeds?: { jobFamily: string; count: number }[];
}

/**
 * A visit written straight to the database, as if `capteur` had filed it, for tests that need
 * visits at chosen dates (the modal only accepts dates up to today).
 */
export async function makeVisit(db: Db, capteur: Actor, companyId: string, data: VisitData) {
  return db.visit.create({
    data: {
      submissionKey: randomUUID(),
      companyId,
      capteurId: capteur.memberId,
      structureId: capteur.structureId,
      visitDate: new Date(`${data.date}T00:00:00Z`),
      channel: data.channel ?? 'sur_site',
      needs: 'Besoins notés lors de la visite.',
      diagnostic: data.diagnostic ?? 'Entreprise stable, pas de difficulté particulière.',
      consentToShare: data.consentToShare ?? true,
      toCommitteeAgenda: data.toCommitteeAgenda ?? false,
      stakes: { create: data.stakes ?? [{ stake: 'recrutement', priority: 'moyenne' }] },
      redFlags: { create: (data.redFlags ?? []).map((flag) => ({ flag })) },
      hiringNeeds: { create: data.hiringNeeds ?? [] },
    },
  });
}
