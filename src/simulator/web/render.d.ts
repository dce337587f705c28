/** Types of render.js (plain JavaScript: the browser loads it as it is). */
export function escapeHtml(text: string): string;
export function plainText(text: string): string;
export function mrkdwn(
  text: string,
  ctx?: { people?: { id: string; name: string }[]; channels?: { id: string; name: string }[] },
): string;
export function renderBlocks(
  blocks: unknown[],
  ctx?: { people?: unknown[]; channels?: unknown[]; errors?: Record<string, string> },
): string;
export function unsupportedIn(blocks: unknown[]): string[];
