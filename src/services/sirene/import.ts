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
import { searchKey } from '../../reference/text.js';
import type { Db } from '../db.js';

/**
 * Import of INSEE's SIRENE stock (StockEtablissement, optionally StockUniteLegale) into the
 * territory's reference table SireneEstablishment.
 *
 * 1. The establishments file (csv, csv.gz or zip) is read by column name into a temporary raw table
 *    of its columns: on PostgreSQL streamed as it is into COPY (PostgreSQL's own CSV parser), whose
 *    WHERE keeps the territory's départements; on PGlite parsed by csv-parse, the territory's rows
 *    inserted in batches. One view (the same SQL on both engines) types, names and keeps the
 *    territory's exact communes.
 * 2. The unités légales file, when given, is streamed for the SIRENs kept only (a set the size of
 *    the territory, not of the file); without it, the legal names already stored are used.
 * 3. One statement builds the final rows (display name falling back to the legal name), the counts
 *    are read by comparing them with the table, then (unless dry run) an INSERT of the new rows
 *    and an UPDATE of those whose columns are IS DISTINCT FROM the stored ones write only what
 *    changed (a bulk write drops the secondary indexes and builds them again: see
 *    rebuildsIndexes); establishments no longer kept get inTerritory = false (never deleted);
 *    companies on the platform are refreshed from it.
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
  /** Milliseconds per step (read, legal units, final rows, counts, write, companies): where the time went. */
  steps: Record<string, number>;
}

/** A refusal to say as it is (bad file, bad communes, not a SIRENE file): never a stack. */
export class SireneImportError extends Error {}

const BATCH = 1000;
/** Fewer changed rows than this: the indexes are updated in place (see rebuildsIndexes). */
export const BULK_MIN_ROWS = 1000;
/** The import session's memory on PostgreSQL (temporary tables; sorts and hashes); PGlite keeps its own. */
const SESSION_MEMORY = { temp: '256MB', work: '64MB' };
/** The memory a bulk import's index build may take, for that statement only. */
const BUILD_MEMORY = '128MB';

// ───────────────────────────── communes ─────────────────────────────

const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const DEPARTEMENT = /^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[AB]|97[1-6])$/;

export interface CommuneMatcher {
  matches(code: string): boolean;
  /** The codes and départements given, for the SQL that filters the same way. */
  codes: string[];
  departements: string[];
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
    codes: [...codes],
    departements,
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
          // 'close' also follows a stream destroyed after its header was read.
          stream.once('close', () => zip.close());
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

// ───────────────────────────── columns ─────────────────────────────

const ETAB_REQUIRED = [
  'siren',
  'siret',
  'statutDiffusionEtablissement',
  'codeCommuneEtablissement',
  'etatAdministratifEtablissement',
];
const UL_REQUIRED = ['siren', 'statutDiffusionUniteLegale'];

/** The establishment columns the import reads (the others are carried by COPY and never looked at). */
const ETAB_USED = [
  ...ETAB_REQUIRED,
  'denominationUsuelleEtablissement',
  'enseigne1Etablissement',
  'activitePrincipaleEtablissement',
  'nomenclatureActivitePrincipaleEtablissement',
  'activitePrincipaleNAF25Etablissement',
  'trancheEffectifsEtablissement',
  'anneeEffectifsEtablissement',
  'libelleCommuneEtablissement',
  'codePostalEtablissement',
  'etablissementSiege',
  'caractereEmployeurEtablissement',
  'activitePrincipaleRegistreMetiersEtablissement',
  'dateDernierTraitementEtablissement',
] as const;
type EtabColumn = (typeof ETAB_USED)[number];

/** A file's header: its columns by name → position. The raw table's columns are `c<position>`. */
class Header {
  constructor(readonly names: string[]) {}
  has(name: string): boolean {
    return this.names.includes(name);
  }
  /** The raw table's column for `name`, or NULL when the file has no such column (NAF 2025 before 2025). */
  column(name: string): string {
    const i = this.names.indexOf(name);
    return i < 0 ? 'NULL::text' : `c${i}`;
  }
}

/** The file's first record, by csv-parse; its required columns checked. */
async function readHeader(path: string, required: string[]): Promise<Header> {
  const text = await openText(path);
  const parser = parse({ bom: true, to_line: 1 });
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  let names: string[] = [];
  for await (const record of parser) names = (record as string[]).map((n) => n.trim());
  text.destroy();
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length)
    throw new SireneImportError(`${basename(path)}: not a SIRENE file of this kind, missing ${missing.join(', ')}`);
  return new Header(names);
}

/** Every record after the header, as arrays (csv-parse): the embedded path and the legal units' pass. */
async function* records(path: string): AsyncGenerator<string[]> {
  const text = await openText(path);
  const parser = parse({ bom: true, skip_empty_lines: true, from_line: 2 });
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  for await (const record of parser) yield record as string[];
}

/** A value as stored: empty and `[ND]` (not diffusible) are null. */
function value(field: string | undefined): string | null {
  const v = field?.trim();
  return v && v !== '[ND]' ? v : null;
}

/** The same in SQL, over the raw table's text. */
const sqlValue = (column: string) => `nullif(nullif(btrim(${column}), ''), '[ND]')`;

/**
 * foldText (src/reference/text.ts) in SQL: lower case, ligatures spelt out, accents stripped. The
 * reference's search text is folded by PostgreSQL while the type-ahead folds what is typed in
 * JavaScript: test/services/sirene-scale.test.ts proves both agree on every Latin letter.
 */
export function sqlFold(expression: string): string {
  const marks = '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]';
  // Most names in the stock are plain ASCII (capitals): lower() is all they need, and normalize() is slow.
  return `CASE WHEN octet_length(${expression}) = char_length(${expression}) THEN lower(${expression})
    ELSE regexp_replace(normalize(replace(replace(lower(${expression}), 'œ', 'oe'), 'æ', 'ae'), NFD), '${marks}', '', 'g') END`;
}

/**
 * A value's shape, every digit written 0: the year and date checks compare shapes rather than run a
 * regular expression on each row (half a second on 250,000 rows).
 */
const digitShape = (expression: string) => `translate(${expression}, '123456789', '000000000')`;
/** INSEE's dates: a day, or a day and time with up to six decimals of a second. */
const DATE_SHAPES = [
  '0000-00-00',
  '0000-00-00T00:00:00',
  ...[1, 2, 3, 4, 5, 6].map((n) => `0000-00-00T00:00:00.${'0'.repeat(n)}`),
]
  .map((shape) => `'${shape}'`)
  .join(', ');

/** A SQL text literal (commune codes, already checked by parseCommunes' patterns). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (items: string[]) => `ARRAY[${items.map(literal).join(', ')}]::text[]`;

/** The commune filter over an expression holding the upper-cased commune code. */
function communeCondition(communes: CommuneMatcher, code: string): string {
  const terms = [];
  if (communes.codes.length) terms.push(`${code} = ANY(${textArray(communes.codes)})`);
  if (communes.departements.length) {
    const deps = textArray(communes.departements);
    terms.push(`left(${code}, 2) = ANY(${deps})`, `left(${code}, 3) = ANY(${deps})`);
  }
  return `(${terms.join(' OR ')})`;
}

/**
 * COPY's own filter, as cheap as can be: the départements of the communes. The exact communes are
 * then kept by the staging view (one expression for both engines).
 */
function copyCondition(communes: CommuneMatcher, code: string): string {
  const prefixes = new Set(communes.departements);
  for (const c of communes.codes) prefixes.add(c.slice(0, c.startsWith('97') ? 3 : 2));
  const two = [...prefixes].filter((p) => p.length === 2);
  const three = [...prefixes].filter((p) => p.length === 3);
  const expr = `upper(btrim(${code}))`;
  const terms = [];
  if (two.length) terms.push(`left(${expr}, 2) = ANY(${textArray(two)})`);
  if (three.length) terms.push(`left(${expr}, 3) = ANY(${textArray(three)})`);
  return `(${terms.join(' OR ')})`;
}

/**
 * The establishments kept, typed and named, over the raw table: a `P` establishment's names are
 * never read; the territory's exact communes; rows without SIRET or SIREN left out.
 */
function stageView(header: Header, communes: CommuneMatcher): string {
  const v = (c: EtabColumn) => sqlValue(header.column(c));
  return `CREATE TEMP VIEW sirene_stage AS
    SELECT r.*,
      CASE WHEN r.diffusible THEN coalesce(r.usual_name, r.sign) END AS own_name
    FROM (
      SELECT seq, ${v('siret')} AS siret, ${v('siren')} AS siren,
        coalesce(btrim(${header.column('statutDiffusionEtablissement')}) = 'O', false) AS diffusible,
        ${v('denominationUsuelleEtablissement')} AS usual_name, ${v('enseigne1Etablissement')} AS sign,
        ${v('activitePrincipaleEtablissement')} AS naf_code,
        ${v('nomenclatureActivitePrincipaleEtablissement')} AS naf_nomenclature,
        ${v('activitePrincipaleNAF25Etablissement')} AS naf25_code,
        ${v('trancheEffectifsEtablissement')} AS headcount_band,
        CASE WHEN ${digitShape(v('anneeEffectifsEtablissement'))} = '0000' THEN ${v('anneeEffectifsEtablissement')}::int END AS headcount_year,
        upper(${v('codeCommuneEtablissement')}) AS commune_code,
        ${v('libelleCommuneEtablissement')} AS commune_name,
        ${v('codePostalEtablissement')} AS postal_code,
        coalesce(btrim(${header.column('etablissementSiege')}) = 'true', false) AS head_office,
        coalesce(btrim(${header.column('caractereEmployeurEtablissement')}) = 'O', false) AS employer,
        ${v('activitePrincipaleRegistreMetiersEtablissement')} IS NOT NULL AS trade_register,
        coalesce(btrim(${header.column('etatAdministratifEtablissement')}) = 'A', false) AS active,
        CASE WHEN ${digitShape(v('dateDernierTraitementEtablissement'))} IN (${DATE_SHAPES})
          THEN ${v('dateDernierTraitementEtablissement')}::timestamp(3) END AS insee_updated_at
      FROM sirene_raw
    ) r
    WHERE r.siret IS NOT NULL AND r.siren IS NOT NULL AND ${communeCondition(communes, 'r.commune_code')}`;
}

/** The unit's legal name: its denomination, or for a person « NOM Prénom »; never for a `P` unit. */
function legalNameOf(get: (column: string) => string | null, diffusible: boolean): string | null {
  if (!diffusible) return null;
  const denomination = get('denominationUniteLegale');
  if (denomination) return denomination;
  const name = get('nomUsageUniteLegale') ?? get('nomUniteLegale');
  const first = get('prenomUsuelUniteLegale') ?? get('prenom1UniteLegale');
  return name ? [name, first].filter(Boolean).join(' ') : null;
}

const UL_COLUMNS = ['siren', 'legal_name', 'legal_category', 'diffusible'] as const;
const UL_DDL = `CREATE TEMP TABLE sirene_stage_ul (
  siren text PRIMARY KEY, legal_name text, legal_category text, diffusible boolean NOT NULL
) ON COMMIT DROP`;

type LoadRow = (string | boolean | null)[];

/** The raw table: the file's columns (c<position>, text) after `seq`, their order in the file. */
const rawTableDdl = (columns: string[]) =>
  `CREATE TEMP TABLE sirene_raw (seq bigserial, ${columns.map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`;

// ───────────────────────────── sessions ─────────────────────────────

/** One database session: the temporary tables live in it. */
interface Session {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<number>;
  /** Appends rows to a temporary table. */
  load(table: string, columns: readonly string[], rows: LoadRow[]): Promise<void>;
  /** Fills sirene_raw with the establishments of the territory's départements at least; returns the rows read. */
  loadEstablishments(path: string, header: Header, communes: CommuneMatcher): Promise<number>;
}

/**
 * PGlite (or any Prisma transaction): csv-parse reads the file, the territory's rows go into
 * sirene_raw BATCH rows at a time, each batch one JSON parameter (PGlite has no COPY from a
 * stream; its COPY reads a whole file from memory).
 */
function prismaSession(tx: Pick<Db, '$queryRawUnsafe' | '$executeRawUnsafe'>): Session {
  const session: Session = {
    query: (sql, params = []) => tx.$queryRawUnsafe(sql, ...params),
    execute: (sql, params = []) => tx.$executeRawUnsafe(sql, ...params),
    // One JSON parameter per batch, typed by the table's own row type: thousands of separate
    // parameters cost more to pass through the driver than the rows themselves.
    load: async (table, columns, rows) => {
      if (rows.length === 0) return;
      const objects = rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
      const list = columns.join(', ');
      await tx.$executeRawUnsafe(
        `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`,
        JSON.stringify(objects),
      );
    },
    loadEstablishments: async (path, header, communes) => {
      const positions = ETAB_USED.map((c) => header.names.indexOf(c)).filter((i) => i >= 0);
      const columns = positions.map((i) => `c${i}`);
      await tx.$executeRawUnsafe(rawTableDdl(columns));
      const commune = header.names.indexOf('codeCommuneEtablissement');
      let read = 0;
      let batch: LoadRow[] = [];
      for await (const record of records(path)) {
        read++;
        if (!communes.matches(record[commune]?.trim().toUpperCase() ?? '')) continue;
        batch.push(positions.map((i) => record[i] ?? null));
        if (batch.length >= BATCH) {
          await session.load('sirene_raw', columns, batch);
          batch = [];
        }
      }
      await session.load('sirene_raw', columns, batch);
      return read;
    },
  };
  return session;
}

/** COPY's CSV form of one value: null unquoted empty, text quoted. */
function copyField(v: string | boolean | null): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  return `"${v.replace(/"/g, '""')}"`;
}

/**
 * PostgreSQL: one pg.Client of its own. The establishments file is streamed as it is into COPY,
 * PostgreSQL's own CSV parser, whose WHERE keeps the territory's départements only and counts
 * every row read (a temporary sequence): the file is never parsed in JavaScript.
 */
function pgSession(client: pg.Client): Session {
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    execute: async (sql, params = []) => (await client.query(sql, params)).rowCount ?? 0,
    load: async (table, columns, rows) => {
      if (rows.length === 0) return;
      const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      const source = new PassThrough();
      const done = pipeline(source, copy);
      for (const r of rows) source.write(`${r.map(copyField).join(',')}\n`);
      source.end();
      await done;
    },
    loadEstablishments: async (path, header, communes) => {
      const columns = header.names.map((_, i) => `c${i}`);
      await client.query(rawTableDdl(columns));
      await client.query('CREATE TEMP SEQUENCE sirene_rows_read');
      const where = `nextval('sirene_rows_read') > 0 AND ${copyCondition(communes, header.column('codeCommuneEtablissement'))}`;
      const copy = client.query(
        copyFrom(`COPY sirene_raw (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true) WHERE ${where}`),
      );
      try {
        await pipeline(await openText(path), copy);
      } catch (error) {
        // PostgreSQL's refusal of a malformed file says the line (`where`): a clear refusal.
        const e = error as { code?: string; where?: string; message?: string };
        if (e.code?.startsWith('22'))
          throw new SireneImportError(`${basename(path)}: ${e.message}${e.where ? ` (${e.where})` : ''}`);
        throw error;
      }
      const [row] = (
        await client.query<{ read: string }>(
          'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS read FROM sirene_rows_read',
        )
      ).rows;
      await client.query('DROP SEQUENCE sirene_rows_read');
      return Number(row?.read ?? 0);
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
  let steps: Record<string, number> = {};
  const work = async (session: Session) => {
    const result = await runImport(session, options, communes, run.id, dryRun);
    Object.assign(counts, result.counts);
    companiesRefreshed = result.companiesRefreshed;
    steps = result.steps;
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
        // The session's temporary tables (the territory's rows, a few hundred MB for a large one) in
        // memory rather than spilled page by page, and its sorts and hashes in memory: this session only.
        await client.query(`SET temp_buffers = '${SESSION_MEMORY.temp}'`);
        await client.query(`SET work_mem = '${SESSION_MEMORY.work}'`);
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
    return { runId: run.id, dryRun, ...counts, companiesRefreshed, durationMs, steps };
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
  const steps: Record<string, number> = {};
  let last = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - last);
    last = now;
  };
  // Pass 1: the establishments of the territory's communes.
  const header = await readHeader(options.etablissements, ETAB_REQUIRED);
  const rowsRead = await session.loadEstablishments(options.etablissements, header, communes);
  // Temporary tables have no statistics until analysed: the joins below are planned on them.
  await session.execute('ANALYZE sirene_raw');
  await session.execute(stageView(header, communes));
  await session.execute(UL_DDL);
  step('read');

  // Pass 2: the legal units of the SIRENs kept (or the legal names already stored).
  let units: LoadRow[] = [];
  const flushUnits = async () => {
    await session.load('sirene_stage_ul', UL_COLUMNS, units);
    units = [];
  };
  if (options.unitesLegales) {
    const sirens = new Set(
      (await session.query<{ siren: string }>('SELECT DISTINCT siren FROM sirene_stage')).map((r) => r.siren),
    );
    const names = (await readHeader(options.unitesLegales, UL_REQUIRED)).names;
    for await (const record of records(options.unitesLegales)) {
      const get = (column: string) => {
        const i = names.indexOf(column);
        return i < 0 ? null : value(record[i]);
      };
      const siren = get('siren');
      if (!siren || !sirens.has(siren)) continue;
      sirens.delete(siren); // one row per unit; a repeated SIREN is ignored
      const diffusible = get('statutDiffusionUniteLegale') === 'O';
      units.push([siren, legalNameOf(get, diffusible), get('categorieEntreprise'), diffusible]);
      if (units.length >= BATCH) await flushUnits();
    }
    await flushUnits();
  } else {
    // Without the file, an establishment keeps the legal name stored on it (below); one that has none
    // (new) takes its siblings'. The unit of a SIREN none of whose establishments is diffusible is
    // taken for a `P` unit (no file to say otherwise): a name is never shown on a guess.
    await session.execute(
      `INSERT INTO sirene_stage_ul (siren, legal_name, legal_category, diffusible)
       SELECT e.siren,
              CASE WHEN bool_or(e.diffusible) THEN (array_agg(e."legalName" ORDER BY e."updatedAt" DESC) FILTER (WHERE e."legalName" IS NOT NULL))[1] END,
              (array_agg(e."legalCategory" ORDER BY e."updatedAt" DESC) FILTER (WHERE e."legalCategory" IS NOT NULL))[1],
              bool_or(e.diffusible)
         FROM "SireneEstablishment" e
        WHERE e.siren IN (SELECT s.siren FROM sirene_stage s WHERE NOT EXISTS (
                SELECT 1 FROM "SireneEstablishment" x WHERE x.siret = s.siret AND x."legalName" IS NOT NULL))
        GROUP BY e.siren`,
    );
  }

  step('legal units');

  // The final rows: a `P` establishment or unit has no name; the display name falls back to the legal one.
  const cols = TARGET_COLUMNS.map(q);
  await session.execute(
    `CREATE TEMP TABLE sirene_final ON COMMIT DROP AS SELECT siret, ${cols.join(', ')} FROM "SireneEstablishment" WITH NO DATA`,
  );
  await session.execute(
    `INSERT INTO sirene_final (siret, ${cols.join(', ')})
     WITH s AS (SELECT DISTINCT ON (siret) * FROM sirene_stage ORDER BY siret, seq DESC),
     j AS (
       SELECT s.*, (s.diffusible AND coalesce(u.diffusible, true)) AS shown,
              coalesce(u.legal_name, CASE WHEN NOT $3 THEN e."legalName" END) AS legal_name,
              coalesce(u.legal_category, CASE WHEN NOT $3 THEN e."legalCategory" END) AS legal_category,
              e."naf25Code" AS stored_naf25
         FROM s LEFT JOIN sirene_stage_ul u ON u.siren = s.siren
                LEFT JOIN "SireneEstablishment" e ON e.siret = s.siret
     ),
     named AS (
       SELECT j.*, CASE WHEN NOT shown THEN $1 ELSE coalesce(own_name, legal_name, $1) END AS display_name FROM j
     ),
     -- A few hundred communes: each folded once, not once per establishment.
     communes AS (SELECT DISTINCT commune_name, ${sqlFold('commune_name')} AS folded FROM s)
     SELECT siret, siren, display_name,
       concat_ws(' ', ${sqlFold('display_name')}, c.folded),
       naf_code, naf_nomenclature,
       CASE WHEN $2 THEN naf25_code ELSE stored_naf25 END,
       headcount_band, headcount_year, commune_code, commune_name, postal_code,
       head_office, employer, trade_register, shown, active, true,
       CASE WHEN shown THEN legal_name END, legal_category, insee_updated_at
     FROM named LEFT JOIN communes c USING (commune_name)`,
    [NON_DIFFUSIBLE_NAME, header.has('activitePrincipaleNAF25Etablissement'), Boolean(options.unitesLegales)],
  );
  await session.execute('ANALYZE sirene_final');
  const [{ kept } = { kept: 0 }] = await session.query<{ kept: number }>(
    'SELECT count(*)::int AS kept FROM sirene_stage',
  );
  step('final rows');

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
    rowsKept: kept,
    inserted: row!.inserted,
    updated: row!.updated,
    closed: row!.closed,
    leftTerritory: row!.left,
  };
  step('counts');
  if (dryRun) return { counts, companiesRefreshed: 0, steps };

  const now = options.now;
  const changed = counts.inserted + counts.updated + counts.leftTerritory;
  const rebuild = await dropIndexesForBulk(session, changed, counts.inserted);
  // Each statement only when the counts say it has rows to write: a re-run of the same file writes nothing.
  if (counts.inserted > 0)
    await session.execute(
      `INSERT INTO "SireneEstablishment" (siret, ${cols.join(', ')}, "lastRunId", "createdAt", "updatedAt")
     SELECT siret, ${cols.join(', ')}, $1, $2, $2 FROM sirene_final f
      WHERE NOT EXISTS (SELECT 1 FROM "SireneEstablishment" e WHERE e.siret = f.siret)`,
      [runId, now],
    );
  if (counts.updated > 0)
    await session.execute(
      `UPDATE "SireneEstablishment" e SET ${cols.map((c) => `${c} = f.${c}`).join(', ')}, "lastRunId" = $1, "updatedAt" = $2
       FROM sirene_final f WHERE e.siret = f.siret AND ${differs}`,
      [runId, now],
    );
  if (counts.leftTerritory > 0)
    await session.execute(
      `UPDATE "SireneEstablishment" e SET "inTerritory" = false, "lastRunId" = $1, "updatedAt" = $2
      WHERE e."inTerritory" AND NOT EXISTS (SELECT 1 FROM sirene_final f WHERE f.siret = e.siret)`,
      [runId, now],
    );
  await rebuild?.();
  step('write');
  const companiesRefreshed = await refreshCompanies(session, now);
  step('companies');
  // The type-ahead reads the index, not its pending list (an index just built has none)…
  if (!rebuild) await session.query(`SELECT gin_clean_pending_list('"${SEARCH_INDEX}"'::regclass)`);
  // …and is planned with statistics that know the new rows, once they are many.
  if (changed * 10 >= counts.rowsKept) await session.execute('ANALYZE "SireneEstablishment"');
  step('index');
  return { counts, companiesRefreshed, steps };
}

/** The reference's trigram index (prisma/schema.prisma). */
const SEARCH_INDEX = 'SireneEstablishment_searchText_trgm_idx';

/**
 * Whether an import writes so many rows that the reference's indexes are better built again than
 * updated row by row: at least BULK_MIN_ROWS, and a fifth of the table once written (a first import,
 * a territory widened). Measured on 250,000 new establishments: the trigram index 8.5 s row by row,
 * 2.4 s to build.
 */
export function rebuildsIndexes(changedRows: number, rowsAfter: number): boolean {
  return changedRows >= BULK_MIN_ROWS && changedRows * 5 >= rowsAfter;
}

/**
 * Before a bulk write, drops the reference's indexes but its primary key (which the write needs)
 * and returns what builds them again, from their definitions as the database holds them; null when
 * the write is not bulk. The drop locks the reference until the import commits: the type-ahead
 * waits for a first import, never for a monthly one (a few per cent of rows change).
 */
async function dropIndexesForBulk(
  session: Session,
  changedRows: number,
  insertedRows: number,
): Promise<(() => Promise<void>) | null> {
  const [{ rows } = { rows: 0 }] = await session.query<{ rows: number }>(
    'SELECT count(*)::int AS rows FROM "SireneEstablishment"',
  );
  if (!rebuildsIndexes(changedRows, rows + insertedRows)) return null;
  const indexes = await session.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = '"SireneEstablishment"'::regclass AND NOT i.indisprimary ORDER BY c.relname`,
  );
  for (const index of indexes) await session.execute(`DROP INDEX "${index.name}"`);
  return async () => {
    // Index builds sort their entries in memory: more memory, fewer passes (this transaction only).
    await session.execute(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
    for (const index of indexes) await session.execute(index.definition);
  };
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
