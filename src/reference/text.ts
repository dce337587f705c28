/** Folding shared by every search: NAF labels, company names, communes. */

/** Lower-case, strip accents, and spell out ligatures so `oeuvre` finds `œuvre`. */
export function foldText(s: string): string {
  return s.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').normalize('NFD').replace(/\p{M}/gu, '');
}

/** Folded, punctuation collapsed to single spaces: the key company names are stored and searched by. */
export function searchKey(s: string): string {
  return foldText(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
