/** The SIRENE reference: `/plateforme sirene`. */
import { countOf } from './plural.js';
import { frenchNumber } from './dates.js';

const n = (value: number) => frenchNumber(value, 0);

export const SIRENE_TEXTS = {
  title: '*Répertoire SIRENE du territoire*',
  empty:
    'Aucun établissement importé pour le moment : l’administrateur technique lance `npm run sirene:import` avec le fichier mensuel de l’INSEE (voir le README).',
  /** « 4 210 établissements actifs sur le territoire, dont 312 suivis par la plateforme. » */
  reference: (active: number, followed: number) =>
    `${n(active)} ${active >= 2 ? 'établissements actifs' : 'établissement actif'} sur le territoire, dont ${n(followed)} ${followed >= 2 ? 'suivis' : 'suivi'} par la plateforme.`,
  kept: (closed: number, outOfTerritory: number, notDiffusible: number) =>
    `Conservés : ${countOf(closed, 'fermé', 'fermés')}, ${countOf(outOfTerritory, 'sorti', 'sortis')} du territoire. ${countOf(notDiffusible, 'établissement actif non diffusible', 'établissements actifs non diffusibles')} (jamais nommés, jamais proposés comme cibles).`,
  runsHeading: '*Derniers imports*',
  /** One import: « 01/12/2026 à 03:00 — StockEtablissement_utf8.zip (18) : 41 203 lus, 4 250 retenus… » */
  run: (
    when: string,
    file: string,
    communes: string,
    r: { rowsRead: number; rowsKept: number; inserted: number; updated: number; closed: number; leftTerritory: number },
    duration: string,
  ) =>
    `• ${when} — ${file} (communes : ${communes}) : ${n(r.rowsRead)} lus, ${n(r.rowsKept)} retenus, ${countOf(r.inserted, 'nouveau', 'nouveaux')}, ${countOf(r.updated, 'mis à jour', 'mis à jour')}, ${countOf(r.closed, 'fermé', 'fermés')}, ${countOf(r.leftTerritory, 'sorti', 'sortis')} du territoire, en ${duration}.`,
  dryRun: ' _(essai à blanc : rien enregistré)_',
  failed: (when: string, file: string, error: string) => `• ${when} — ${file} : *échec* (${error}).`,
  running: (when: string, file: string) => `• ${when} — ${file} : en cours.`,
} as const;
