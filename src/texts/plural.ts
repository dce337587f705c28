/**
 * French plurals: 0 and 1 take the singular (« 0 visite », « 1 visite »), 2 and more the plural
 * (« 2 visites »). Never « visite(s) ».
 */
export function plural(n: number, one: string, many: string): string {
  return Math.abs(n) < 2 ? one : many;
}

/** The number and its word: « 1 visite », « 3 visites ». */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${plural(n, one, many)}`;
}
