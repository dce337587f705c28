/** The SIRENE reference: `/plateforme sirene`. */
import { expect } from 'vitest';
import type { SireneRunSummary, SireneStatus } from '../../../src/services/sirene/status.js';
import type { ProposedTarget, TargetProposal } from '../../../src/services/sirene/targets.js';
import { TARGET_BLOCKS } from '../../../src/slack/ids.js';
import { sireneStatusMessage } from '../../../src/views/messages/sirene.js';
import {
  type CriteriaLabels,
  type TargetCriteriaOpening,
  targetCriteriaModal,
  targetNoticeModal,
  targetProposalModal,
} from '../../../src/views/modals/target-proposal.js';
import { LONG_COMMUNE, LONG_COMPANY_NAME, LONG_STRUCTURE_NAME } from '../fixtures/common.js';
import {
  type Case,
  entry,
  expectNoRawMarkup,
  expectWellFormedModal,
  inputById,
  showsText,
} from '../fixtures/payload.js';

const RUN: SireneRunSummary = {
  // Tuesday 1 December 2026, 04:00 in Paris (winter time).
  startedAt: new Date('2026-12-01T03:00:00Z'),
  fileName: 'StockEtablissement_utf8.zip',
  communes: '18',
  dryRun: false,
  status: 'ok',
  error: null,
  rowsRead: 41_203,
  rowsKept: 4_250,
  inserted: 1,
  updated: 37,
  closed: 2,
  leftTerritory: 0,
  durationMs: 95_000,
};

const STATUS: SireneStatus = {
  active: 4_210,
  followed: 1,
  closed: 40,
  outOfTerritory: 0,
  notDiffusible: 2,
  runs: [RUN],
};

const WORST: SireneStatus = {
  ...STATUS,
  runs: [
    { ...RUN, status: 'failed', error: `<!channel> ${'x&y '.repeat(200)}`, fileName: '<b>*fichier*.csv' },
    { ...RUN, dryRun: true, communes: '18001,18002,'.repeat(100) },
    { ...RUN, status: 'running' },
    RUN,
    RUN,
  ],
};

/** French writes thousands with a narrow no-break space (U+202F): « 4 210 ». */
export const SIRENE_CASES: Case[] = [
  entry(
    sireneStatusMessage,
    'before any import',
    'message',
    [{ ...STATUS, active: 0, runs: [] }, 'Europe/Paris'],
    (p) => {
      expect(showsText(p, 'Aucun établissement importé pour le moment')).toBe(true);
      expect(showsText(p, 'npm run sirene:import')).toBe(true);
    },
  ),
  entry(
    sireneStatusMessage,
    'after an import: counts in French, the run in Paris time',
    'message',
    [STATUS, 'Europe/Paris'],
    (p) => {
      expect(showsText(p, '4\u202f210 établissements actifs sur le territoire, dont 1 suivi par la plateforme.')).toBe(
        true,
      );
      expect(
        showsText(p, 'Conservés : 40 fermés, 0 sorti du territoire. 2 établissements actifs non diffusibles'),
      ).toBe(true);
      expect(
        showsText(
          p,
          '• 01/12/2026 à 04:00 — StockEtablissement_utf8.zip (communes : 18) : 41\u202f203 lus, 4\u202f250 retenus, 1 nouveau, 37 mis à jour, 2 fermés, 0 sorti du territoire, en 1 min.',
        ),
      ).toBe(true);
    },
  ),
  entry(
    sireneStatusMessage,
    'worst case: a failed run with markup, a dry run, one running, five runs',
    'message',
    [WORST, 'Europe/Paris'],
    (p) => {
      expectNoRawMarkup(p);
      expect(showsText(p, '*échec*')).toBe(true);
      expect(showsText(p, '_(essai à blanc : rien enregistré)_')).toBe(true);
      expect(showsText(p, ': en cours.')).toBe(true);
    },
  ),
];

// ── « Proposer des cibles » (/plateforme programmes) ──

const OPENING: TargetCriteriaOpening = {
  years: [2026, 2027],
  sections: [
    { code: 'B', label: 'Industries extractives' },
    { code: 'C', label: 'Industrie manufacturière' },
    { code: 'D', label: 'Production et distribution d’électricité, de gaz, de vapeur et d’air conditionné' },
    { code: 'E', label: 'Production et distribution d’eau ; assainissement, gestion des déchets et dépollution' },
    { code: 'H', label: 'Transports et entreposage' },
  ],
  serviceCodes: ['49.41A', '52.10B', '71.12B'],
  bands: [
    { code: '01', label: '1 ou 2 salariés' },
    { code: '11', label: '10 à 19 salariés' },
    { code: '53', label: '10 000 salariés et plus' },
  ],
  communes: [
    { code: '18033', name: 'Bourges', count: 4_120 },
    { code: '18279', name: 'Vierzon', count: 1_510 },
  ],
  defaults: { sections: ['B', 'C', 'D', 'E'], withServices: true, minBand: '11', notVisitedMonths: 12 },
};

const target = (siret: string, name: string, commune: string, tradeRegister = false): ProposedTarget => ({
  siret,
  name,
  nafCode: '25.62B',
  band: '12',
  bandLabel: '20 à 49 salariés',
  communeCode: '18279',
  communeName: commune,
  postalCode: '18100',
  tradeRegister,
  companyId: null,
  lastVisit: null,
});

const PROPOSAL: TargetProposal = {
  criteria: {
    sections: ['B', 'C', 'D', 'E'],
    withServices: true,
    minBand: '11',
    communes: [],
    notVisitedMonths: 12,
    year: 2027,
  },
  referenceEmpty: false,
  total: 3,
  groups: [
    {
      route: 'other',
      kind: 'cci',
      structure: { id: 'b3c1c7f4-0000-4000-8000-000000000001', name: 'CCI du Cher', monthlyTarget: 8 },
      targets: [
        target('39396393100013', 'Fonderie de Vierzon', 'Vierzon'),
        target('41234567800019', 'Usinage Berry', 'Vierzon'),
      ],
    },
    {
      route: 'tradeRegister',
      kind: 'cma',
      structure: { id: 'b3c1c7f4-0000-4000-8000-000000000002', name: 'CMA Centre-Val de Loire', monthlyTarget: null },
      targets: [target('50000000000011', 'Menuiserie Martin', 'Foëcy', true)],
    },
  ],
  left: { visitedLately: 4, alreadyTargets: 2, notDiffusible: 1 },
};

const WORST_PROPOSAL: TargetProposal = {
  ...PROPOSAL,
  criteria: {
    ...PROPOSAL.criteria,
    communes: Array.from({ length: 100 }, (_, i) => `18${String(i).padStart(3, '0')}`),
  },
  total: 1_200,
  groups: [
    {
      route: 'other',
      kind: 'cci',
      structure: { id: 'b3c1c7f4-0000-4000-8000-000000000001', name: LONG_STRUCTURE_NAME, monthlyTarget: null },
      targets: Array.from({ length: 1_000 }, (_, i) =>
        target(`3939639310${String(i).padStart(4, '0')}`, LONG_COMPANY_NAME, LONG_COMMUNE),
      ),
    },
    {
      route: 'tradeRegister',
      kind: 'cma',
      structure: null,
      targets: Array.from({ length: 200 }, (_, i) =>
        target(`5000000000${String(i).padStart(4, '0')}`, LONG_COMPANY_NAME, LONG_COMMUNE, true),
      ),
    },
  ],
};

const LABELS: CriteriaLabels = {
  sections: 'B — Industries extractives, C — Industrie manufacturière, services à l’industrie',
  band: '10 à 19 salariés',
  communes: 'tout le territoire',
};

SIRENE_CASES.push(
  entry(targetCriteriaModal, 'the criteria, industry and services by default', 'modal', [OPENING], (p) => {
    expectWellFormedModal(p);
    const sections = inputById(p, TARGET_BLOCKS.sections).element!;
    expect(sections.initial_options?.map((o) => o.value)).toEqual(['B', 'C', 'D', 'E']);
    expect(inputById(p, TARGET_BLOCKS.minBand).element!.initial_option?.value).toBe('11');
    expect(inputById(p, TARGET_BLOCKS.notVisited).element!.initial_option?.value).toBe('12');
    expect(inputById(p, TARGET_BLOCKS.services).element!.initial_options?.map((o) => o.value)).toEqual(['yes']);
    expect(inputById(p, TARGET_BLOCKS.year).element!.initial_option?.value).toBe('2026');
    expect(inputById(p, TARGET_BLOCKS.communes).optional).toBe(true);
  }),
  entry(
    targetCriteriaModal,
    'worst case: 250 communes with long names, one year, every section',
    'modal',
    [
      {
        ...OPENING,
        years: [2026],
        sections: 'ABCDEFGHIJKLMNOPQRSTU'.split('').map((code) => ({ code, label: `${LONG_COMMUNE} ${code}` })),
        communes: Array.from({ length: 250 }, (_, i) => ({
          code: `18${String(i).padStart(3, '0')}`,
          name: LONG_COMMUNE,
          count: i,
        })),
      },
    ],
    (p) => {
      expectWellFormedModal(p);
      expect(inputById(p, TARGET_BLOCKS.communes).element!.options).toHaveLength(100);
      expect(p.blocks.some((b) => b.block_id === TARGET_BLOCKS.year)).toBe(false);
      expect(showsText(p, 'Les 100 communes qui comptent le plus d’établissements (sur 250)')).toBe(false); // a hint, not a text block
      expect(JSON.stringify(p)).toContain('Les 100 communes qui comptent le plus d’établissements (sur 250)');
    },
  ),
  entry(
    targetProposalModal,
    'three establishments for two structures, the CMA without a programme',
    'modal',
    [PROPOSAL, LABELS, true],
    (p) => {
      expectWellFormedModal(p);
      expect(showsText(p, '*3 établissements proposés* pour les programmes 2027.')).toBe(true);
      expect(showsText(p, '*CCI du Cher* — 2 établissements hors registre des métiers')).toBe(true);
      expect(showsText(p, 'Laissés de côté : 4 visités récemment, 2 déjà cibles, 1 non diffusible')).toBe(true);
      expect(inputById(p, `${TARGET_BLOCKS.monthlyPrefix}tradeRegister`).element!.initial_value).toBe('1');
      expect(p.blocks.some((b) => b.block_id === `${TARGET_BLOCKS.monthlyPrefix}other`)).toBe(false);
      expect(JSON.parse(p.private_metadata!)).toEqual(PROPOSAL.criteria);
      expect(p.submit?.text).toBe('Ajouter aux programmes');
    },
  ),
  entry(
    targetProposalModal,
    'nothing matches: no submit',
    'modal',
    [{ ...PROPOSAL, total: 0, groups: PROPOSAL.groups.map((g) => ({ ...g, targets: [] })) }, LABELS, false],
    (p) => {
      expect(showsText(p, '*Aucun établissement* ne correspond à ces critères pour les programmes 2027.')).toBe(true);
      expect(p.submit).toBeUndefined();
    },
  ),
  entry(
    targetProposalModal,
    'worst case: 1,200 establishments with long names and markup, 100 communes, no CMA structure, the sheet not sent',
    'modal',
    [WORST_PROPOSAL, { ...LABELS, communes: Array.from({ length: 100 }, () => LONG_COMMUNE).join(', ') }, false],
    (p) => {
      expectWellFormedModal(p);
      expectNoRawMarkup(p);
      expect(showsText(p, '… et 995 autres')).toBe(true);
      expect(showsText(p, 'Aucune structure active de type CMA')).toBe(true);
      expect(showsText(p, 'Le tableur n’a pas pu vous être envoyé')).toBe(true);
      expect(JSON.parse(p.private_metadata!).communes).toHaveLength(100);
    },
  ),
  entry(
    targetNoticeModal,
    'the search under way',
    'modal',
    ['Proposer des cibles', ':hourglass_flowing_sand: Recherche des établissements…'],
    (p) => {
      expect(p.submit).toBeUndefined();
      expect(p.close?.text).toBe('Fermer');
    },
  ),
  entry(targetNoticeModal, 'worst case: a long result', 'modal', ['Cibles proposées', 'x '.repeat(1_400)], (p) => {
    expect(p.blocks).toHaveLength(1);
  }),
);
