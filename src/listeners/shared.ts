import { randomUUID } from 'node:crypto';
import type { RespondFn } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { checkSiret } from '../reference/siret.js';
import { listOpenAlerts } from '../services/alerts/alerts.js';
import { nextCommittee } from '../services/committees/committees.js';
import { companiesToInform } from '../services/committees/informing.js';
import {
  getCompanyCard,
  getCompanyIdentity,
  getCompanySummary,
  referenceValue,
  searchCompaniesAndReference,
} from '../services/companies.js';
import type { Db } from '../services/db.js';
import { can, type Actor } from '../services/permissions.js';
import { programmeProgress } from '../services/programmes/progress.js';
import { getStructureName } from '../services/structures.js';
import { countVisitsSince, listRecentVisits } from '../services/visits/file-visit.js';
import { INCIDENTS, type RefusalKind } from '../texts/fr.js';
import { localDate, localMonthStart } from '../time.js';
import { homeView, type HomeInput } from '../views/home/home.js';
import { companyCardMessage, companyLabel, companyPickerLabel } from '../views/messages/company-card.js';
import { refusalModal } from '../views/modals/administration.js';
import type { CompanyPrefill } from '../views/modals/company-blocks.js';
import type { VisitModalInput } from '../views/modals/visit-report.js';

/*
 * What more than one listener uses, so that no listener file imports another: reading a
 * command, answering the person (ephemeral replies, a command's modal, the clicker of a button),
 * and what a command and a button both show (the visit report's opening, a company card, the
 * App Home). Who may do what, and the ack, are in ./guard.ts; reading a submitted form, in
 * ./view-state.ts.
 */

// ── Commands ──

/** The fields of a slash command every command reads. */
export const commandPayload = z.object({
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  text: z.string().default(''),
  trigger_id: z.string().min(1),
});

/** `/commande aide` (or help, ?): the command's help instead of its work. */
export const asksForHelp = (text: string) => /^(aide|help|\?)$/i.test(text.trim());

// ── Answering the person ──

export const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

/** Opens a command's modal; if Slack refuses (trigger expired, outage), says so instead of nothing. */
export async function openModalForCommand(
  args: { client: WebClient; respond: RespondFn; logger: Logger },
  triggerId: string,
  view: View,
): Promise<void> {
  try {
    await args.client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    args.logger.warn({ reason: code }, 'views.open failed');
    await args.respond(ephemeral(INCIDENTS.modalNotOpened));
  }
}

/**
 * Says a refusal to whoever clicked a button: in the button's message when it has one (only
 * them), else (App Home, modals) in a small modal.
 */
export function tellClicker(args: {
  body: { response_url?: string; trigger_id: string };
  respond: RespondFn;
  client: WebClient;
}) {
  return async (text: string, kind: RefusalKind = 'impossible'): Promise<void> => {
    if (args.body.response_url) await args.respond(ephemeral(text));
    else await args.client.views.open({ trigger_id: args.body.trigger_id, view: refusalModal(text, kind) });
  };
}

// ── What a command and a button both open ──

/**
 * What a form opens with when its command names a company (`/visite Dupont`, a card's button):
 * the company when exactly one matches, a SIRET to create it with when it is valid and unknown.
 */
export async function companyPrefill(db: Db, text: string, companyId?: string): Promise<CompanyPrefill> {
  if (companyId) {
    const company = await getCompanySummary(db, companyId);
    return company ? { company: { id: company.id, label: companyLabel(company) } } : {};
  }
  const query = text.trim();
  if (!query) return {};
  const { followed: matches, reference } = await searchCompaniesAndReference(db, query, 2);
  if (matches.length === 1) return { company: { id: matches[0]!.id, label: companyLabel(matches[0]!) } };
  // None followed, one establishment of the SIRENE reference: picked already (made a company on filing).
  if (matches.length === 0 && reference.length === 1)
    return {
      company: { id: referenceValue(reference[0]!.siret), label: companyPickerLabel(reference[0]!, 'reference') },
    };
  const siret = checkSiret(query);
  if (matches.length === 0 && siret.ok) return { newSiret: siret.siret };
  return {};
}

/** The visit report, fresh (a new submission key), with the company when the text or the button names one. */
export async function visitReportOpening(ctx: AppContext, text: string, companyId?: string): Promise<VisitModalInput> {
  const prefill = await companyPrefill(ctx.db, text, companyId);
  const identity = prefill.company ? await getCompanyIdentity(ctx.db, prefill.company.id) : null;
  return {
    submissionKey: randomUUID(),
    today: localDate(ctx.timeZone, ctx.now()),
    ...prefill,
    ...(identity ? { identity } : {}),
    // An unknown SIRET after the command: the new company's inputs open with it.
    newCompany: prefill.newSiret !== undefined,
  };
}

/** A company's card as `viewer` may see it, with the buttons their roles allow; null when unknown. */
export async function companyCardFor(ctx: AppContext, viewer: Actor, companyId: string) {
  const card = await getCompanyCard(ctx.db, viewer, companyId);
  return card
    ? companyCardMessage(card, {
        canFileVisit: can(viewer, 'fileVisit'),
        canCreateActions: can(viewer, 'manageActions'),
      })
    : null;
}

/** A session in four weeks at 14:00 local time: a starting point the coordinator adjusts. */
export function proposedSessionTime(now: Date): Date {
  const inFourWeeks = new Date(now.getTime() + 28 * 86_400_000);
  inFourWeeks.setUTCHours(13, 0, 0, 0);
  return inFourWeeks;
}

/** Renders the App Home for what this member's roles show (on opening it, and after a visit is filed). */
export async function publishHome(ctx: AppContext, client: WebClient, slackUserId: string): Promise<void> {
  const actor = await ctx.actors.find(slackUserId);
  let home: HomeInput = { kind: 'unknown' };
  if (actor) {
    const structure = actor.structureId ? await getStructureName(ctx.db, actor.structureId) : null;
    home = { kind: 'member', roles: [...actor.roles], structureName: structure?.name ?? null };
    if (can(actor, 'handleAlerts')) {
      home.coordination = {
        openAlerts: await listOpenAlerts(ctx.db),
        clock: { now: ctx.now(), timeZone: ctx.timeZone },
      };
    }
    const today = localDate(ctx.timeZone, ctx.now());
    if (can(actor, 'managePrograms')) {
      home.programmes = { progress: await programmeProgress(ctx.db, today, { notVisitedLimit: 0 }), today, all: true };
    } else if (can(actor, 'fileVisit') && actor.structureId) {
      home.programmes = {
        progress: await programmeProgress(ctx.db, today, { structureId: actor.structureId, notVisitedLimit: 5 }),
        today,
        all: false,
      };
    }
    const coordinates = can(actor, 'runCommittees');
    if (coordinates || can(actor, 'followCommittees') || can(actor, 'fileVisit')) {
      const [next, toInform] = await Promise.all([
        nextCommittee(ctx.db, ctx.now()),
        companiesToInform(ctx.db, coordinates ? { limit: 10 } : { broughtById: actor.memberId, limit: 10 }),
      ]);
      // A capteur outside the committee only sees it when they have companies to inform.
      if (coordinates || can(actor, 'followCommittees') || toInform.total > 0) {
        home.committee = { next, toInform, clock: { now: ctx.now(), timeZone: ctx.timeZone }, all: coordinates };
      }
    }
    if (can(actor, 'fileVisit')) {
      const monthStart = new Date(`${localMonthStart(ctx.timeZone, ctx.now())}T00:00:00Z`);
      const [recentVisits, visitsThisMonth] = await Promise.all([
        listRecentVisits(ctx.db, actor),
        countVisitsSince(ctx.db, actor, monthStart),
      ]);
      home.capteur = { recentVisits, visitsThisMonth };
    }
  }
  await client.views.publish({ user_id: slackUserId, view: homeView(home) });
}
