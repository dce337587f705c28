/** The visit report's views (cases/visit-report.ts), the company part of its form, and what people type in it. */
import { describe, expect, it } from 'vitest';
import { VISIT_BLOCKS } from '../../src/slack/ids.js';
import { visitConfirmationMessage } from '../../src/views/messages/visit.js';
import { alertReportModal } from '../../src/views/modals/alert.js';
import { companyBlocks } from '../../src/views/modals/company-blocks.js';
import { type VisitModalInput, visitReportModal } from '../../src/views/modals/visit-report.js';
import { assertWithinSlackLimits } from '../support/slack-limits.js';
import { VISIT_REPORT_CASES } from './cases/visit-report.js';
import { uuid } from './fixtures/common.js';
import { expectWellFormedModal, inputById, inputs, showsText, sweepViews, toJson } from './fixtures/payload.js';
import { ALERT_OPENING_BLANK, ALERT_OPENING_WORST } from './fixtures/recruitment-alert.js';
import { OPENING_BLANK, REALISTIC_SUMMARY } from './fixtures/visit-report.js';

sweepViews(VISIT_REPORT_CASES);

describe('text people typed', () => {
  it('cannot mention the channel or forge a link in a rendered view', () => {
    const visit = {
      ...REALISTIC_SUMMARY,
      diagnostic: 'Voir <!channel> et <https://evil.example|le site> & co',
      company: { ...REALISTIC_SUMMARY.company, name: 'Dupont <@U123>' },
    };
    const json = JSON.stringify(visitConfirmationMessage(visit));
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil.example');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('Dupont &lt;@U123&gt;');
  });
});

describe('the company part of the forms (companyBlocks)', () => {
  const asModal = (blocks: unknown[]) =>
    toJson({
      type: 'modal',
      title: { type: 'plain_text', text: 'Entreprise' },
      close: { type: 'plain_text', text: 'Annuler' },
      submit: { type: 'plain_text', text: 'OK' },
      blocks,
    });
  const companyIds = [
    VISIT_BLOCKS.companyId,
    VISIT_BLOCKS.newSiret,
    VISIT_BLOCKS.newName,
    VISIT_BLOCKS.newNaf,
    VISIT_BLOCKS.newHeadcountBand,
    VISIT_BLOCKS.newCommune,
    VISIT_BLOCKS.newPostalCode,
  ];

  it('has the same block ids in the visit and the alert forms: all optional in the alert, one way at a time in the visit', () => {
    const p = asModal(companyBlocks({}));
    assertWithinSlackLimits('modal', p);
    expectWellFormedModal(p);
    expect(inputs(p).map((b) => b.block_id)).toEqual(companyIds);
    expect(inputs(p).every((b) => b.optional)).toBe(true);
    expect(showsText(p, '*Entreprise*')).toBe(true);
    const alert = toJson(alertReportModal(ALERT_OPENING_BLANK));
    expect(
      inputs(alert)
        .map((b) => b.block_id)
        .filter((id) => companyIds.some((c) => c === id)),
    ).toEqual(companyIds);
    const companyPart = (opening: VisitModalInput) =>
      inputs(toJson(visitReportModal(opening)))
        .filter((b) => companyIds.some((c) => c === b.block_id))
        .map((b) => [b.block_id, b.optional ?? false]);
    expect(companyPart(OPENING_BLANK)).toEqual([[VISIT_BLOCKS.companyId, false]]);
    expect(companyPart({ ...OPENING_BLANK, newCompany: true })).toEqual([
      [VISIT_BLOCKS.newSiret, true],
      [VISIT_BLOCKS.newName, false],
      [VISIT_BLOCKS.newNaf, false],
      [VISIT_BLOCKS.newHeadcountBand, false],
      [VISIT_BLOCKS.newCommune, false],
      [VISIT_BLOCKS.newPostalCode, true],
    ]);
  });

  it('pre-fills a known company (label cut to an option’s 75 characters) or a new SIRET, with the given title', () => {
    const known = asModal(companyBlocks({ company: ALERT_OPENING_WORST.company }, '*Entreprise concernée*'));
    assertWithinSlackLimits('modal', known);
    expect(showsText(known, '*Entreprise concernée*')).toBe(true);
    const initial = inputById(known, VISIT_BLOCKS.companyId).element?.initial_option;
    expect(initial?.value).toBe(uuid(2));
    expect(Array.from(initial?.text.text ?? '')).toHaveLength(75);
    const siret = asModal(companyBlocks({ newSiret: '12345678200010' }));
    expect(inputById(siret, VISIT_BLOCKS.newSiret).element?.initial_value).toBe('12345678200010');
    expect(inputById(siret, VISIT_BLOCKS.companyId).element?.initial_option).toBeUndefined();
  });
});
