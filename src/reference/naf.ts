import { readCsvFile } from './csv.js';
import { foldText } from './text.js';
import { projectFile } from '../project-files.js';

/** Value to store next to a NAF code: INSEE is moving to NAF 2025, so a code alone is ambiguous. */
export const NAF_NOMENCLATURE = 'NAFRev2' as const;

export interface NafEntry {
  code: string;
  level: 'section' | 'division' | 'groupe' | 'classe' | 'sous-classe';
  label: string;
  parent: string | null;
}

const LEVELS: ReadonlySet<string> = new Set(['section', 'division', 'groupe', 'classe', 'sous-classe']);

function words(s: string): string[] {
  return foldText(s)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** `25.62B`, `2562b`, ` 25.62 B ` → `2562B`: the form used for both lookup and prefix search. */
function compactCode(s: string): string {
  return s.replace(/[\s.]/g, '').toUpperCase();
}

interface SubclassIndexEntry {
  entry: NafEntry;
  compact: string;
  words: string[];
}

interface NafIndex {
  byCode: Map<string, NafEntry>;
  subclassByCompact: Map<string, NafEntry>;
  subclasses: SubclassIndexEntry[];
}

let index: NafIndex | undefined;

// Loaded on first use so importing the module (e.g. for types) costs nothing.
function nafIndex(): NafIndex {
  if (index) return index;
  const rows = readCsvFile(projectFile('src/reference/data/naf-rev2.csv'), ['code', 'level', 'label', 'parent']);
  const byCode = new Map<string, NafEntry>();
  const subclassByCompact = new Map<string, NafEntry>();
  const subclasses: SubclassIndexEntry[] = [];
  for (const r of rows) {
    if (!LEVELS.has(r.level!)) throw new Error(`naf-rev2.csv: unknown level ${r.level} for ${r.code}`);
    const entry: NafEntry = Object.freeze({
      code: r.code!,
      level: r.level as NafEntry['level'],
      label: r.label!,
      parent: r.parent === '' ? null : r.parent!,
    });
    byCode.set(entry.code, entry);
    if (entry.level === 'sous-classe') {
      const compact = compactCode(entry.code);
      subclassByCompact.set(compact, entry);
      subclasses.push({ entry, compact, words: words(entry.label) });
    }
  }
  index = { byCode, subclassByCompact, subclasses };
  return index;
}

/** Finds a sous-classe (the level SIRENE classifies establishments at); other levels are rejected. */
export function findNafSubclass(code: string): NafEntry | undefined {
  return nafIndex().subclassByCompact.get(compactCode(code));
}

/** The 21 sections (A to U), in order. */
export function nafSections(): NafEntry[] {
  return [...nafIndex().byCode.values()].filter((e) => e.level === 'section');
}

/** The divisions (two digits: `10`, `33`) of a section (`C`); none for an unknown letter. */
export function sectionDivisions(letter: string): string[] {
  const section = letter.trim().toUpperCase();
  return [...nafIndex().byCode.values()]
    .filter((e) => e.level === 'division' && e.parent === section)
    .map((e) => e.code);
}

/** A section by its letter (`C`); undefined for anything else. */
export function findNafSection(letter: string): NafEntry | undefined {
  const entry = nafIndex().byCode.get(letter.trim().toUpperCase());
  return entry?.level === 'section' ? entry : undefined;
}

/** The section (letter) of a sous-classe code; throws if the code is not a known sous-classe. */
export function nafSection(code: string): NafEntry {
  const { byCode } = nafIndex();
  let entry = findNafSubclass(code);
  if (!entry) throw new Error(`Unknown NAF sous-classe: ${code}`);
  while (entry.parent !== null) {
    const parent = byCode.get(entry.parent);
    if (!parent) throw new Error(`NAF data: missing parent ${entry.parent} of ${entry.code}`);
    entry = parent;
  }
  return entry;
}

/**
 * Type-ahead over sous-classes. Code-prefix matches come first (in code order), then label
 * matches where every query word starts some label word; among those, the earlier the first
 * query word appears in the label the better, ties keeping code order.
 */
export function searchNafSubclasses(query: string, limit = 20): NafEntry[] {
  const queryWords = words(query);
  if (queryWords.length === 0 || limit <= 0) return [];
  const { subclasses } = nafIndex();

  // Codes start with a digit; any other query can only match labels.
  const codePrefix = compactCode(query);
  const codeMatches = /^\d[\dA-Z]*$/.test(codePrefix) ? subclasses.filter((s) => s.compact.startsWith(codePrefix)) : [];
  const seen = new Set(codeMatches);

  const labelMatches: { s: SubclassIndexEntry; rank: number }[] = [];
  for (const s of subclasses) {
    if (seen.has(s)) continue;
    if (!queryWords.every((q) => s.words.some((w) => w.startsWith(q)))) continue;
    const rank = s.words.findIndex((w) => w.startsWith(queryWords[0]!));
    labelMatches.push({ s, rank });
  }
  labelMatches.sort((a, b) => a.rank - b.rank); // Array.prototype.sort is stable.

  return [...codeMatches, ...labelMatches.map((m) => m.s)].slice(0, limit).map((s) => s.entry);
}

export function formatNaf(entry: NafEntry): string {
  return `${entry.code} — ${entry.label}`;
}
