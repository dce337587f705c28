import { readFileSync } from 'node:fs';

/**
 * Minimal RFC 4180 parser: quoted fields may contain commas, line breaks and doubled quotes.
 * Accepts LF or CRLF line ends; a trailing line break does not produce an empty row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += c;
    }
    i += 1;
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field');
  // Last line without a trailing line break.
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses a CSV with a header row into objects keyed by column name, checking the header. */
export function readCsvFile(url: URL, columns: readonly string[]): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(url, 'utf8'));
  if (header?.join(',') !== columns.join(',')) {
    throw new Error(`${url.pathname}: expected header ${columns.join(',')}`);
  }
  return rows.map((cells, n) => {
    if (cells.length !== columns.length) {
      throw new Error(`${url.pathname}: row ${n + 2} has ${cells.length} fields, expected ${columns.length}`);
    }
    return Object.fromEntries(columns.map((col, k) => [col, cells[k]!]));
  });
}
