import { describe, expect, it } from 'vitest';
import { type AlertForm, parseAlertReport } from '../../src/services/alerts/alert-report.js';
import { formParsing, NEW_COMPANY } from '../support/form-parsing.js';

const TODAY = '2026-11-27';

/** A complete, valid alert form about a known company, as the listener would build it. */
function form(overrides: Partial<AlertForm> = {}): AlertForm {
  return {
    submissionKey: 'alert-submission-1',
    companyId: 'company-1',
    p1Title: 'Soudeur TIG',
    p1Count: '3',
    p1Contract: 'cdi',
    p1Start: '2026-12-07',
    p1Location: 'Vierzon',
    p2Title: 'Technicien de maintenance',
    p2Count: '1',
    p2Contract: 'interim',
    p2Start: '',
    p2Location: 'Bourges',
    urgency: 'Commande exceptionnelle à livrer en janvier : il faut renforcer l’atelier.',
    contactName: 'Claire Martin',
    contactPhone: '06 12 34 56 78',
    contactEmail: 'claire.martin@mecanique-du-val.fr',
    consentToName: 'oui',
    ...overrides,
  };
}

const { parseOk, errorsOf, onlyError } = formParsing(parseAlertReport, TODAY);

/** The errors as `field=code`, sorted, to compare whole rounds. */
const codes = (f: AlertForm) =>
  errorsOf(f)
    .map((e) => `${e.field}=${e.code}`)
    .sort();

describe('parseAlertReport', () => {
  it('returns the whole report for a complete valid form about a known company', () => {
    expect(parseOk(form())).toEqual({
      submissionKey: 'alert-submission-1',
      // Raised with /alerte-recrutement: from no visit.
      visitId: null,
      company: { kind: 'existing', companyId: 'company-1' },
      positions: [
        {
          rank: 1,
          jobTitle: 'Soudeur TIG',
          romeCode: null,
          count: 3,
          contractType: 'cdi',
          startDate: '2026-12-07',
          location: 'Vierzon',
        },
        {
          rank: 2,
          jobTitle: 'Technicien de maintenance',
          romeCode: null,
          count: 1,
          contractType: 'interim',
          startDate: undefined,
          location: 'Bourges',
        },
      ],
      urgency: 'Commande exceptionnelle à livrer en janvier : il faut renforcer l’atelier.',
      contact: { name: 'Claire Martin', phone: '0612345678', email: 'claire.martin@mecanique-du-val.fr' },
      consentToName: true,
    });
  });

  it('takes a ROME code when given, in capitals, and refuses a malformed one on its field', () => {
    expect(parseOk(form({ p1Rome: ' h2913 ' })).positions[0]!.romeCode).toBe('H2913');
    expect(onlyError(form({ p1Rome: 'soudeur' }))).toBe('p1Rome=rome_format');
  });

  it('reads consent « non » as false, one way to reach the contact as enough, and a start today as valid', () => {
    const report = parseOk(
      form({
        consentToName: 'non',
        contactEmail: '',
        p1Start: TODAY,
        p2Title: undefined,
        p2Count: undefined,
        p2Contract: undefined,
        p2Location: undefined,
      }),
    );
    expect(report.consentToName).toBe(false);
    expect(report.contact).toEqual({ name: 'Claire Martin', phone: '0612345678', email: undefined });
    expect(report.positions).toEqual([
      {
        rank: 1,
        jobTitle: 'Soudeur TIG',
        romeCode: null,
        count: 3,
        contractType: 'cdi',
        startDate: TODAY,
        location: 'Vierzon',
      },
    ]);

    const byEmail = parseOk(form({ contactPhone: ' ' }));
    expect(byEmail.contact).toEqual({
      name: 'Claire Martin',
      phone: undefined,
      email: 'claire.martin@mecanique-du-val.fr',
    });
  });

  it('keeps the third position when it is filled, with its rank', () => {
    const report = parseOk(form({ p3Title: 'Cariste', p3Count: '2', p3Contract: 'cdd', p3Location: 'Vierzon' }));
    expect(report.positions.map((p) => [p.rank, p.jobTitle, p.count, p.contractType])).toEqual([
      [1, 'Soudeur TIG', 3, 'cdi'],
      [2, 'Technicien de maintenance', 1, 'interim'],
      [3, 'Cariste', 2, 'cdd'],
    ]);
  });

  it('reads a new company described in the form', () => {
    const report = parseOk(form(NEW_COMPANY));
    expect(report.company).toEqual({
      kind: 'new',
      siret: undefined,
      name: 'Chaudronnerie Berrichonne',
      nafCode: '25.62B',
      headcountBand: '11',
      commune: 'Bourges',
      postalCode: '18000',
    });
  });

  describe('the first position is the need itself', () => {
    it.each(['p1Title', 'p1Count', 'p1Contract', 'p1Location'] as const)('requires %s', (field) => {
      expect(onlyError(form({ [field]: '' }))).toBe(`${field}=required`);
      expect(onlyError(form({ [field]: undefined }))).toBe(`${field}=required`);
    });

    it('does not require the desired start', () => {
      expect(parseOk(form({ p1Start: undefined })).positions[0]!.startDate).toBeUndefined();
    });

    it('requires all four fields when the first position is left empty', () => {
      expect(codes(form({ p1Title: '', p1Count: '', p1Contract: undefined, p1Start: '', p1Location: '' }))).toEqual([
        'p1Contract=required',
        'p1Count=required',
        'p1Location=required',
        'p1Title=required',
      ]);
    });
  });

  describe('further positions', () => {
    it('requires the missing fields of a second position half filled', () => {
      expect(
        codes(form({ p2Title: 'Technicien de maintenance', p2Count: '', p2Contract: undefined, p2Location: '' })),
      ).toEqual(['p2Contract=required', 'p2Count=required', 'p2Location=required']);
    });

    it('requires the title of a position begun with only a start date', () => {
      expect(codes(form({ p3Start: '2027-01-04' }))).toEqual([
        'p3Contract=required',
        'p3Count=required',
        'p3Location=required',
        'p3Title=required',
      ]);
    });

    it('accepts a third position left empty (blank answers included) and leaves it out', () => {
      const report = parseOk(form({ p3Title: ' ', p3Count: '', p3Contract: undefined, p3Start: '', p3Location: '  ' }));
      expect(report.positions.map((p) => p.rank)).toEqual([1, 2]);
    });
  });

  describe('counts', () => {
    it('refuses 0 people with too_small, and says the minimum', () => {
      const errors = errorsOf(form({ p1Count: '0' }));
      expect(errors).toEqual([{ field: 'p1Count', code: 'too_small', params: { min: '1' } }]);
    });
    it('refuses « deux » with not_a_number', () => {
      expect(onlyError(form({ p2Count: 'deux' }))).toBe('p2Count=not_a_number');
    });
    it('accepts digits grouped by spaces', () => {
      expect(parseOk(form({ p1Count: ' 1 2 ' })).positions[0]!.count).toBe(12);
    });
  });

  it('refuses a desired start before today with start_in_past', () => {
    expect(onlyError(form({ p1Start: '2026-11-26' }))).toBe('p1Start=start_in_past');
  });

  it('refuses a desired start that is not a date', () => {
    expect(onlyError(form({ p2Start: '2026-02-30' }))).toBe('p2Start=invalid_date');
  });

  it('refuses an unknown contract type with invalid_choice', () => {
    expect(onlyError(form({ p1Contract: 'freelance' }))).toBe('p1Contract=invalid_choice');
  });

  describe('contact', () => {
    it('refuses an invalid phone with phone_format', () => {
      expect(onlyError(form({ contactPhone: '12 34' }))).toBe('contactPhone=phone_format');
    });
    it('refuses an invalid email with email_format', () => {
      expect(onlyError(form({ contactEmail: 'claire.martin@' }))).toBe('contactEmail=email_format');
    });
    it('requires a phone or an email, on contactPhone', () => {
      expect(onlyError(form({ contactPhone: '', contactEmail: undefined }))).toBe('contactPhone=contact_reach_missing');
    });
    it('requires the contact name', () => {
      expect(onlyError(form({ contactName: ' ' }))).toBe('contactName=required');
    });
    it('does not claim the contact is unreachable when the only way given is badly typed', () => {
      expect(onlyError(form({ contactPhone: '', contactEmail: 'pas une adresse' }))).toBe('contactEmail=email_format');
    });
  });

  it('requires the urgency note', () => {
    expect(onlyError(form({ urgency: '' }))).toBe('urgency=required');
  });

  it('requires the consent answer, and refuses anything but oui / non', () => {
    expect(onlyError(form({ consentToName: undefined }))).toBe('consentToName=required');
    expect(onlyError(form({ consentToName: 'peut-être' }))).toBe('consentToName=invalid_choice');
  });

  it('requires a company', () => {
    expect(onlyError(form({ companyId: undefined }))).toBe('companyId=company_missing');
  });

  it('returns every error of a bad form in one round, one per field', () => {
    const errors = errorsOf(
      form({
        companyId: undefined,
        p1Title: '',
        p1Count: '0',
        p1Contract: 'freelance',
        p1Start: '2026-01-01',
        p2Count: 'deux',
        p2Location: '',
        p3Title: 'Cariste',
        urgency: '',
        contactPhone: '',
        contactEmail: '',
        consentToName: undefined,
      }),
    );
    expect(errors.map((e) => `${e.field}=${e.code}`).sort()).toEqual(
      [
        'companyId=company_missing',
        'p1Title=required',
        'p1Count=too_small',
        'p1Contract=invalid_choice',
        'p1Start=start_in_past',
        'p2Count=not_a_number',
        'p2Location=required',
        'p3Count=required',
        'p3Contract=required',
        'p3Location=required',
        'urgency=required',
        'contactPhone=contact_reach_missing',
        'consentToName=required',
      ].sort(),
    );
    // One error per field.
    expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length);
  });

  it('returns the format errors of the contact together with the missing answers', () => {
    expect(codes(form({ contactPhone: 'abc', contactEmail: 'x@', urgency: ' ', p1Location: '' }))).toEqual([
      'contactEmail=email_format',
      'contactPhone=phone_format',
      'p1Location=required',
      'urgency=required',
    ]);
  });
});
