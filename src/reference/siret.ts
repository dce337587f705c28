/** SIREN of La Poste, whose establishments use a different SIRET check rule. */
const LA_POSTE_SIREN = '356000000';

/** Removes the separators people paste: spaces (incl. non-breaking ones), dots and dashes. */
export function normaliseSiret(input: string): string {
  // \s already covers U+00A0 and U+202F (the French thousands separator); listed for clarity.
  return input.replace(/[\s\u00a0\u202f.-]/g, '');
}

export type SiretCheck = { ok: true; siret: string; siren: string } | { ok: false; reason: 'format' | 'checksum' };

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right (the check digit is not doubled).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += Number(c);
  return sum;
}

export function checkSiret(input: string): SiretCheck {
  const siret = normaliseSiret(input);
  if (!/^\d{14}$/.test(siret)) return { ok: false, reason: 'format' };
  const siren = siret.slice(0, 9);
  // La Poste's establishments fail Luhn in INSEE's own data; INSEE's rule for them is that
  // the digit sum is a multiple of 5. Its head office (…00048) does satisfy Luhn.
  const valid = luhnValid(siret) || (siren === LA_POSTE_SIREN && digitSum(siret) % 5 === 0);
  return valid ? { ok: true, siret, siren } : { ok: false, reason: 'checksum' };
}

/** Whether a search string should be treated as a SIREN/SIRET (possibly partial) rather than a name. */
export function looksLikeSiret(input: string): boolean {
  return /^\d{9,14}$/.test(normaliseSiret(input));
}

/** `12345678900012` → `123 456 789 00012`; input that is not 14 digits is returned unchanged. */
export function formatSiret(siret: string): string {
  const digits = normaliseSiret(siret);
  if (!/^\d{14}$/.test(digits)) return siret;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
}
