import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx, SHEET_NAME_MAX, sheetName } from '../../src/services/reports/xlsx.js';

/** Every word of `name` is a whole word of `title` (the last one may not be cut short). */
const wholeWords = (name: string, title: string) => {
  const words = title.split(/\s+/);
  return name
    .replace(/ \d+$/, '')
    .split(' ')
    .every((w) => words.includes(w));
};

describe('sheetName (Excel sheet names)', () => {
  it('keeps a name that fits as it is', () => {
    expect(sheetName('Visites')).toBe('Visites');
    const exactly = 'Les entreprises par territoire.'; // 31 characters
    expect(exactly).toHaveLength(SHEET_NAME_MAX);
    expect(sheetName(exactly)).toBe(exactly);
  });

  it('cuts a long name after its last whole word, within 31 characters, not on a dangling small word', () => {
    const cases = [
      'Les entreprises visitées par secteur',
      'Les besoins de recrutement des entreprises du territoire',
      'Part des entreprises accompagnées après une visite',
      'Alertes recrutement – délais de transmission',
      'Programme de visites de la Chambre de Métiers et de l’Artisanat',
    ];
    for (const title of cases) {
      const name = sheetName(title);
      expect(name.length, name).toBeLessThanOrEqual(SHEET_NAME_MAX);
      expect(wholeWords(name, title), `${title} → ${name}`).toBe(true);
      expect(name, title).not.toMatch(/\s(de|des|du|par|et|la|le|les|–)$/);
      expect(name.length, name).toBeGreaterThan(10);
    }
    expect(sheetName('Les entreprises visitées par secteur')).toBe('Les entreprises visitées');
    expect(sheetName('Alertes recrutement – délais de transmission')).toBe('Alertes recrutement – délais');
  });

  it('makes names unique (without case), with room for the number, still on whole words', () => {
    const used = new Set<string>();
    const title = 'Les besoins de recrutement des entreprises du territoire';
    const first = sheetName(title, used);
    const second = sheetName(title, used);
    const third = sheetName(title.toUpperCase(), used);
    expect(new Set([first, second, third.toLowerCase()]).size).toBe(3);
    for (const name of [first, second, third]) expect(name.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
    expect(second).toMatch(/ 2$/);
    expect(wholeWords(second, title)).toBe(true);
    expect(sheetName('Visites', new Set(['visites']))).toBe('Visites 2');
  });

  it('removes what Excel refuses: []:*?/\\ and apostrophes at either end', () => {
    expect(sheetName('Bilan 2026/2027 : [T1]*?')).toBe('Bilan 2026 2027 T1');
    expect(sheetName('’Entreprises’')).toBe('Entreprises');
    expect(sheetName('   ')).toBe('Feuille');
  });

  it('cuts a single word longer than the limit, as nothing else can be done', () => {
    const name = sheetName('Anticonstitutionnellementissimement-et-plus');
    expect(name).toHaveLength(SHEET_NAME_MAX);
  });

  it('names the annex workbook’s sheets so that Excel opens it (ExcelJS checks the names)', async () => {
    const long = 'Les besoins de recrutement des entreprises du territoire';
    const buffer = await renderXlsx({
      title: 'Rapport',
      edition: 'interne',
      sections: [long, long, 'Méthode'].map((title) => ({ title, paragraphs: ['Texte.'] })),
    } as unknown as Parameters<typeof renderXlsx>[0]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual(['Les besoins de recrutement', 'Les besoins de recrutement 2', 'Méthode']);
  });
});
