import type { KnownBlock } from '@slack/types';
import type { SireneStatus } from '../../services/sirene/status.js';
import { SIRENE_TEXTS as T } from '../../texts/sirene.js';
import { frenchDateTime, frenchDuration } from '../../time.js';
import { context, escapeAndCut, escapeText, section } from '../blocks.js';

/** `/plateforme sirene`: what the reference holds, and its last imports (newest first). */
export function sireneStatusMessage(status: SireneStatus, timeZone: string): { text: string; blocks: KnownBlock[] } {
  if (status.runs.length === 0 && status.active === 0)
    return { text: T.empty, blocks: [section(T.title), section(T.empty)] };
  const runs = status.runs.map((r) => {
    const when = frenchDateTime(r.startedAt, timeZone);
    const file = escapeText(r.fileName);
    if (r.status === 'failed') return T.failed(when, file, escapeAndCut(r.error ?? '', 300));
    if (r.status === 'running') return T.running(when, file);
    return `${T.run(when, file, escapeAndCut(r.communes, 200), r, frenchDuration(r.durationMs))}${r.dryRun ? T.dryRun : ''}`;
  });
  const reference = T.reference(status.active, status.followed);
  return {
    text: reference,
    blocks: [
      section(T.title),
      section(reference),
      context(T.kept(status.closed, status.outOfTerritory, status.notDiffusible)),
      ...(runs.length ? [section(`${T.runsHeading}\n${runs.join('\n')}`)] : []),
    ],
  };
}
