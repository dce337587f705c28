/**
 * French phone numbers as French people write them: ten digits grouped by two (« 02 48 58 00 00 »),
 * or, dialled from abroad, « +33 2 48 58 00 00 ». Anything else (a foreign number, an extension,
 * a typo) is shown as it was typed: reformatting it could make it wrong.
 */
export function formatPhone(input: string): string {
  const typed = input.trim();
  const compact = typed.replace(/[\s\u00a0\u202f.\-/]/g, '').replace(/^\(0\)/, '0');
  const national = /^0[1-9]\d{8}$/.test(compact) ? compact : null;
  const international = /^(?:\+|00)33\(?0?\)?([1-9]\d{8})$/.exec(compact);
  if (national) return national.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (international)
    return `+33 ${international[1]!.slice(0, 1)} ${international[1]!.slice(1).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
  return typed;
}
