/**
 * Synthetic SIRENE stock files with INSEE's real headers (format 3.11, ../shared/data/SIRENE.md):
 * seeded, any size, written as a stream (a million rows in constant memory). Used by the import's
 * benchmark (`npm run bench:sirene`) and its tests; never real data.
 *
 *   tsx bench/sirene-stock.ts --rows 1000000 --out /tmp/StockEtablissement.csv [--seed 7] [--without-naf25]
 *
 * A share of the rows is what a real stock holds and the import must handle: establishments
 * outside the territory (other départements), closed ones, partially diffusible units (`P`, their
 * names « [ND] »), unknown, `NN` and `00` headcount bands, names with commas and quotes, old NAF
 * nomenclatures.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { prng } from '../test/support/prng.js';

export const ETABLISSEMENT_HEADER =
  'siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement,activitePrincipaleNAF25Etablissement';

/** Communes of the Cher (18) the territory keeps, and others (outside it) the import filters out. */
const CHER = [
  ['18279', 'VIERZON', '18100'],
  ['18033', 'BOURGES', '18000'],
  ['18197', 'SAINT-AMAND-MONTROND', '18200'],
  ['18015', 'AUBIGNY-SUR-NERE', '18700'],
  ['18096', 'FOECY', '18500'],
] as const;
const ELSEWHERE = [
  ['36044', 'CHATEAUROUX', '36000'],
  ['45234', 'ORLEANS', '45000'],
  ['75101', 'PARIS 1', '75001'],
  ['2A004', 'AJACCIO', '20000'],
] as const;
const NAF = [
  '25.62B',
  '25.11Z',
  '28.29B',
  '10.71C',
  '16.23Z',
  '22.29A',
  '33.12Z',
  '43.22A',
  '46.69B',
  '47.11B',
  '62.01Z',
];
const BANDS = ['', 'NN', '00', '01', '02', '03', '11', '12', '21', '22', '31', '32', '41'];
const WORDS = ['Forges', 'Mécanique', 'Ateliers', 'Porcelaines', 'Menuiserie', 'Transports', 'Soudure', 'Plasturgie'];

/** The Luhn check digit that makes `digits` + it a valid number (SIREN, SIRET). */
function luhnComplete(digits: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${digits}${d}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let n = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export interface StockOptions {
  rows: number;
  seed?: number;
  /** Share of rows in the territory's communes (the rest elsewhere); 0.25 by default. */
  inTerritory?: number;
  /** Omit the NAF 2025 column, as files before 2025 do. */
  withoutNaf25?: boolean;
}

/** The file's rows, header first, each ending with CRLF as INSEE's files may. */
export function* stockLines(options: StockOptions): Generator<string> {
  const random = prng(options.seed ?? 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const header = options.withoutNaf25
    ? ETABLISSEMENT_HEADER.replace(/,activitePrincipaleNAF25Etablissement$/, '')
    : ETABLISSEMENT_HEADER;
  const columns = header.split(',');
  yield `${header}\r\n`;
  for (let i = 0; i < options.rows; i++) {
    const siren = luhnComplete(String(100_000_00 + i).padStart(8, '0'));
    const siret = luhnComplete(`${siren}0001`);
    const [commune, communeName, postalCode] = random() < (options.inTerritory ?? 0.25) ? pick(CHER) : pick(ELSEWHERE);
    const partial = random() < 0.03;
    const name = partial ? '[ND]' : `${pick(WORDS)} ${pick(WORDS)}${random() < 0.1 ? ', "Les Fils"' : ''} ${i}`;
    const oldNaf = random() < 0.02;
    const values: Record<string, string> = {
      siren,
      nic: '00019',
      siret,
      statutDiffusionEtablissement: partial ? 'P' : 'O',
      dateCreationEtablissement: '2001-03-15',
      trancheEffectifsEtablissement: pick(BANDS),
      anneeEffectifsEtablissement: '2023',
      activitePrincipaleRegistreMetiersEtablissement: random() < 0.2 ? '2562BA' : '',
      dateDernierTraitementEtablissement: '2026-10-31T12:00:00',
      etablissementSiege: random() < 0.8 ? 'true' : 'false',
      nombrePeriodesEtablissement: '2',
      numeroVoieEtablissement: partial ? '[ND]' : String(1 + (i % 120)),
      typeVoieEtablissement: partial ? '[ND]' : 'RUE',
      libelleVoieEtablissement: partial ? '[ND]' : 'DES FORGES',
      codePostalEtablissement: postalCode,
      libelleCommuneEtablissement: communeName,
      codeCommuneEtablissement: commune,
      dateDebut: '2020-01-01',
      etatAdministratifEtablissement: random() < 0.2 ? 'F' : 'A',
      enseigne1Etablissement: partial || random() < 0.6 ? '' : name.toUpperCase(),
      denominationUsuelleEtablissement: partial ? '[ND]' : random() < 0.5 ? name : '',
      activitePrincipaleEtablissement: oldNaf ? '28.5D' : pick(NAF),
      nomenclatureActivitePrincipaleEtablissement: oldNaf ? 'NAFRev1' : 'NAFRev2',
      caractereEmployeurEtablissement: random() < 0.6 ? 'O' : 'N',
      activitePrincipaleNAF25Etablissement: oldNaf ? '' : pick(NAF),
    };
    yield `${columns.map((c) => field(values[c] ?? '')).join(',')}\r\n`;
  }
}

/** Writes a stock file of `options.rows` rows to `path`, at the disk's pace. */
export async function writeStock(path: string, options: StockOptions): Promise<void> {
  const out = createWriteStream(path);
  for (const line of stockLines(options)) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '7' },
      'without-naf25': { type: 'boolean', default: false },
    },
  });
  if (!values.out) {
    console.error('Usage: tsx bench/sirene-stock.ts --rows 1000000 --out <file.csv> [--seed 7] [--without-naf25]');
    process.exit(2);
  }
  await writeStock(values.out, {
    rows: Number(values.rows),
    seed: Number(values.seed),
    withoutNaf25: values['without-naf25'],
  });
  console.log(`Written: ${values.out}`);
}
