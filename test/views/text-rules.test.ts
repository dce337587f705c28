/**
 * The rules every text shown in Slack follows (issue 13, « exact texts »), checked on every view of
 * the cases tables (realistic and worst-case data: long names with &, < and >, emoji, 0, 1, 2 and
 * many items) and on every text builder of src/texts called with 0, 1 and 2:
 *  - French plurals, never « visite(s) »;
 *  - what people typed is cut, then escaped: never half an escape (« R&amp… ») nor a bare &;
 *  - a SIRET is shown grouped (« 732 829 320 00074 »), a French phone by two (« 06 12 34 56 78 »),
 *    e-mails and web addresses as links.
 */
import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/reference/phone.js';
import { formatSiret } from '../../src/reference/siret.js';
import * as TEXTS from '../../src/texts/fr.js';
import { countOf, plural } from '../../src/texts/plural.js';
import { escapeAndCut, escapeText, mailLink, section, truncate, urlLink } from '../../src/views/blocks.js';
import { alertPageMessage, franceTravailRequestMessage } from '../../src/views/messages/alert.js';
import { ALL_CASES } from './cases/index.js';
import { alertDetails, ON_TIME } from './fixtures/recruitment-alert.js';
import { toJson } from './fixtures/payload.js';

/** Every text of a payload, with whether Slack reads it as mrkdwn (escaped) or shows it as typed. */
function textsOf(payload: unknown): { text: string; mrkdwn: boolean }[] {
  const out: { text: string; mrkdwn: boolean }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
      out.push({ text: o.text, mrkdwn: o.type === 'mrkdwn' });
    for (const v of Object.values(o)) walk(v);
  };
  const json = toJson(payload) as unknown as Record<string, unknown>;
  // A message's fallback text is mrkdwn too (notifications, the desktop banner).
  if (typeof json.text === 'string') out.push({ text: json.text, mrkdwn: true });
  walk(json.blocks);
  for (const key of ['title', 'submit', 'close']) walk(json[key]);
  return out;
}

const PARENTHESISED_PLURAL = /\p{L}\((?:s|es|x|ent)\)/u;
/** An escape cut short (« &am… », « &… ») or a & that is not one of the three escapes. */
const BROKEN_ESCAPE = /&(?!(?:amp|lt|gt);)/;
const HALF_ESCAPE = /&(?:a|am|amp|l|lt|g|gt)?…/;
/** 14 digits in a row: a SIRET shown as stored. */
const RAW_SIRET = /(?<![\d+])\d{14}(?!\d)/;
/** A French phone number shown as typed, ten digits in a row (or +33 and nine). */
const RAW_PHONE = /(?<![\d+])(?:0|\+33)[1-9]\d{8}(?!\d)/;

/** The Slack links of a mrkdwn text removed: their addresses may hold anything. */
const withoutLinkTargets = (text: string) => text.replace(/<(?:https?:|mailto:)[^|>]*\|/g, '<');

function ruleBreaks(text: string, mrkdwn: boolean): string[] {
  const breaks: string[] = [];
  if (PARENTHESISED_PLURAL.test(text)) breaks.push('plural in parentheses');
  if (HALF_ESCAPE.test(text)) breaks.push('an escape cut short');
  if (mrkdwn && BROKEN_ESCAPE.test(text)) breaks.push('a bare & in mrkdwn');
  const shown = mrkdwn ? withoutLinkTargets(text) : text;
  if (RAW_SIRET.test(shown)) breaks.push('an ungrouped SIRET');
  if (RAW_PHONE.test(shown)) breaks.push('an ungrouped phone number');
  return breaks;
}

describe('every view follows the text rules', () => {
  const rendered = ALL_CASES.map((c) => ({ name: c.name, texts: textsOf(c.render()) }));

  for (const { name, texts } of rendered) {
    it(name, () => {
      const broken = texts.flatMap(({ text, mrkdwn }) =>
        ruleBreaks(text, mrkdwn).map((rule) => `${rule}: ${text.slice(0, 300)}`),
      );
      expect(broken).toEqual([]);
    });
  }

  it('is not vacuous: the views show SIRETs, phones, e-mails and web addresses, formatted', () => {
    const all = rendered.flatMap((r) => r.texts.map((t) => t.text)).join('\n');
    expect(all).toContain('732 829 320 00074');
    expect(all).toContain('06 12 34 56 78');
    expect(all).toContain('<mailto:julie.martin@francetravail.fr|julie.martin@francetravail.fr>');
    expect(all).toContain('<https://candidat.francetravail.fr/offres/recherche/detail/185XKQW|voir l’offre>');
    // Worst cases hold typed &, < and > that were cut: the views show them escaped.
    expect(all).toMatch(/&amp;.*…/);
  });

  it('catches each broken rule it checks', () => {
    expect(ruleBreaks('3 visite(s) déposée(s)', false)).toEqual(['plural in parentheses']);
    expect(ruleBreaks('R&amp…', true)).toContain('an escape cut short');
    expect(ruleBreaks('export &gt…', true)).toContain('an escape cut short');
    expect(ruleBreaks('R&D', true)).toEqual(['a bare & in mrkdwn']);
    expect(ruleBreaks('SIRET 73282932000074', true)).toEqual(['an ungrouped SIRET']);
    expect(ruleBreaks('Tél. 0248580000', true)).toEqual(['an ungrouped phone number']);
    expect(ruleBreaks('Tél. +33248580000', false)).toEqual(['an ungrouped phone number']);
    expect(ruleBreaks('<https://x.example/?a=1&amp;b=0248580000|lien>', true)).toEqual([]);
  });
});

/**
 * Every function of the texts catalogue, called with 0, 1 and 2 for each of its arguments: no
 * count is ever said with « (s) ». Builders that need other arguments (strings, lists) throw or
 * say nothing of a count, and are covered by the views above.
 */
describe('every text builder said with 0, 1 and 2', () => {
  type Builder = { path: string; fn: (...args: unknown[]) => unknown };
  const builders: Builder[] = [];
  const collect = (value: unknown, path: string, seen: Set<unknown>) => {
    if (seen.has(value)) return;
    if (typeof value === 'function') builders.push({ path, fn: value as Builder['fn'] });
    else if (typeof value === 'object' && value !== null) {
      seen.add(value);
      for (const [k, v] of Object.entries(value)) collect(v, `${path}.${k}`, seen);
    }
  };
  collect(TEXTS, 'texts', new Set());

  it('finds the builders (it cannot pass on an empty catalogue)', () => {
    expect(builders.length).toBeGreaterThan(150);
  });

  it('never says a count with « (s) », and says 0 and 1 in the singular, 2 in the plural', () => {
    const said: { path: string; n: number; text: string }[] = [];
    for (const { path, fn } of builders) {
      for (const n of [0, 1, 2]) {
        try {
          const text = fn(...Array.from({ length: Math.max(fn.length, 1) }, () => n));
          if (typeof text === 'string') said.push({ path, n, text });
        } catch {
          // A builder that reads its arguments as strings or lists: rendered by the views above.
        }
      }
    }
    expect(said.length).toBeGreaterThan(300);
    expect(said.filter((s) => PARENTHESISED_PLURAL.test(s.text)).map((s) => `${s.path}(${s.n}): ${s.text}`)).toEqual(
      [],
    );
    // Counts whose noun follows the number: « 0 entreprise », « 1 entreprise », « 2 entreprises ».
    const counted = said.filter((s) =>
      /\b[0-2] (?:visite|entreprise|action|alerte|poste|jour|rappel|membre)s?\b/.test(s.text),
    );
    expect(counted.length).toBeGreaterThan(20);
    for (const s of counted) {
      const nouns = [...s.text.matchAll(/\b([0-2]) (visite|entreprise|action|alerte|poste|jour|rappel|membre)(s?)\b/g)];
      for (const [, n, , mark] of nouns)
        expect(`${s.path}: ${n} …${mark}`).toBe(`${s.path}: ${n} …${n === '2' ? 's' : ''}`);
    }
  });
});

describe('plural', () => {
  it('is singular for 0 and 1, plural from 2, the number first with countOf', () => {
    expect([0, 1, 2, 10].map((n) => countOf(n, 'visite', 'visites'))).toEqual([
      '0 visite',
      '1 visite',
      '2 visites',
      '10 visites',
    ]);
    expect(plural(-1, 'jour', 'jours')).toBe('jour');
    expect(plural(1.5, 'heure', 'heures')).toBe('heure');
  });
});

describe('cut, then escape', () => {
  const unescaped = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const length = (t: string) => Array.from(t).length;

  it('never shows half an escape, whatever the cut', () => {
    const typed = 'R&D <export> & co 🏭 '.repeat(6);
    for (let max = 2; max <= length(escapeText(typed)) + 1; max++) {
      const shown = escapeAndCut(typed, max);
      expect(length(shown), `max ${max}`).toBeLessThanOrEqual(max);
      expect(shown, `max ${max}`).not.toMatch(BROKEN_ESCAPE);
      expect(typed.startsWith(unescaped(shown.replace(/…$/, ''))), `max ${max}`).toBe(true);
    }
    expect(escapeAndCut(typed, 1000)).toBe(escapeText(typed));
  });

  it('keeps as much as fits: the cut is at most one typed character short', () => {
    // « R&D » then «&» at the cut: « R&amp;D » (8) + « … » fits 9, « R&amp;D&amp; » + « … » needs 13.
    expect(escapeAndCut('R&D&D&D', 9)).toBe('R&amp;D…');
    expect(escapeAndCut('R&D&D&D', 12)).toBe('R&amp;D…');
    expect(escapeAndCut('R&D&D&D', 13)).toBe('R&amp;D&amp;…');
  });

  it('cuts at the end of a word when one ends close to the limit', () => {
    expect(escapeAndCut('Mécanique & Chaudronnerie du Berry', 20)).toBe('Mécanique &amp;…');
    // No word ends in reach: cut inside the word rather than lose most of the text.
    expect(escapeAndCut(`Ateliers ${'x'.repeat(60)}`, 40)).toBe(`Ateliers ${'x'.repeat(30)}…`);
  });

  it('never splits an emoji with its modifier or a letter and its accent', () => {
    const typed = `Atelier ${'👩🏽‍🔧'.repeat(3)} e\u0301tude`;
    const segments = (t: string) =>
      Array.from(new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(t), (s) => s.segment);
    const whole = segments(typed);
    for (let max = 2; max < 40; max++) {
      const kept = segments(escapeAndCut(typed, max).replace(/…$/, ''));
      // Each character kept is a whole one of what was typed.
      expect(kept, `max ${max}`).toEqual(whole.slice(0, kept.length));
    }
    const plainCut = Array.from(typed).slice(0, 10).join('');
    expect(segments(plainCut)).not.toEqual(whole.slice(0, segments(plainCut).length));
  });

  it('cuts a composed text before an escape, a mention or a link, never inside', () => {
    expect(truncate(`${'x'.repeat(8)}&amp;y`, 11)).toBe(`${'x'.repeat(8)}…`);
    expect(truncate(`${'x'.repeat(8)}<@U0123456789>`, 14)).toBe(`${'x'.repeat(8)}…`);
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
  });

  it('in a section: a typed urgency with & at the cut stays whole or goes', () => {
    const page = (urgency: string) => {
      const alert = { ...alertDetails({ state: 'signalee', worst: true }), urgency };
      return [alertPageMessage(alert, ON_TIME), franceTravailRequestMessage(alert, ON_TIME)];
    };
    for (let pad = 2480; pad <= 2510; pad++) {
      for (const message of page(`${'x'.repeat(pad)} R&D & <export> ${'y'.repeat(100)}`)) {
        for (const { text, mrkdwn } of textsOf(message)) {
          expect(mrkdwn && BROKEN_ESCAPE.test(text), text.slice(-40)).toBe(false);
          expect(HALF_ESCAPE.test(text), text.slice(-40)).toBe(false);
        }
      }
    }
    // The section itself: a long composed text is never cut inside an escape.
    const long = toJson({ blocks: [section(`${'x'.repeat(2997)}&amp;`)] });
    expect(long.blocks[0]?.text?.text).toBe(`${'x'.repeat(2997)}…`);
  });
});

describe('formatters', () => {
  it('groups a SIRET 3-3-3-5, and leaves what is not one as typed', () => {
    expect(formatSiret('73282932000074')).toBe('732 829 320 00074');
    expect(formatSiret('732 829 320 00074')).toBe('732 829 320 00074');
    expect(formatSiret('1234')).toBe('1234');
  });

  it('groups a French phone number by two, from abroad with +33', () => {
    expect(formatPhone('0248580000')).toBe('02 48 58 00 00');
    expect(formatPhone('02.48.58.00.00')).toBe('02 48 58 00 00');
    expect(formatPhone('+33248580000')).toBe('+33 2 48 58 00 00');
    expect(formatPhone('+33 (0)6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    expect(formatPhone('0033612345678')).toBe('+33 6 12 34 56 78');
    // Not a French number: shown as typed (trimmed), never reshaped into a wrong one.
    expect(formatPhone(' +44 20 7946 0958 ')).toBe('+44 20 7946 0958');
    expect(formatPhone('+33612345678901')).toBe('+33612345678901');
  });

  it('makes e-mails and web addresses links, and anything else escaped text', () => {
    expect(mailLink('julie.martin@francetravail.fr')).toBe(
      '<mailto:julie.martin@francetravail.fr|julie.martin@francetravail.fr>',
    );
    expect(mailLink('julie <at> francetravail')).toBe('julie &lt;at&gt; francetravail');
    expect(urlLink('https://x.example/o?a=1&b=2', 'voir')).toBe('<https://x.example/o?a=1&amp;b=2|voir>');
    expect(urlLink('https://x.example/o')).toBe('<https://x.example/o|https://x.example/o>');
    expect(urlLink('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(urlLink('https://x.example/a|<!channel>')).toBe('https://x.example/a|&lt;!channel&gt;');
  });
});
