/** Types of render.js (plain JavaScript: the browser loads it as it is). */
export function escapeHtml(text: string): string;
export function plainText(text: string): string;
export function mrkdwn(
  text: string,
  ctx?: { people?: { id: string; name: string }[]; channels?: { id: string; name: string }[] },
): string;
export function renderBlocks(
  blocks: unknown[],
  ctx?: { people?: unknown[]; channels?: unknown[]; errors?: Record<string, string>; timeZone?: string },
): string;
export function unsupportedIn(blocks: unknown[]): string[];
export function zonedParts(seconds: number, timeZone: string): { date: string; time: string };
export function zonedEpoch(date: string, time: string, timeZone: string): number;
export function frenchDate(iso: string | undefined): string;
export function isoDate(text: string): string | null;
export function isoTime(text: string): string | null;
