/** The App Home: what each role sees (visits, open alerts, the next committee, visit programmes). */
import { expect } from 'vitest';
import type { CommitteeStatus } from '../../../src/generated/prisma/enums.js';
import { ACTIONS, COMMITTEE_BUTTONS } from '../../../src/slack/ids.js';
import { HELP, REFUSALS } from '../../../src/texts/fr.js';
import { frenchDate, frenchDateTime, frenchMonth } from '../../../src/time.js';
import { type HomeInput, homeView } from '../../../src/views/home/home.js';
import { progressBar } from '../../../src/views/messages/programme.js';
import { COMMITTEE_AT_TEXT, COMMITTEE_CLOCK, TO_INFORM_NONE, committeeChannel } from '../fixtures/committee.js';
import { escapedCut, slackId } from '../fixtures/common.js';
import {
  HOME_CAPTEUR,
  HOME_CAPTEUR_COMMITTEE,
  HOME_CAPTEUR_COMMITTEE_WORST,
  HOME_CAPTEUR_EMPTY,
  HOME_CAPTEUR_NO_PROGRAMME,
  HOME_CAPTEUR_PROGRAMME,
  HOME_CAPTEUR_WORST,
  HOME_COMMITTEE_WORST,
  HOME_COORDINATOR,
  HOME_COORDINATOR_COMMITTEE,
  HOME_COORDINATOR_NONE,
  HOME_COORDINATOR_NO_PROGRAMME,
  HOME_COORDINATOR_PROGRAMMES,
  HOME_COORDINATOR_WORST,
  HOME_NO_ROLE,
  HOME_NO_STRUCTURE,
} from '../fixtures/home.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  expectTypedMarkupEscaped,
  showsText,
  toJson,
} from '../fixtures/payload.js';
import { PENDING_SIRET_TEXT } from '../fixtures/programmes.js';
import { expectTargetsNotVisited, progressText } from './programmes.js';
import { expectOpenAlerts } from './recruitment-alert.js';
import { plural } from '../../../src/texts/plural.js';

function expectHome(p: JPayload, home: HomeInput) {
  expect(p.type).toBe('home');
  if (home.kind === 'unknown') {
    expect(showsText(p, REFUSALS.unknownMember)).toBe(true);
    expect(buttons(p)).toEqual([]);
    return;
  }
  // « Nouvelle visite » without a company (a target's has its company's id: see expectHomeProgrammes).
  const open = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value === undefined);
  // The coordination sees the open alerts, the 15 most pressing listed.
  expect(showsText(p, '*Alertes recrutement en cours (')).toBe(home.coordination !== undefined);
  if (home.coordination)
    expectOpenAlerts(
      p,
      home.coordination.openAlerts,
      home.coordination.clock,
      Math.min(home.coordination.openAlerts.length, 15),
    );
  expectHomeCommittee(p, home.committee);
  expectHomeProgrammes(p, home.programmes);
  if (!home.capteur) {
    // The help is for those the Home has nothing else to show.
    expect(showsText(p, HELP.plateforme)).toBe(home.coordination === undefined);
    expect(open).toEqual([]);
    return;
  }
  expect(open).toHaveLength(1);
  expect(showsText(p, `${home.capteur.visitsThisMonth} visite${plural(home.capteur.visitsThisMonth, '', 's')}`)).toBe(
    true,
  );
  const cards = buttons(p).filter((b) => b.action_id === ACTIONS.showCompanyCard);
  expect(cards.map((b) => b.value)).toEqual(home.capteur.recentVisits.map((v) => v.company.id));
  if (home.capteur.recentVisits.length === 0) expect(showsText(p, 'Aucune visite pour le moment')).toBe(true);
}

const HOME_SESSION_STATUS: Record<CommitteeStatus, string> = {
  planned: 'ordre du jour en préparation',
  agenda_published: 'ordre du jour publié',
  held: 'en séance',
  closed: 'clôturé',
};

/**
 * The Home's committee part: the next session, then the companies still to inform (the 10 oldest,
 * each with « Entreprise informée »; for the coordination, with the capteur who should).
 */
function expectHomeCommittee(p: JPayload, committee: Extract<HomeInput, { kind: 'member' }>['committee']) {
  expect(showsText(p, '*Prochain comité technique*')).toBe(committee !== undefined);
  const informed = p.blocks.filter((b) => b.accessory?.action_id === COMMITTEE_BUTTONS.informed);
  const shown = committee ? committee.toInform.items.slice(0, 10) : [];
  expect(informed.map((b) => b.accessory?.value)).toEqual(shown.map((i) => i.id));
  expect(buttons(p).filter((b) => b.action_id === COMMITTEE_BUTTONS.informed)).toHaveLength(shown.length);
  if (!committee) return;
  const { next, toInform, clock, all } = committee;
  expect(
    showsText(
      p,
      next
        ? `*Prochain comité technique* : ${frenchDateTime(next.scheduledAt, clock.timeZone)} dans <#${next.channelId}> — ${HOME_SESSION_STATUS[next.status]}, ${next.items} entreprise${plural(next.items, '', 's')}.`
        : '*Prochain comité technique* : aucune séance planifiée.',
    ),
  ).toBe(true);
  expect(showsText(p, 'à informer des décisions du comité')).toBe(toInform.total > 0);
  if (toInform.total > 0)
    expect(
      showsText(
        p,
        `:envelope: *${toInform.total} entreprise${plural(toInform.total, '', 's')} à informer des décisions du comité*`,
      ),
    ).toBe(true);
  expect(informed.map((b) => b.text?.text)).toEqual(
    shown.map(
      (i) =>
        `${escapedCut(i.company.name, 150)} — comité du ${frenchDate(i.committee.scheduledAt)}${all && i.broughtBy ? ` — <@${i.broughtBy.slackUserId}>` : ''}`,
    ),
  );
  const more = toInform.total - shown.length;
  expect(showsText(p, '`/comite a-informer`')).toBe(all && more > 0);
  expect(showsText(p, `… et ${more} autre${plural(more, '', 's')}.`)).toBe(!all && more > 0);
  expect(JSON.stringify(p)).not.toContain('<!channel>');
}

/**
 * The Home's programmes: the coordination sees each structure's month (25 at most); a capteur
 * their structure's progress and its first 5 targets not visited, each with « Nouvelle visite ».
 */
function expectHomeProgrammes(p: JPayload, programmes: Extract<HomeInput, { kind: 'member' }>['programmes']) {
  const targetButtons = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined);
  const all = programmes?.all === true;
  const mine = programmes && !programmes.all ? programmes.progress[0] : undefined;
  expect(showsText(p, '*Programmes de visites — ')).toBe(all);
  expect(showsText(p, '*Programme de visites de ')).toBe(mine !== undefined);
  if (!programmes || (!all && !mine)) {
    expect(targetButtons).toEqual([]);
    return;
  }
  if (all) {
    expect(targetButtons).toEqual([]);
    const at = p.blocks.findIndex((b) => b.text?.text === `*Programmes de visites — ${frenchMonth(programmes.today)}*`);
    expect(at).toBeGreaterThan(0);
    const shown = programmes.progress.slice(0, 25);
    const next = p.blocks[at + 1]!;
    if (shown.length === 0)
      expect(contextTexts(next)).toEqual(['Aucun programme fixé cette année : `/plateforme programmes`.']);
    else {
      // Every line whole, over as many sections as needed (none cut), up to the divider.
      const end = p.blocks.findIndex((b, i) => i > at && b.type !== 'section');
      const sections = p.blocks.slice(at + 1, end);
      expect(sections.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
      expect(sections.flatMap((b) => b.text?.text.split('\n') ?? [])).toEqual(
        shown.map(
          (x) =>
            `${x.behindPace ? ':warning:' : ':white_check_mark:'} *${escapedCut(x.structure.name, 80)}* — ${progressBar(x.month.visits, x.month.target)} ce mois-ci · cibles ${x.targets.visited} / ${x.targets.total}`,
        ),
      );
    }
    const more = programmes.progress.length - shown.length;
    expect(showsText(p, `… et ${more} autre${plural(more, '', 's')} : \`/plateforme programmes\`.`)).toBe(more > 0);
    return;
  }
  const head = p.blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('*Programme de visites de '));
  expect(head?.text?.text.split('\n')).toEqual([
    `*Programme de visites de ${escapedCut(mine!.structure.name, 120)}*`,
    ...progressText(mine!, programmes.today),
  ]);
  expectTargetsNotVisited(p, mine!, 5);
}

const HOME_ALERT_CASES: Case[] = [
  entry(homeView, 'coordinator with three open alerts', 'home', [HOME_COORDINATOR], (p) =>
    expectHome(p, HOME_COORDINATOR),
  ),
  entry(homeView, 'coordinator, no open alert', 'home', [HOME_COORDINATOR_NONE], (p) =>
    expectHome(p, HOME_COORDINATOR_NONE),
  ),
  entry(
    homeView,
    'worst case: capteur and coordinator, all roles, 10 long visits, 30 long open alerts',
    'home',
    [HOME_COORDINATOR_WORST],
    (p) => expectHome(p, HOME_COORDINATOR_WORST),
  ),
];

const HOME_COMMITTEE_CASES: Case[] = [
  entry(
    homeView,
    'coordinator: next session, three companies to inform with their capteurs',
    'home',
    [HOME_COORDINATOR_COMMITTEE],
    (p) => {
      expectHome(p, HOME_COORDINATOR_COMMITTEE);
      expect(
        showsText(
          p,
          `*Prochain comité technique* : ${COMMITTEE_AT_TEXT} dans <#${committeeChannel(1)}> — ordre du jour en préparation, 4 entreprises.`,
        ),
      ).toBe(true);
      expect(showsText(p, `Transports Berrichons &amp; Fils — comité du 12/03/2026 — <@${slackId(311)}>`)).toBe(true);
    },
  ),
  entry(
    homeView,
    'capteur: no session planned, two companies of theirs to inform',
    'home',
    [HOME_CAPTEUR_COMMITTEE],
    (p) => {
      expectHome(p, HOME_CAPTEUR_COMMITTEE);
      expect(showsText(p, 'aucune séance planifiée')).toBe(true);
      expect(showsText(p, '<@')).toBe(false);
    },
  ),
  entry(
    homeView,
    'coordinator, nobody left to inform',
    'home',
    [
      {
        ...HOME_COORDINATOR_COMMITTEE,
        committee: { next: null, toInform: TO_INFORM_NONE, clock: COMMITTEE_CLOCK, all: true },
      },
    ],
    (p) =>
      expectHome(p, {
        ...HOME_COORDINATOR_COMMITTEE,
        committee: { next: null, toInform: TO_INFORM_NONE, clock: COMMITTEE_CLOCK, all: true },
      }),
  ),
  entry(
    homeView,
    'worst case: all roles, 10 long visits, 30 long alerts, session in progress, 10 of 75 long names to inform, 40 programmes',
    'home',
    [HOME_COMMITTEE_WORST],
    (p) => {
      expectHome(p, HOME_COMMITTEE_WORST);
      expect(showsText(p, '… et 15 autres : `/plateforme programmes`.')).toBe(true);
      expect(p.blocks.length).toBeLessThanOrEqual(100);
      expectTypedMarkupEscaped(p);
      expect(showsText(p, '03/07/2026 à 00:30 dans')).toBe(true);
      expect(showsText(p, '… toutes avec `/comite a-informer`.')).toBe(true);
      expect(buttons(p).filter((b) => b.action_id === COMMITTEE_BUTTONS.informed)).toHaveLength(10);
    },
  ),
  entry(
    homeView,
    'worst case: capteur with all roles, 10 long visits, 40 of 75 long names to inform, 5 of 75 long targets',
    'home',
    [HOME_CAPTEUR_COMMITTEE_WORST],
    (p) => {
      expectHome(p, HOME_CAPTEUR_COMMITTEE_WORST);
      expect(showsText(p, '… et 65 autres entreprises cibles à visiter.')).toBe(true);
      expect(buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined)).toHaveLength(
        4,
      );
      expect(p.blocks.length).toBeLessThanOrEqual(100);
      expectTypedMarkupEscaped(p);
      expect(showsText(p, '… et 65 autres.')).toBe(true);
    },
  ),
];

const HOME_PROGRAMME_CASES: Case[] = [
  entry(
    homeView,
    'coordinator: three structures’ programmes, one behind pace',
    'home',
    [HOME_COORDINATOR_PROGRAMMES],
    (p) => {
      expectHome(p, HOME_COORDINATOR_PROGRAMMES);
      expect(showsText(p, '*Programmes de visites — mars 2026*')).toBe(true);
      expect(showsText(p, ':warning: *CCI du Cher* — ▰▰▰▱▱▱▱▱▱▱ 2 / 8 ce mois-ci · cibles 3 / 6')).toBe(true);
      expect(
        showsText(p, ':white_check_mark: *Initiative Cher &amp; Berry* — ▰▰▰▰▰▰▰▰▰▰ 6 / 4 ce mois-ci · cibles 8 / 10'),
      ).toBe(true);
      expect(showsText(p, '… et ')).toBe(false);
    },
  ),
  entry(homeView, 'coordinator, no programme this year', 'home', [HOME_COORDINATOR_NO_PROGRAMME], (p) => {
    expectHome(p, HOME_COORDINATOR_NO_PROGRAMME);
    expect(showsText(p, '`/plateforme programmes`')).toBe(true);
  }),
  entry(
    homeView,
    'capteur: their structure’s programme, 5 targets not visited, one a pending SIRET',
    'home',
    [HOME_CAPTEUR_PROGRAMME],
    (p) => {
      expectHome(p, HOME_CAPTEUR_PROGRAMME);
      expect(showsText(p, '*Programme de visites de CCI du Cher*\n*mars 2026* : ▰▰▰▰▰▰▱▱▱▱ 5 / 8 visites\n')).toBe(
        true,
      );
      expect(showsText(p, 'en retard sur le rythme')).toBe(false);
      expect(buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport && b.value !== undefined)).toHaveLength(
        4,
      );
      expect(showsText(p, `${PENDING_SIRET_TEXT} — entreprise pas encore connue de la plateforme`)).toBe(true);
      expect(showsText(p, '… et 2 autres entreprises cibles à visiter.')).toBe(true);
    },
  ),
  entry(homeView, 'capteur whose structure has no programme', 'home', [HOME_CAPTEUR_NO_PROGRAMME], (p) => {
    expectHome(p, HOME_CAPTEUR_NO_PROGRAMME);
    expect(p.blocks).toHaveLength(toJson(homeView(HOME_CAPTEUR)).blocks.length);
  }),
];

export const HOME_CASES: Case[] = [
  entry(homeView, 'unknown user', 'home', [{ kind: 'unknown' }], (p) => expectHome(p, { kind: 'unknown' })),
  entry(homeView, 'capteur with three visits', 'home', [HOME_CAPTEUR], (p) => expectHome(p, HOME_CAPTEUR)),
  entry(
    homeView,
    'worst case: capteur, all roles, 10 long visits with every red flag',
    'home',
    [HOME_CAPTEUR_WORST],
    (p) => expectHome(p, HOME_CAPTEUR_WORST),
  ),
  entry(homeView, 'capteur without visits nor structure', 'home', [HOME_CAPTEUR_EMPTY], (p) =>
    expectHome(p, HOME_CAPTEUR_EMPTY),
  ),
  entry(homeView, 'coordinator without structure', 'home', [HOME_NO_STRUCTURE], (p) =>
    expectHome(p, HOME_NO_STRUCTURE),
  ),
  entry(homeView, 'member without any role', 'home', [HOME_NO_ROLE], (p) => {
    expectHome(p, HOME_NO_ROLE);
    expect(showsText(p, 'Vos rôles : aucun')).toBe(true);
  }),

  ...HOME_ALERT_CASES,
  ...HOME_COMMITTEE_CASES,
  ...HOME_PROGRAMME_CASES,
];
