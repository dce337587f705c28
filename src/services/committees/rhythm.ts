import type { Db } from '../db.js';
import { audit } from '../audit.js';
import { enqueue } from '../outbox.js';
import { localDate, localInstant } from '../../time.js';
import { COMMITTEE_TEXTS } from '../../texts/committee.js';
import { COMMITTEE_NOTICES } from '../notices.js';
import { refreshAgenda } from './committees.js';

/**
 * The committee's default rhythm, e.g. « 2e mardi 14:00 »: the second Tuesday of each month at
 * 14:00 local time. Sessions are proposed from it; the coordination moves or cancels them.
 */
export interface CommitteeRhythm {
  /** 1 to 4, or -1 for the last such weekday of the month. */
  ordinal: 1 | 2 | 3 | 4 | -1;
  /** ISO weekday: 1 Monday … 5 Friday. */
  weekday: 1 | 2 | 3 | 4 | 5;
  /** HH:MM, local. */
  time: string;
}

const ORDINALS: Record<string, CommitteeRhythm['ordinal']> = {
  '1er': 1,
  premier: 1,
  '2e': 2,
  '2eme': 2,
  deuxieme: 2,
  '3e': 3,
  '3eme': 3,
  troisieme: 3,
  '4e': 4,
  '4eme': 4,
  quatrieme: 4,
  dernier: -1,
};
const WEEKDAYS: Record<string, CommitteeRhythm['weekday']> = { lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5 };

/** « 2e mardi 14:00 », « dernier jeudi 9h30 »: the rhythm, or null when the text says none. */
export function parseRhythm(text: string): CommitteeRhythm | null {
  const plain = text.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ');
  const match = /^(\S+) (\S+) (\d{1,2})[:h](\d{2})$/.exec(plain);
  if (!match) return null;
  const ordinal = ORDINALS[match[1]!];
  const weekday = WEEKDAYS[match[2]!];
  const hours = Number(match[3]);
  const minutes = Number(match[4]);
  if (!ordinal || !weekday || hours > 23 || minutes > 59) return null;
  return { ordinal, weekday, time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** « 2e mardi du mois à 14 h 00 ». */
export function describeRhythm(rhythm: CommitteeRhythm): string {
  return COMMITTEE_TEXTS.rhythm(rhythm.ordinal, rhythm.weekday, rhythm.time);
}

/** The local date (YYYY-MM-DD) of the rhythm's day in a month (month 1–12). */
export function occurrenceInMonth(year: number, month: number, rhythm: CommitteeRhythm): string {
  const isoWeekday = (day: number) => ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  let day: number;
  if (rhythm.ordinal === -1) {
    day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    while (isoWeekday(day) !== rhythm.weekday) day--;
  } else {
    day = 1;
    while (isoWeekday(day) !== rhythm.weekday) day++;
    day += (rhythm.ordinal - 1) * 7;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The rhythm's first session at least `leadDays` after `now`: its local date and its instant. */
export function nextOccurrence(
  now: Date,
  rhythm: CommitteeRhythm,
  timeZone: string,
  leadDays = 0,
): { occurrence: string; at: Date } {
  const [year, month] = localDate(timeZone, now).split('-').map(Number) as [number, number];
  const earliest = now.getTime() + leadDays * 86_400_000;
  for (let k = 0; k < 4; k++) {
    const y = year + Math.floor((month - 1 + k) / 12);
    const m = ((month - 1 + k) % 12) + 1;
    const occurrence = occurrenceInMonth(y, m, rhythm);
    const at = localInstant(occurrence, rhythm.time, timeZone);
    if (at.getTime() > earliest) return { occurrence, at };
  }
  throw new Error('unreachable: a month always holds its next occurrence');
}

export interface RhythmSettings {
  rhythm: CommitteeRhythm | null;
  /** Where proposed sessions are run: the last session's channel, else COMMITTEE_CHANNEL_ID. */
  channelId?: string | undefined;
  timeZone: string;
  /** A session is proposed with at least this many days ahead, so its agenda is not due at once. */
  leadDays: number;
}

/**
 * Proposes the rhythm's next session, once per occurrence (its row), unless a session is already
 * planned in that local month. The coordinators are told; they can move or cancel it in /comite,
 * and a cancelled occurrence is not proposed again.
 */
export async function proposeNextSession(
  db: Db,
  now: Date,
  settings: RhythmSettings,
): Promise<{ committeeId: string; occurrence: string } | null> {
  if (!settings.rhythm) return null;
  const { occurrence, at } = nextOccurrence(now, settings.rhythm, settings.timeZone, settings.leadDays);
  if (await db.committeeProposal.findUnique({ where: { occurrence } })) return null;
  const last = await db.committee.findFirst({ orderBy: { scheduledAt: 'desc' }, select: { channelId: true } });
  const channelId = last?.channelId ?? settings.channelId;
  if (!channelId) return null;
  const monthStart = localInstant(`${occurrence.slice(0, 8)}01`, '00:00', settings.timeZone);
  const [y, m] = occurrence.split('-').map(Number) as [number, number];
  const nextMonthStart = localInstant(
    `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`,
    '00:00',
    settings.timeZone,
  );
  return db.$transaction(async (tx) => {
    // Claimed first: of two instances, the other finds the row and proposes nothing.
    const { count } = await tx.committeeProposal.createMany({ data: [{ occurrence, at: now }], skipDuplicates: true });
    if (count === 0) return null;
    const planned = await tx.committee.count({ where: { scheduledAt: { gte: monthStart, lt: nextMonthStart } } });
    if (planned > 0) return null;
    const committee = await tx.committee.create({ data: { scheduledAt: at, channelId, createdAt: now } });
    await tx.committeeProposal.update({ where: { occurrence }, data: { committeeId: committee.id } });
    await audit(tx, {
      actorSlackId: null,
      action: 'committee.propose',
      entity: 'Committee',
      entityId: committee.id,
      details: { occurrence },
    });
    await refreshAgenda(tx, committee.id);
    const coordinators = await tx.member.findMany({
      where: { active: true, roles: { some: { role: 'coordinateur' } } },
      select: { slackUserId: true },
    });
    for (const { slackUserId } of coordinators) {
      await enqueue(tx, COMMITTEE_NOTICES.proposed, {
        dedupeKey: `${COMMITTEE_NOTICES.proposed.kind}:${committee.id}:${slackUserId}`,
        recipient: slackUserId,
        data: { committeeId: committee.id, agendaDaysBefore: settings.leadDays },
      });
    }
    return { committeeId: committee.id, occurrence };
  });
}
