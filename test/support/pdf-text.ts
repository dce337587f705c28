import { inflateSync } from 'node:zlib';

/**
 * Reading a PDF as pdfkit writes it, for the tests: the text its pages show and the fonts it uses.
 * An embedded font's text is glyph ids, read back through its ToUnicode map; a standard font's
 * text is its bytes (Latin-1).
 */

function objects(pdf: Uint8Array): Map<number, string> {
  const source = Buffer.from(pdf).toString('latin1');
  const found = new Map<number, string>();
  for (const [, num, body] of source.matchAll(/(\d+) 0 obj\b(.*?)endobj/gs)) found.set(Number(num), body!);
  return found;
}

function streamOf(body: string): string | null {
  const start = body.indexOf('stream\n');
  if (start < 0) return null;
  const end = body.lastIndexOf('\nendstream');
  const raw = Buffer.from(body.slice(start + 'stream\n'.length, end), 'latin1');
  try {
    return inflateSync(raw).toString('latin1');
  } catch {
    return raw.toString('latin1');
  }
}

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** A ToUnicode CMap as pdfkit writes it: bfrange with arrays (a ligature as « <0066 0069> »: « fi »), or bfchar. */
function readCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, from, list] of cmap.matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
    const start = Number.parseInt(from!, 16);
    [...list!.matchAll(/<([0-9a-f\s]*)>/gi)].forEach(
      ([, hex], i) => void map.set(start + i, utf16(hex!.replace(/\s/g, ''))),
    );
  }
  for (const [, code, hex] of cmap.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]+)>\s*$/gim))
    if (!map.has(Number.parseInt(code!, 16))) map.set(Number.parseInt(code!, 16), utf16(hex!));
  return map;
}

/** The fonts a PDF uses, by their base names (an embedded subset as « ABCDEF+DejaVuSans »). */
export function pdfFonts(pdf: Uint8Array): string[] {
  const names = new Set<string>();
  for (const body of objects(pdf).values())
    for (const [, name] of body.matchAll(/\/BaseFont\s*\/([^\s/>]+)/g)) names.add(name!);
  return [...names].sort();
}

/** The text a PDF shows: its content streams, the strings of its text operators decoded. */
export function pdfText(pdf: Uint8Array): string {
  const objs = objects(pdf);
  // Resource name (F1…) → the font's ToUnicode map, or null for a standard font.
  const fonts = new Map<string, Map<number, string> | null>();
  for (const body of objs.values())
    for (const [, dict] of body.matchAll(/\/Font\s*<<(.*?)>>/gs))
      for (const [, name, num] of dict!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const font = objs.get(Number(num)) ?? '';
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
        const cmap = toUnicode ? streamOf(objs.get(Number(toUnicode[1])) ?? '') : null;
        fonts.set(name!, cmap ? readCMap(cmap) : null);
      }
  const texts: string[] = [];
  for (const body of objs.values()) {
    const content = streamOf(body);
    if (!content?.includes(' TJ')) continue;
    let font: Map<number, string> | null = null;
    for (const [, name, array] of content.matchAll(/\/(\w+) [\d.]+ Tf|\[(.*?)\] TJ/gs)) {
      if (name !== undefined) {
        font = fonts.get(name) ?? null;
        continue;
      }
      const hexes = [...array!.matchAll(/<([0-9a-f]+)>/gi)].map(([, hex]) => hex!);
      texts.push(
        hexes
          .map((hex) =>
            font
              ? (hex.match(/.{4}/g) ?? []).map((code) => font!.get(Number.parseInt(code, 16)) ?? '\ufffd').join('')
              : Buffer.from(hex, 'hex').toString('latin1'),
          )
          .join(''),
      );
    }
  }
  return texts.join('\n');
}
