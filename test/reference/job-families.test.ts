import { describe, expect, it } from 'vitest';
import { JOB_FAMILIES, jobFamilyOf, OTHER_JOBS } from '../../src/reference/job-families.js';

describe('job families', () => {
  it('are the 14 grands domaines of the ROME, and « Autres métiers »', () => {
    expect(JOB_FAMILIES.map((f) => f.code).join('')).toBe('ABCDEFGHIJKLMNX');
    expect(new Set(JOB_FAMILIES.map((f) => f.label)).size).toBe(15);
    expect(JOB_FAMILIES.find((f) => f.code === 'H')!.label).toBe('Industrie');
    expect(OTHER_JOBS).toEqual({ code: 'X', label: 'Autres métiers' });
  });

  it.each([
    ['Soudeur', 'H'],
    ['SOUDEUSE', 'H'],
    ['Soudeur pour M. Dupont (Forges Dupont)', 'H'],
    ['Chaudronnier-soudeur', 'H'],
    ['Usineur', 'H'],
    ['Opérateur de production', 'H'],
    ['Opératrice sur commande numérique', 'H'],
    ['Régleur CN', 'H'],
    ['Contrôleur qualité', 'H'],
    ['Conducteur de ligne', 'H'],
    ['Ingénieur', 'H'],
    ['Technicien de maintenance', 'I'],
    ['technicienne  de   MAINTENANCE', 'I'],
    ['Électricien industriel', 'I'],
    ['Mécanicien', 'I'],
    ['Électricien', 'F'],
    ['Maçon', 'F'],
    ['Conducteur de travaux', 'F'],
    ['Cariste', 'N'],
    ['Magasinier', 'N'],
    ['Chauffeur PL', 'N'],
    ['Préparateur de commandes', 'N'],
    ['Comptable', 'M'],
    ['Assistante de direction', 'M'],
    ['Assistant', 'M'],
    ['Développeur', 'M'],
    ['Ingénieur informatique', 'M'],
    ['Chargée de recrutement', 'M'],
    ['Commercial', 'D'],
    ['Ingénieur commercial', 'D'],
    ['Vendeuse', 'D'],
    ['Boulanger', 'D'],
    ['Cuisinier', 'G'],
    ['Infirmière', 'J'],
    ['Aide-soignant', 'J'],
    ['Agent d’entretien', 'K'],
    ['Formateur', 'K'],
    ['Graphiste', 'E'],
    ['Paysagiste', 'A'],
    ['Ébéniste', 'B'],
    ['Conseiller bancaire', 'C'],
    ['Comédien', 'L'],
  ])('« %s » is in %s', (label, code) => {
    const family = jobFamilyOf(label);
    expect(family.code).toBe(code);
    expect(family.label).toBe(JOB_FAMILIES.find((f) => f.code === code)!.label);
  });

  it('puts what it does not recognise, names included, in « Autres métiers »', () => {
    for (const label of ['M. Dupont', 'Jongleur', '', '???', 'Poste chez Forges Dupont'])
      expect(jobFamilyOf(label)).toEqual(OTHER_JOBS);
  });

  it('never returns the text it was given', () => {
    const typed = 'Soudeur pour M. Dupont (Forges Dupont)';
    expect(JSON.stringify(jobFamilyOf(typed))).not.toContain('Dupont');
  });
});
