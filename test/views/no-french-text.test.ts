/**
 * Every French text users see lives in src/texts (src/texts/fr.ts): a view builds Block Kit
 * around the texts it is given, a listener answers with them, a notification or a job sends them;
 * none of them writes one. This test reads the literals of every module of src/views,
 * src/listeners, src/notifications and src/jobs (test/support/french-text.ts says what reads as
 * text; log messages are English and not looked at) and fails on any text found there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Allowed, findTexts } from '../support/french-text.js';

const SRC = new URL('../../src/', import.meta.url);

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

/**
 * Whole literals of the listeners, notifications and jobs that are not text although they look
 * like it.
 */
const NOT_TEXT_ELSEWHERE = new Set([
  // The audit log's entity: a Prisma model's name.
  'RecruitmentAlert',
  // Midnight UTC, after a date, to make it an instant.
  'T00:00:00Z',
  // A verb people type after /comite: read, never shown.
  'a informer',
  // A developer's error when two listeners claim one Slack id (src/listeners/index.ts): thrown at
  // start-up, never shown to anyone in Slack.
  'two  listeners for ',
]);
/**
 * The idempotency table (src/listeners/idempotency.ts): notes for developers, in English, each
 * opening with its kind of key (test/listeners/idempotency.test.ts); they name states and forms
 * in French but are never sent.
 */
const IDEMPOTENCY_NOTE = /^(submission key|state guard|natural key|no write): /;
const notTextElsewhere = (literal: string) => NOT_TEXT_ELSEWHERE.has(literal) || IDEMPOTENCY_NOTE.test(literal);

function sourceFiles(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(new URL(`${entry.name}/`, dir))
      : entry.name.endsWith('.ts')
        ? [new URL(entry.name, dir)]
        : [],
  );
}

/** Each folder, some of the files it must be seen to read, and what it may write that looks like text. */
const FOLDERS: [string, string[], Allowed][] = [
  ['views', ['blocks.ts', 'home/home.ts', 'messages/alert.ts', 'modals/alert.ts'], NOT_TEXT],
  [
    'listeners',
    [
      'guard.ts',
      'shared.ts',
      'idempotency.ts',
      'actions/committee-buttons.ts',
      'commands/plateforme/index.ts',
      'views/alert-forms.ts',
    ],
    notTextElsewhere,
  ],
  ['notifications', ['define.ts', 'alert.ts', 'committee.ts'], notTextElsewhere],
  ['jobs', ['index.ts'], notTextElsewhere],
];

describe.each(FOLDERS)('src/%s', (folder, someFiles, allowed) => {
  const dir = new URL(`${folder}/`, SRC);
  const files = sourceFiles(dir);

  it('are all read, at any depth', () => {
    expect(files.map((f) => f.pathname.slice(dir.pathname.length))).toEqual(expect.arrayContaining(someFiles));
  });

  it('write no French text: their texts come from src/texts', () => {
    const found = files.flatMap((url) =>
      findTexts(url.pathname, readFileSync(url, 'utf8'), allowed).map(
        (t) => `${url.pathname.slice(dir.pathname.length)}:${t.line} « ${t.piece} » (${t.reason})`,
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

  it('leaves log calls alone, and nothing else of the same call chain', () => {
    const source = `
      ctx.logger.warn({ err: { message } }, 'export files not deleted yet');
      logger.error({ reason: 'Délai dépassé' }, 'view submission failed before its ack');
      args.logger.info('Slack app started');
      await respond(ephemeral('Export envoyé'));
      notifier.error('Incident');
    `;
    expect(pieces(source)).toEqual(['Export envoyé', 'Incident']);
  });

  it('takes the literals allowed as a test', () => {
    const source = `const a = 'no write: opens « Créer une action »'; const b = 'Créer une action';`;
    expect(findTexts('sample.ts', source, (literal) => literal.startsWith('no write: ')).map((t) => t.piece)).toEqual([
      'Créer une action',
    ]);
  });
});
