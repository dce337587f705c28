/**
 * Every French text users see lives in src/texts (src/texts/fr.ts): a view builds Block Kit
 * around the texts it is given, it does not write them. This test reads the literals of every
 * module of src/views (test/support/french-text.ts says what reads as text) and fails on any
 * text found there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findTexts } from '../support/french-text.js';

const VIEWS = new URL('../../src/views/', import.meta.url);

/** Whole literals of the views that are not text although they look like it. */
const NOT_TEXT = new Set([
  // A time zone's name: the default of the indicator views.
  'Europe/Paris',
  // The fields of each position in the alert form, whose block ids are p1Title, p2Rome…
  'Title',
  'Rome',
  'Count',
  'Contract',
  'Start',
  'Location',
]);

function viewFiles(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? viewFiles(new URL(`${entry.name}/`, dir))
      : entry.name.endsWith('.ts')
        ? [new URL(entry.name, dir)]
        : [],
  );
}

describe('src/views', () => {
  const files = viewFiles(VIEWS);

  it('are all read, at any depth', () => {
    expect(files.map((f) => f.pathname.slice(VIEWS.pathname.length))).toEqual(
      expect.arrayContaining(['blocks.ts', 'home/home.ts', 'messages/alert.ts', 'modals/alert.ts']),
    );
  });

  it('write no French text: their texts come from src/texts', () => {
    const found = files.flatMap((url) =>
      findTexts(url.pathname, readFileSync(url, 'utf8'), NOT_TEXT).map(
        (t) => `${url.pathname.slice(VIEWS.pathname.length)}:${t.line} « ${t.piece} » (${t.reason})`,
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('the text finder (test/support/french-text.ts)', () => {
  const pieces = (source: string) => findTexts('sample.ts', source).map((t) => t.piece);

  it('finds text in strings and in the fixed pieces of template literals', () => {
    const source = `
      section('Aucune visite');
      button('Fiche', ACTIONS.showCompanyCard);
      const positions = \`\${n} poste(s)\`;
      const rome = \`(ROME \${code})\`;
      const quarter = \`T\${q}\`;
      context('Échéance');
      plain(\`\${count} h\`);
      const company = 'l’entreprise';
    `;
    expect(pieces(source)).toEqual([
      'Aucune visite',
      'Fiche',
      ' poste(s)',
      '(ROME ',
      'T',
      'Échéance',
      ' h',
      'l’entreprise',
    ]);
  });

  it('finds text in a template literal nested in another, on its line', () => {
    const found = findTexts('sample.ts', `\nconst a = \`*\${b ? \`Oui\${c}\` : c}*\`;`);
    expect(found).toEqual([{ line: 2, piece: 'Oui', reason: 'a capitalised word' }]);
  });

  it('leaves identifiers, Block Kit types, emoji, mrkdwn, module names, types, comments and allowed literals alone', () => {
    const source = `
      import { ALERT_TEXTS } from '../../texts/alert.js';
      type Shown = Pick<AlertDetails, 'state' | 'deadlineAt'>;
      // Une phrase en français, dans un commentaire.
      const a = { type: 'plain_text' as const, style: 'primary', block_id: \`programme_\${id}\` };
      const b = state === 'signalee' ? ':rotating_light:' : \`*\${name}* — <@\${id}> · <#\${channel}>\`;
      const c = text.replace(/&/g, '&amp;');
      const d = \`\${cut}…\`;
      const e = 'Europe/Paris';
    `;
    expect(findTexts('sample.ts', source, new Set(['Europe/Paris']))).toEqual([]);
  });
});
