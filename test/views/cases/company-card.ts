/** The company card (/entreprise), its open actions, and the search's answers. */
import { expect } from 'vitest';
import type { CompanyCard } from '../../../src/services/companies.js';
import { ACTIONS, ACTION_BUTTONS } from '../../../src/slack/ids.js';
import { ACTION_STATUS_LABELS } from '../../../src/texts/fr.js';
import { frenchDate } from '../../../src/time.js';
import { escapeText } from '../../../src/views/blocks.js';
import {
  CARD_VISITS,
  companyCardMessage,
  companyChoicesMessage,
  companyNotFoundMessage,
} from '../../../src/views/messages/company-card.js';
import { CONFIDENTIAL } from '../fixtures/common.js';
import {
  CARD_WITH_ACTIONS,
  CHOICES_FEW,
  CHOICES_MANY,
  EMPTY_CARD,
  LONG_QUERY,
  MASKED_CARD,
  REALISTIC_CARD,
  WORST_CARD,
  WORST_CARD_WITH_ACTIONS,
} from '../fixtures/company-card.js';
import {
  type Case,
  type JPayload,
  buttons,
  contextTexts,
  entry,
  showsText,
  visibleTexts,
} from '../fixtures/payload.js';
import { plural } from '../../../src/texts/plural.js';

function expectCompanyCard(p: JPayload, c: CompanyCard, canFileVisit: boolean, canCreateActions = false) {
  expect(p.blocks[0]?.type).toBe('header');
  // The fallback text is mrkdwn too (notifications): the name escaped, never a raw mention.
  expect(p.text).toBe(`Fiche entreprise : ${escapeText(c.name)} (${escapeText(c.commune)})`);
  const sharedShown = p.blocks.filter((b) => b.type === 'section' && b.text?.text.includes('*Diagnostic* :'));
  const maskedShown = p.blocks.filter(
    (b) => b.type === 'context' && contextTexts(b).some((t) => t.includes('contenu non partagé')),
  );
  const shownCount = sharedShown.length + maskedShown.length;
  expect(shownCount).toBeLessThanOrEqual(CARD_VISITS);
  expect(shownCount).toBe(Math.min(c.visits.length, CARD_VISITS));
  expect(sharedShown.length).toBe(c.visits.slice(0, CARD_VISITS).filter((v) => v.shared).length);
  const older = c.visits.length - CARD_VISITS;
  expect(showsText(p, '… et ')).toBe(older > 0);
  if (older > 0)
    expect(showsText(p, `… et ${older} visite${plural(older, '', 's')} plus ancienne${plural(older, '', 's')}.`)).toBe(
      true,
    );
  if (c.visits.length === 0) expect(showsText(p, 'Aucune visite enregistrée')).toBe(true);
  // Masked visits never show their content, whatever the object carries.
  expect(JSON.stringify(p)).not.toContain(CONFIDENTIAL);
  for (const v of c.visits.slice(0, CARD_VISITS)) {
    if (!v.shared && 'diagnostic' in v && typeof v.diagnostic === 'string')
      expect(JSON.stringify(p)).not.toContain(v.diagnostic.slice(0, 60));
  }
  // The alerts raised from a shown visit, by reference, on its line.
  const shownAlerts = (v: (typeof c.visits)[number]) => (v.shared ? v.alerts.map((a) => a.reference) : []);
  for (const v of c.visits.slice(0, CARD_VISITS)) {
    const refs = shownAlerts(v);
    if (refs.length === 1) expect(showsText(p, `*Alerte recrutement* : ${refs[0]}`)).toBe(true);
    if (refs.length > 1) expect(showsText(p, `*Alertes recrutement* : ${refs.join(', ')}`)).toBe(true);
  }
  expect(showsText(p, 'Alerte recrutement* : ') || showsText(p, 'Alertes recrutement* : ')).toBe(
    c.visits.slice(0, CARD_VISITS).some((v) => shownAlerts(v).length > 0),
  );
  expect(showsText(p, '_à compléter_')).toBe(c.siret === null);
  const newVisit = buttons(p).filter((b) => b.action_id === ACTIONS.openVisitReport);
  expect(newVisit.map((b) => b.value)).toEqual(canFileVisit ? [c.id] : []);
  // Open actions: a section listing them, when there are some.
  const actionsShown = p.blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('*Actions en cours ('));
  expect(actionsShown).toHaveLength(c.actions.length > 0 ? 1 : 0);
  if (c.actions.length > 0) {
    const [heading, ...lines] = actionsShown[0]!.text!.text.split('\n');
    expect(heading).toBe(`*Actions en cours (${c.actions.length})*`);
    const first = c.actions[0]!;
    expect(lines[0]).toBe(
      `• ${escapeText(first.title)} — ${escapeText(first.ownerStructure.name)} — ${ACTION_STATUS_LABELS[first.status]}, échéance ${frenchDate(first.dueDate)}`,
    );
    expect(JSON.stringify(p)).not.toContain('<!channel>');
  }
  // « Créer une action » for committee members only, with the company's id.
  const create = buttons(p).filter((b) => b.action_id === ACTION_BUTTONS.create);
  expect(create.map((b) => b.value)).toEqual(canCreateActions ? [c.id] : []);
  expect(p.blocks.some((b) => b.type === 'actions')).toBe(canFileVisit || canCreateActions);
}

export const COMPANY_CARD_CASES: Case[] = [
  // --- Messages: company card and search ---
  entry(
    companyCardMessage,
    'realistic card, capteur viewer',
    'message',
    [REALISTIC_CARD, { canFileVisit: true }],
    (p) => expectCompanyCard(p, REALISTIC_CARD, true),
  ),
  entry(
    companyCardMessage,
    'realistic card, committee viewer',
    'message',
    [REALISTIC_CARD, { canFileVisit: false }],
    (p) => expectCompanyCard(p, REALISTIC_CARD, false),
  ),
  entry(
    companyCardMessage,
    'worst case: 120 visits, 200-char name, no SIRET, unknown NAF and band, every flag',
    'message',
    [WORST_CARD, { canFileVisit: true }],
    (p) => {
      expectCompanyCard(p, WORST_CARD, true);
      expect(showsText(p, 'code inconnu')).toBe(true);
      expect(showsText(p, `*Visites*\n${WORST_CARD.visits.length}`)).toBe(true);
    },
  ),
  entry(
    companyCardMessage,
    'only masked visits still carrying their content',
    'message',
    [MASKED_CARD, { canFileVisit: false }],
    (p) => expectCompanyCard(p, MASKED_CARD, false),
  ),
  entry(
    companyCardMessage,
    'no visit, no SIRET, non-employer band',
    'message',
    [EMPTY_CARD, { canFileVisit: true }],
    (p) => expectCompanyCard(p, EMPTY_CARD, true),
  ),
  entry(companyChoicesMessage, 'two matches', 'message', ['Mécanique', CHOICES_FEW], (p) => {
    expect(buttons(p).map((b) => b.value)).toEqual(CHOICES_FEW.map((c) => c.id));
    expect(showsText(p, 'Liste limitée')).toBe(false);
  }),
  entry(
    companyChoicesMessage,
    'worst case: 25 long matches, 500-char query',
    'message',
    [LONG_QUERY, CHOICES_MANY],
    (p) => {
      expect(buttons(p).map((b) => b.value)).toEqual(CHOICES_MANY.slice(0, 10).map((c) => c.id));
      expect(showsText(p, 'Liste limitée aux 10 premières')).toBe(true);
    },
  ),
  entry(companyNotFoundMessage, 'name', 'message', ['Dupont'], (p) => expect(p.text).toContain('« Dupont »')),
  entry(companyNotFoundMessage, 'worst case: 500-char query', 'message', [LONG_QUERY], (p) =>
    expect(p.text).toContain(LONG_QUERY.slice(0, 50)),
  ),

  // --- Messages: the company card's open actions ---
  entry(
    companyCardMessage,
    'two open actions, committee member',
    'message',
    [CARD_WITH_ACTIONS, { canFileVisit: false, canCreateActions: true }],
    (p) => {
      expectCompanyCard(p, CARD_WITH_ACTIONS, false, true);
      const section = visibleTexts(p).find((t) => t.startsWith('*Actions en cours (2)*')) ?? '';
      for (const a of CARD_WITH_ACTIONS.actions) {
        expect(section).toContain(
          `• ${a.title} — ${a.ownerStructure.name} — ${ACTION_STATUS_LABELS[a.status]}, échéance ${frenchDate(a.dueDate)}`,
        );
      }
    },
  ),
  entry(
    companyCardMessage,
    'two open actions, capteur outside the committee',
    'message',
    [CARD_WITH_ACTIONS, { canFileVisit: true, canCreateActions: false }],
    (p) => expectCompanyCard(p, CARD_WITH_ACTIONS, true, false),
  ),
  entry(
    companyCardMessage,
    'two open actions, neither visits nor actions allowed',
    'message',
    [CARD_WITH_ACTIONS, { canFileVisit: false }],
    (p) => expectCompanyCard(p, CARD_WITH_ACTIONS, false, false),
  ),
  entry(
    companyCardMessage,
    'worst case: 120 visits, 10 long open actions, every flag, both buttons',
    'message',
    [WORST_CARD_WITH_ACTIONS, { canFileVisit: true, canCreateActions: true }],
    (p) => {
      expectCompanyCard(p, WORST_CARD_WITH_ACTIONS, true, true);
      // The committee's decisions, escaped, with « pas de suite » for the last.
      expect(showsText(p, '*Décisions du comité technique*')).toBe(true);
      expect(showsText(p, ': pas de suite')).toBe(true);
      expect(JSON.stringify(p)).not.toContain('<!channel>');
    },
  ),
];
