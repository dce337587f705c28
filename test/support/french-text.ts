import ts from 'typescript';

/**
 * Finds, in TypeScript source, the string and template literals that read as text rather than as
 * identifiers: a French letter or typographic mark, words in a phrase (letters and a space), or a
 * capitalised word or acronym (« Oui », « SIRET », the « T » of « T3 »). Comments, module names,
 * literal types and log calls (`logger.warn(…)`, `ctx.logger.info(…)`: messages for operators, in
 * English) are not looked at. Lower-case identifiers pass — block and action ids, Block Kit types,
 * stored values such as 'signalee' — so a lone lower-case word would too.
 */

/** Slack's emoji codes (:white_check_mark:) are not words. */
const EMOJI = /:[a-z0-9_+-]+:/g;
const FRENCH_MARKS = /[À-ÖØ-öø-ÿŒœ’«»\u00a0\u202f]/;

const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** `logger.warn(…)`, `ctx.logger.info(…)`, `log.error(…)`: a call to a logger's level. */
function isLogCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_LEVELS.has(callee.name.text)) return false;
  const target = callee.expression;
  const name = ts.isIdentifier(target) ? target.text : ts.isPropertyAccessExpression(target) ? target.name.text : '';
  return name === 'logger' || name === 'log';
}

/** Why a fixed piece of a literal reads as text, or null. */
function textReason(piece: string): string | null {
  const bare = piece.replace(EMOJI, '');
  if (FRENCH_MARKS.test(bare)) return 'a French letter or mark';
  if (/[A-Za-z]/.test(bare) && /\s/.test(bare)) return 'words in a phrase';
  if (/(^|[^A-Za-z0-9_])[A-Z]/.test(bare)) return 'a capitalised word';
  return null;
}

export interface TextFound {
  line: number;
  /** The literal's fixed piece that reads as text (a template literal's text between its ${…}). */
  piece: string;
  reason: string;
}

/** Whole literals that are not text although they look like it: a set of them, or a test of one. */
export type Allowed = ReadonlySet<string> | ((literal: string) => boolean);

export function findTexts(fileName: string, source: string, allowed: Allowed = new Set()): TextFound[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: TextFound[] = [];
  const check = (node: ts.Node, pieces: string[]) => {
    const whole = pieces.join('');
    if (typeof allowed === 'function' ? allowed(whole) : allowed.has(whole)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    for (const piece of pieces) {
      const reason = textReason(piece);
      if (reason) found.push({ line, piece, reason });
    }
  };
  const visit = (node: ts.Node) => {
    // Module names and literal types are code, not text.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    // A log message is for operators, in English.
    if (ts.isCallExpression(node) && isLogCall(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      check(node, [node.text]);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      check(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]);
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
