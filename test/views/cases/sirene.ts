/** The SIRENE reference: `/plateforme sirene`. */
import { expect } from 'vitest';
import type { SireneRunSummary, SireneStatus } from '../../../src/services/sirene/status.js';
import { sireneStatusMessage } from '../../../src/views/messages/sirene.js';
import { type Case, entry, expectNoRawMarkup, showsText } from '../fixtures/payload.js';

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
