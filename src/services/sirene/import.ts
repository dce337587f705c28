import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import yauzl from 'yauzl';
import { findHeadcountBand } from '../../reference/headcount-bands.js';
import { findNafSubclass } from '../../reference/naf.js';
import { sectorFamilyOf } from '../../reference/sector-family.js';
import { foldText, searchKey } from '../../reference/text.js';
import type { Db } from '../db.js';

/**
 * Import of INSEE's SIRENE stock (StockEtablissement, optionally StockUniteLegale) into the
 * territory's reference table SireneEstablishment.
 *
 * 1. The establishments file is streamed (csv, csv.gz or zip) and read by column name; the rows of
 *    the territory's communes go, in batches, into a temporary staging table (COPY on PostgreSQL
 *    when a connection string is given, multi-row INSERTs with parameters otherwise: PGlite).
 * 2. The unités légales file, when given, is streamed for the SIRENs kept only (a set the size of
 *    the territory, not of the file); without it, the legal names already stored are used.
 * 3. One statement builds the final rows (display name falling back to the legal name), the counts
 *    are read by comparing them with the table, then (unless dry run) one INSERT … ON CONFLICT
 *    … WHERE (…) IS DISTINCT FROM (…) writes only what changed; establishments no longer kept get
 *    inTerritory = false (never deleted); companies on the platform are refreshed from it.
 *
 * Everything after the run record runs in one transaction on one session (the temporary tables are
 * the session's): a failed import changes nothing and leaves its run `failed` with the error.
 * A dry run computes the same counts, writes nothing but its run record (dryRun = true).
 * `P` (partially diffusible) establishments and units: no name is ever kept, `[ND]` never stored.
 */

export const NON_DIFFUSIBLE_NAME = 'Établissement non diffusible';

export type CommunesSpec = string | string[];

export interface SireneImportOptions {
  etablissements: string;
  unitesLegales?: string | undefined;
  communes: CommunesSpec;
  dryRun?: boolean | undefined;
  now: Date;
  /** PostgreSQL's connection string: rows are loaded with COPY on a connection of its own. Absent: batched INSERTs through `db` (PGlite). */
  postgresUrl?: string | undefined;
}

export interface SireneImportResult {
  runId: string;
  dryRun: boolean;
  rowsRead: number;
  rowsKept: number;
  inserted: number;
  updated: number;
  closed: number;
  leftTerritory: number;
  companiesRefreshed: number;
  durationMs: number;
}

/** A refusal to say as it is (bad file, bad communes, not a SIRENE file): never a stack. */
export class SireneImportError extends Error {}

const BATCH = 1000;

// ───────────────────────────── communes ─────────────────────────────

const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const DEPARTEMENT = /^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[AB]|97[1-6])$/;

export interface CommuneMatcher {
  matches(code: string): boolean;
  /** What the run records: the list or département as given, or the file's base name. */
  label: string;
}

/** A comma list of commune codes and/or département codes (18, 2A, 971), or a file of one code per line. */
export function parseCommunes(spec: CommunesSpec): CommuneMatcher {
  let tokens: string[];
  let label: string;
  if (Array.isArray(spec)) {
    tokens = spec;
    label = spec.join(',');
  } else {
    const trimmed = spec.trim();
    if (existsSync(trimmed) && statSync(trimmed).isFile()) {
      tokens = readFileSync(trimmed, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, ''));
      label = `file ${basename(trimmed)}`;
    } else if (/[/\\]|\.\w+$/.test(trimmed)) {
      throw new SireneImportError(`communes file not found: ${trimmed}`);
    } else {
      tokens = trimmed.split(',');
      label = trimmed;
    }
  }
  const codes = new Set<string>();
  const departements: string[] = [];
  for (const raw of tokens) {
    const token = raw.trim().toUpperCase();
    if (!token) continue;
    if (COMMUNE.test(token)) codes.add(token);
    else if (DEPARTEMENT.test(token)) departements.push(token);
    else
      throw new SireneImportError(
        `bad communes: « ${raw.trim()} » is neither an INSEE commune code (18033, 2A004) nor a département (18, 2A)`,
      );
  }
  if (codes.size === 0 && departements.length === 0) throw new SireneImportError('bad communes: no commune given');
  return {
    label,
    matches: (code) => codes.has(code) || departements.some((d) => code.startsWith(d)),
  };
}

// ───────────────────────────── files ─────────────────────────────

type Format = 'csv' | 'gz' | 'zip';

function formatOf(path: string): Format {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.gz')) return 'gz';
  if (lower.endsWith('.csv')) return 'csv';
  throw new SireneImportError(`unknown file type: ${basename(path)} (expected .csv, .csv.gz or .zip)`);
}

/** Refuses a missing file or an unknown extension before anything is recorded. */
export function checkInputFile(path: string): void {
  formatOf(path);
  if (!existsSync(path) || !statSync(path).isFile()) throw new SireneImportError(`file not found: ${path}`);
}

function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  return pipeline(createReadStream(path), hash).then(() => hash.digest('hex'));
}

function openZipCsv(path: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(new SireneImportError(`${basename(path)}: not a readable zip (${error.message})`));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.toLowerCase().endsWith('.csv')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          stream.on('end', () => zip.close());
          resolve(stream);
        });
      });
      zip.on('end', () => reject(new SireneImportError(`${basename(path)}: no .csv file in the zip`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The file's decompressed text as a stream. */
async function openText(path: string): Promise<Readable> {
  const format = formatOf(path);
  if (format === 'zip') return openZipCsv(path);
  const file = createReadStream(path);
  if (format === 'csv') return file;
  const gunzip = createGunzip();
  file.on('error', (e) => gunzip.destroy(e));
  return file.pipe(gunzip);
}

type Row = Record<string, string>;

/** Each record of a SIRENE CSV, by column name; `required` columns checked on the header. */
async function* records(path: string, required: string[]): AsyncGenerator<Row> {
  const text = await openText(path);
  const parser = parse({
    columns: (header: string[]) => {
      const missing = required.filter((c) => !header.includes(c));
      if (missing.length)
        throw new SireneImportError(`${basename(path)}: not a SIRENE file of this kind, missing ${missing.join(', ')}`);
      return header;
    },
    bom: true,
    skip_empty_lines: true,
  });
  text.on('error', (e) => parser.destroy(e));
  const input = new PassThrough();
  text.pipe(input).pipe(parser);
  for await (const record of parser) yield record as Row;
}

/** A value as stored: empty and `[ND]` (not diffusible) are null. */
function value(row: Row, column: string): string | null {
  const v = row[column]?.trim();
  return v && v !== '[ND]' ? v : null;
}

// ───────────────────────────── rows ─────────────────────────────

const ETAB_REQUIRED = [
  'siren',
  'siret',
  'statutDiffusionEtablissement',
  'codeCommuneEtablissement',
  'etatAdministratifEtablissement',
];
const UL_REQUIRED = ['siren', 'statutDiffusionUniteLegale'];

/** The staging table's columns, in order (COPY and INSERT both). */
const STAGE_COLUMNS = [
  'seq',
  'siret',
  'siren',
  'own_name',
  'own_folded',
  'diffusible',
  'naf_code',
  'naf_nomenclature',
  'naf25_code',
  'headcount_band',
  'headcount_year',
  'commune_code',
  'commune_name',
  'commune_folded',
  'postal_code',
  'head_office',
  'employer',
  'trade_register',
  'active',
  'insee_updated_at',
] as const;

const STAGE_DDL = `CREATE TEMP TABLE sirene_stage (
  seq integer NOT NULL, siret text NOT NULL, siren text NOT NULL, own_name text, own_folded text,
  diffusible boolean NOT NULL, naf_code text, naf_nomenclature text, naf25_code text, headcount_band text,
  headcount_year integer, commune_code text NOT NULL, commune_name text, commune_folded text, postal_code text,
  head_office boolean NOT NULL, employer boolean NOT NULL, trade_register boolean NOT NULL, active boolean NOT NULL,
  insee_updated_at timestamp(3)
) ON COMMIT DROP`;

const UL_COLUMNS = ['siren', 'legal_name', 'legal_folded', 'legal_category', 'diffusible'] as const;
const UL_DDL = `CREATE TEMP TABLE sirene_stage_ul (
  siren text PRIMARY KEY, legal_name text, legal_folded text, legal_category text, diffusible boolean NOT NULL
) ON COMMIT DROP`;

type StageRow = (string | number | boolean | null)[];

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?)?$/;

function stageRow(seq: number, row: Row): StageRow {
  const diffusible = row.statutDiffusionEtablissement?.trim() === 'O';
  // A `P` establishment's names are never read.
  const ownName = diffusible
    ? (value(row, 'denominationUsuelleEtablissement') ?? value(row, 'enseigne1Etablissement'))
    : null;
  const communeName = value(row, 'libelleCommuneEtablissement');
  const year = value(row, 'anneeEffectifsEtablissement');
  const updated = value(row, 'dateDernierTraitementEtablissement');
  return [
    seq,
    value(row, 'siret'),
    value(row, 'siren'),
    ownName,
    ownName === null ? null : foldText(ownName),
    diffusible,
    value(row, 'activitePrincipaleEtablissement'),
    value(row, 'nomenclatureActivitePrincipaleEtablissement'),
    value(row, 'activitePrincipaleNAF25Etablissement'),
    value(row, 'trancheEffectifsEtablissement'),
    year && /^\d{4}$/.test(year) ? Number(year) : null,
    value(row, 'codeCommuneEtablissement'),
    communeName,
    communeName === null ? null : foldText(communeName),
    value(row, 'codePostalEtablissement'),
    row.etablissementSiege?.trim() === 'true',
    row.caractereEmployeurEtablissement?.trim() === 'O',
    value(row, 'activitePrincipaleRegistreMetiersEtablissement') !== null,
    row.etatAdministratifEtablissement?.trim() === 'A',
    updated && DATE.test(updated) ? updated : null,
  ];
}

/** The unit's legal name: its denomination, or for a person « NOM Prénom »; never for a `P` unit. */
function legalNameOf(row: Row): string | null {
  if (row.statutDiffusionUniteLegale?.trim() !== 'O') return null;
  const denomination = value(row, 'denominationUniteLegale');
  if (denomination) return denomination;
  const name = value(row, 'nomUsageUniteLegale') ?? value(row, 'nomUniteLegale');
  const first = value(row, 'prenomUsuelUniteLegale') ?? value(row, 'prenom1UniteLegale');
  return name ? [name, first].filter(Boolean).join(' ') : null;
}

// ───────────────────────────── sessions ─────────────────────────────

/** One database session: the temporary tables live in it. */
interface Session {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<number>;
  /** Appends rows to a temporary table. */
  load(table: string, columns: readonly string[], rows: StageRow[]): Promise<void>;
}

/** PGlite (or any Prisma transaction): multi-row INSERTs with parameters, BATCH rows at a time. */
function prismaSession(tx: Pick<Db, '$queryRawUnsafe' | '$executeRawUnsafe'>): Session {
  return {
    query: (sql, params = []) => tx.$queryRawUnsafe(sql, ...params),
    execute: (sql, params = []) => tx.$executeRawUnsafe(sql, ...params),
    load: async (table, columns, rows) => {
      if (rows.length === 0) return;
      const width = columns.length;
      const tuples = rows.map((_, r) => `(${columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
      await tx.$executeRawUnsafe(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
        ...rows.flat(),
      );
    },
  };
}

/** COPY's CSV form of one value: null unquoted empty, text quoted. */
function copyField(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  return `"${v.replace(/"/g, '""')}"`;
}

/** PostgreSQL: one pg.Client of its own; rows COPYed in. */
function pgSession(client: pg.Client): Session {
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    execute: async (sql, params = []) => (await client.query(sql, params)).rowCount ?? 0,
    load: async (table, columns, rows) => {
      if (rows.length === 0) return;
      const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      const lines = rows.map((r) => `${r.map(copyField).join(',')}\n`);
      const source = new PassThrough();
      const done = pipeline(source, copy);
      for (const line of lines) source.write(line);
      source.end();
      await done;
    },
  };
}

// ───────────────────────────── the import ─────────────────────────────

/** The columns compared and written, SireneEstablishment's name → the final row's expression. */
const TARGET_COLUMNS = [
  'siren',
  'displayName',
  'searchText',
  'nafCode',
  'nafNomenclature',
  'naf25Code',
  'headcountBand',
  'headcountYear',
  'communeCode',
  'communeName',
  'postalCode',
  'headOffice',
  'employer',
  'tradeRegister',
  'diffusible',
  'active',
  'inTerritory',
  'legalName',
  'legalCategory',
  'inseeUpdatedAt',
] as const;

const q = (c: string) => `"${c}"`;

export async function importSirene(db: Db, options: SireneImportOptions): Promise<SireneImportResult> {
  const started = performance.now();
  checkInputFile(options.etablissements);
  if (options.unitesLegales) checkInputFile(options.unitesLegales);
  const communes = parseCommunes(options.communes);
  const dryRun = options.dryRun === true;
  const [fileSha256, legalUnitsSha256] = await Promise.all([
    sha256Of(options.etablissements),
    options.unitesLegales ? sha256Of(options.unitesLegales) : Promise.resolve(null),
  ]);
  const run = await db.sireneImportRun.create({
    data: {
      startedAt: options.now,
      fileName: basename(options.etablissements),
      fileSha256,
      legalUnitsFile: options.unitesLegales ? basename(options.unitesLegales) : null,
      legalUnitsSha256,
      communes: communes.label,
      dryRun,
    },
  });
  const counts = { rowsRead: 0, rowsKept: 0, inserted: 0, updated: 0, closed: 0, leftTerritory: 0 };
  let companiesRefreshed = 0;
  const work = async (session: Session) => {
    const result = await runImport(session, options, communes, run.id, dryRun);
    Object.assign(counts, result.counts);
    companiesRefreshed = result.companiesRefreshed;
    const durationMs = Math.round(performance.now() - started);
    await session.execute(
      `UPDATE "SireneImportRun" SET "rowsRead" = $2, "rowsKept" = $3, inserted = $4, updated = $5, closed = $6,
         "leftTerritory" = $7, "durationMs" = $8, status = 'ok', "finishedAt" = $9 WHERE id = $1`,
      [
        run.id,
        counts.rowsRead,
        counts.rowsKept,
        counts.inserted,
        counts.updated,
        counts.closed,
        counts.leftTerritory,
        durationMs,
        new Date(options.now.getTime() + durationMs),
      ],
    );
    return durationMs;
  };
  try {
    let durationMs: number;
    if (options.postgresUrl) {
      const client = new pg.Client({ connectionString: options.postgresUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        durationMs = await work(pgSession(client));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        await client.end();
      }
    } else {
      durationMs = await db.$transaction((tx) => work(prismaSession(tx)), {
        maxWait: 30_000,
        timeout: 6 * 3_600_000,
      });
    }
    return { runId: run.id, dryRun, ...counts, companiesRefreshed, durationMs };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    await db.sireneImportRun.update({
      where: { id: run.id },
      data: {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        durationMs,
        finishedAt: new Date(options.now.getTime() + durationMs),
      },
    });
    if (error instanceof SireneImportError) throw error;
    // csv-parse's errors (bad quoting, a row of the wrong width) say the line: a clear refusal too.
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_'))
      throw new SireneImportError(`${basename(options.etablissements)}: ${error.message}`);
    throw error;
  }
}

async function runImport(
  session: Session,
  options: SireneImportOptions,
  communes: CommuneMatcher,
  runId: string,
  dryRun: boolean,
) {
  await session.execute(STAGE_DDL);
  await session.execute(UL_DDL);

  // Pass 1: the establishments of the territory's communes.
  let rowsRead = 0;
  let rowsKept = 0;
  let hasNaf25 = false;
  const sirens = new Set<string>();
  let batch: StageRow[] = [];
  for await (const row of records(options.etablissements, ETAB_REQUIRED)) {
    if (rowsRead === 0) hasNaf25 = 'activitePrincipaleNAF25Etablissement' in row;
    rowsRead++;
    const commune = row.codeCommuneEtablissement?.trim().toUpperCase() ?? '';
    if (!communes.matches(commune)) continue;
    const staged = stageRow(rowsKept, row);
    if (!staged[1] || !staged[2]) continue;
    rowsKept++;
    sirens.add(staged[2] as string);
    batch.push(staged);
    if (batch.length >= BATCH) {
      await session.load('sirene_stage', STAGE_COLUMNS, batch);
      batch = [];
    }
  }
  await session.load('sirene_stage', STAGE_COLUMNS, batch);

  // Pass 2: the legal units of the SIRENs kept (or the legal names already stored).
  let units: StageRow[] = [];
  const flushUnits = async () => {
    await session.load('sirene_stage_ul', UL_COLUMNS, units);
    units = [];
  };
  if (options.unitesLegales) {
    for await (const row of records(options.unitesLegales, UL_REQUIRED)) {
      const siren = value(row, 'siren');
      if (!siren || !sirens.has(siren)) continue;
      sirens.delete(siren); // one row per unit; a repeated SIREN is ignored
      const legalName = legalNameOf(row);
      units.push([
        siren,
        legalName,
        legalName === null ? null : foldText(legalName),
        value(row, 'categorieEntreprise'),
        row.statutDiffusionUniteLegale?.trim() === 'O',
      ]);
      if (units.length >= BATCH) await flushUnits();
    }
  } else {
    // The unit of a SIREN none of whose establishments is diffusible is taken for a `P` unit (no file to
    // say otherwise): a name is never shown on a guess.
    const stored = await session.query<{
      siren: string;
      legalName: string | null;
      legalCategory: string | null;
      diffusible: boolean;
    }>(
      `SELECT e.siren, (array_agg(e."legalName" ORDER BY e."updatedAt" DESC) FILTER (WHERE e."legalName" IS NOT NULL))[1] AS "legalName",
              (array_agg(e."legalCategory" ORDER BY e."updatedAt" DESC) FILTER (WHERE e."legalCategory" IS NOT NULL))[1] AS "legalCategory",
              bool_or(e.diffusible) AS diffusible
         FROM "SireneEstablishment" e WHERE e.siren IN (SELECT siren FROM sirene_stage) GROUP BY e.siren`,
    );
    for (const s of stored) {
      const legalName = s.diffusible ? s.legalName : null;
      units.push([s.siren, legalName, legalName === null ? null : foldText(legalName), s.legalCategory, s.diffusible]);
      if (units.length >= BATCH) await flushUnits();
    }
  }
  await flushUnits();

  // The final rows: a `P` establishment or unit has no name; the display name falls back to the legal one.
  const placeholderFolded = foldText(NON_DIFFUSIBLE_NAME);
  const cols = TARGET_COLUMNS.map(q);
  await session.execute(
    `CREATE TEMP TABLE sirene_final ON COMMIT DROP AS SELECT siret, ${cols.join(', ')} FROM "SireneEstablishment" WITH NO DATA`,
  );
  await session.execute(
    `INSERT INTO sirene_final (siret, ${cols.join(', ')})
     WITH s AS (SELECT DISTINCT ON (siret) * FROM sirene_stage ORDER BY siret, seq DESC),
     j AS (
       SELECT s.*, (s.diffusible AND coalesce(u.diffusible, true)) AS shown, u.legal_name, u.legal_folded, u.legal_category,
              e."naf25Code" AS stored_naf25
         FROM s LEFT JOIN sirene_stage_ul u ON u.siren = s.siren
                LEFT JOIN "SireneEstablishment" e ON e.siret = s.siret
     )
     SELECT siret, siren,
       CASE WHEN NOT shown THEN $1 ELSE coalesce(own_name, legal_name, $1) END AS "displayName",
       concat_ws(' ', CASE WHEN NOT shown THEN $2 ELSE coalesce(own_folded, legal_folded, $2) END, commune_folded) AS "searchText",
       naf_code AS "nafCode", naf_nomenclature AS "nafNomenclature",
       CASE WHEN $3 THEN naf25_code ELSE stored_naf25 END AS "naf25Code",
       headcount_band AS "headcountBand", headcount_year AS "headcountYear",
       commune_code AS "communeCode", commune_name AS "communeName", postal_code AS "postalCode",
       head_office AS "headOffice", employer, trade_register AS "tradeRegister", shown AS diffusible, active,
       true AS "inTerritory",
       CASE WHEN shown THEN legal_name END AS "legalName", legal_category AS "legalCategory",
       insee_updated_at AS "inseeUpdatedAt"
     FROM j`,
    [NON_DIFFUSIBLE_NAME, placeholderFolded, hasNaf25],
  );

  const differs = `(${cols.map((c) => `e.${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `f.${c}`).join(', ')})`;
  const [row] = await session.query<{ inserted: number; updated: number; closed: number; left: number }>(
    `SELECT
       (SELECT count(*) FROM sirene_final f WHERE NOT EXISTS (SELECT 1 FROM "SireneEstablishment" e WHERE e.siret = f.siret))::int AS inserted,
       (SELECT count(*) FROM sirene_final f JOIN "SireneEstablishment" e ON e.siret = f.siret WHERE ${differs})::int AS updated,
       (SELECT count(*) FROM sirene_final f JOIN "SireneEstablishment" e ON e.siret = f.siret WHERE e.active AND NOT f.active)::int AS closed,
       (SELECT count(*) FROM "SireneEstablishment" e WHERE e."inTerritory" AND NOT EXISTS (SELECT 1 FROM sirene_final f WHERE f.siret = e.siret))::int AS left`,
  );
  const counts = {
    rowsRead,
    rowsKept,
    inserted: row!.inserted,
    updated: row!.updated,
    closed: row!.closed,
    leftTerritory: row!.left,
  };
  if (dryRun) return { counts, companiesRefreshed: 0 };

  const now = options.now;
  await session.execute(
    `INSERT INTO "SireneEstablishment" (siret, ${cols.join(', ')}, "lastRunId", "createdAt", "updatedAt")
     SELECT siret, ${cols.join(', ')}, $1, $2, $2 FROM sirene_final
     ON CONFLICT (siret) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
       "lastRunId" = EXCLUDED."lastRunId", "updatedAt" = EXCLUDED."updatedAt"
     WHERE (${cols.map((c) => `"SireneEstablishment".${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [runId, now],
  );
  await session.execute(
    `UPDATE "SireneEstablishment" e SET "inTerritory" = false, "lastRunId" = $1, "updatedAt" = $2
      WHERE e."inTerritory" AND NOT EXISTS (SELECT 1 FROM sirene_final f WHERE f.siret = e.siret)`,
    [runId, now],
  );
  const companiesRefreshed = await refreshCompanies(session, now);
  return { counts, companiesRefreshed };
}

/**
 * The companies on the platform with a SIRET kept in this run, refreshed from the reference: name
 * (not from a `P` establishment, nor the placeholder), NAF rév. 2 code and its sector family, band, commune, postal code.
 * An erased company has no SIRET any more, and is skipped by `erasedAt` besides: its identity stays erased.
 */
async function refreshCompanies(session: Session, now: Date): Promise<number> {
  const companies = await session.query<{
    id: string;
    name: string;
    nafCode: string;
    headcountBand: string;
    commune: string;
    postalCode: string | null;
    displayName: string;
    diffusible: boolean;
    fNaf: string | null;
    fNomenclature: string | null;
    fBand: string | null;
    fCommune: string | null;
    fPostal: string | null;
  }>(
    `SELECT c.id, c.name, c."nafCode", c."headcountBand", c.commune, c."postalCode",
            f."displayName", f.diffusible, f."nafCode" AS "fNaf", f."nafNomenclature" AS "fNomenclature",
            f."headcountBand" AS "fBand", f."communeName" AS "fCommune", f."postalCode" AS "fPostal"
       FROM "Company" c JOIN sirene_final f ON f.siret = c.siret
      WHERE c."erasedAt" IS NULL`,
  );
  let refreshed = 0;
  for (const c of companies) {
    // Never the placeholder: a company keeps the name it has when the reference has none.
    const name = c.diffusible && c.displayName !== NON_DIFFUSIBLE_NAME ? c.displayName : c.name;
    const naf = c.fNaf && c.fNomenclature === 'NAFRev2' ? findNafSubclass(c.fNaf) : undefined;
    const nafCode = naf?.code ?? c.nafCode;
    const band = c.fBand && findHeadcountBand(c.fBand) ? c.fBand : c.headcountBand;
    const commune = c.fCommune ?? c.commune;
    const postalCode = c.fPostal ?? c.postalCode;
    if (
      name === c.name &&
      nafCode === c.nafCode &&
      band === c.headcountBand &&
      commune === c.commune &&
      postalCode === c.postalCode
    )
      continue;
    await session.execute(
      `UPDATE "Company" SET name = $2, "searchName" = $3, "nafCode" = $4, "nafNomenclature" = 'NAFRev2',
         "sectorFamily" = $5::"SectorFamily", "headcountBand" = $6, commune = $7, "postalCode" = $8, "updatedAt" = $9
       WHERE id = $1`,
      [c.id, name, searchKey(name), nafCode, sectorFamilyOf(nafCode), band, commune, postalCode, now],
    );
    refreshed++;
  }
  return refreshed;
}
