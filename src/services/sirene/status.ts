import type { Db } from '../db.js';

/** One import of the SIRENE stock, as `/plateforme sirene` shows it. */
export interface SireneRunSummary {
  startedAt: Date;
  fileName: string;
  communes: string;
  dryRun: boolean;
  status: string;
  error: string | null;
  rowsRead: number;
  rowsKept: number;
  inserted: number;
  updated: number;
  closed: number;
  leftTerritory: number;
  durationMs: number;
}

/** What the reference holds today and its last imports, newest first. */
export interface SireneStatus {
  /** Active establishments in the territory's communes, and how many of them the platform follows. */
  active: number;
  followed: number;
  /** Kept although closed, or no longer in the territory's communes. */
  closed: number;
  outOfTerritory: number;
  /** Partially diffusible (`P`): never named, never proposed as targets. */
  notDiffusible: number;
  runs: SireneRunSummary[];
}

/** How many past imports `/plateforme sirene` lists. */
export const SIRENE_RUNS_SHOWN = 5;

/** The reference's state and its last imports (the coordination's `/plateforme sirene`). */
export async function sireneStatus(db: Db): Promise<SireneStatus> {
  const [counts] = await db.$queryRaw<
    { active: bigint; followed: bigint; closed: bigint; outOfTerritory: bigint; notDiffusible: bigint }[]
  >`
    SELECT count(*) FILTER (WHERE s.active AND s."inTerritory") AS active,
           count(c.id) FILTER (WHERE s.active AND s."inTerritory") AS followed,
           count(*) FILTER (WHERE NOT s.active) AS closed,
           count(*) FILTER (WHERE NOT s."inTerritory") AS "outOfTerritory",
           count(*) FILTER (WHERE NOT s.diffusible AND s.active AND s."inTerritory") AS "notDiffusible"
      FROM "SireneEstablishment" s LEFT JOIN "Company" c ON c.siret = s.siret`;
  const runs = await db.sireneImportRun.findMany({
    orderBy: { startedAt: 'desc' },
    take: SIRENE_RUNS_SHOWN,
    select: {
      startedAt: true,
      fileName: true,
      communes: true,
      dryRun: true,
      status: true,
      error: true,
      rowsRead: true,
      rowsKept: true,
      inserted: true,
      updated: true,
      closed: true,
      leftTerritory: true,
      durationMs: true,
    },
  });
  return {
    active: Number(counts?.active ?? 0),
    followed: Number(counts?.followed ?? 0),
    closed: Number(counts?.closed ?? 0),
    outOfTerritory: Number(counts?.outOfTerritory ?? 0),
    notDiffusible: Number(counts?.notDiffusible ?? 0),
    runs,
  };
}
