/**
 * The views' tests cannot pass vacuously: the validator really rejects a broken view, every table of
 * cases/ is swept by a test file, and no builder exported by a views module is missing from the tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as homeModule from '../../src/views/home/home.js';
import * as actionMessagesModule from '../../src/views/messages/action.js';
import * as alertMessagesModule from '../../src/views/messages/alert.js';
import * as committeeMessagesModule from '../../src/views/messages/committee.js';
import * as companyCardModule from '../../src/views/messages/company-card.js';
import { companyCardMessage } from '../../src/views/messages/company-card.js';
import * as indicatorMessagesModule from '../../src/views/messages/indicators.js';
import * as privacyMessagesModule from '../../src/views/messages/privacy.js';
import * as programmeMessagesModule from '../../src/views/messages/programme.js';
import * as sireneMessagesModule from '../../src/views/messages/sirene.js';
import * as visitMessagesModule from '../../src/views/messages/visit.js';
import * as actionModalsModule from '../../src/views/modals/action.js';
import * as administrationModule from '../../src/views/modals/administration.js';
import * as alertModalsModule from '../../src/views/modals/alert.js';
import * as committeeModalsModule from '../../src/views/modals/committee.js';
import * as companyBlocksModule from '../../src/views/modals/company-blocks.js';
import * as indicatorModalsModule from '../../src/views/modals/indicators.js';
import * as programmeModalsModule from '../../src/views/modals/programme.js';
import * as targetProposalModule from '../../src/views/modals/target-proposal.js';
import * as visitReportModule from '../../src/views/modals/visit-report.js';
import { visitReportModal } from '../../src/views/modals/visit-report.js';
import { assertWithinSlackLimits, findLimitViolations } from '../support/slack-limits.js';
import { ALL_CASES, CASE_TABLES } from './cases/index.js';
import { LONG_COMPANY_NAME } from './fixtures/common.js';
import { WORST_CARD } from './fixtures/company-card.js';
import { type Case, toJson } from './fixtures/payload.js';
import { OPENING_BLANK } from './fixtures/visit-report.js';

describe('every view within Slack limits', () => {
  it('has distinct case names', () => {
    expect(new Set(ALL_CASES.map((c) => c.name)).size).toBe(ALL_CASES.length);
  });
});

describe('the validator is really applied', () => {
  it('rejects a modal whose title is 30 characters', () => {
    const view = {
      ...toJson(visitReportModal(OPENING_BLANK)),
      title: { type: 'plain_text', text: 'Compte rendu de visite du jour' },
    };
    expect(() => assertWithinSlackLimits('modal', view)).toThrow(/modal title is longer than 24 characters \(30\)/);
  });

  it('rejects a rendered message pushed past 50 blocks and a header over 150 characters', () => {
    const message = toJson(companyCardMessage(WORST_CARD, { canFileVisit: true }));
    const broken = {
      ...message,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: LONG_COMPANY_NAME } },
        ...message.blocks,
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
      ],
    };
    const violations = findLimitViolations('message', broken);
    expect(violations.some((v) => v.startsWith('blocks: message has more than 50 blocks'))).toBe(true);
    expect(violations.some((v) => v.startsWith('blocks[0].text.text: header text is longer than 150'))).toBe(true);
    expect(() => assertWithinSlackLimits('message', broken)).toThrow();
  });

  it('checks a Home tab against the home surface', () => {
    expect(() => assertWithinSlackLimits('home', toJson(visitReportModal(OPENING_BLANK)))).toThrow(
      /view type must be "home"/,
    );
  });
});

/** Every views module, so a builder added to any of them must appear in a table of cases/. */
const VIEW_MODULES: Record<string, Record<string, unknown>> = {
  'modals/action.ts': actionModalsModule,
  'modals/administration.ts': administrationModule,
  'modals/visit-report.ts': visitReportModule,
  'modals/alert.ts': alertModalsModule,
  'modals/committee.ts': committeeModalsModule,
  'modals/company-blocks.ts': companyBlocksModule,
  'modals/programme.ts': programmeModalsModule,
  'modals/target-proposal.ts': targetProposalModule,
  'modals/indicators.ts': indicatorModalsModule,
  'home/home.ts': homeModule,
  'messages/action.ts': actionMessagesModule,
  'messages/alert.ts': alertMessagesModule,
  'messages/committee.ts': committeeMessagesModule,
  'messages/company-card.ts': companyCardModule,
  'messages/programme.ts': programmeMessagesModule,
  'messages/sirene.ts': sireneMessagesModule,
  'messages/indicators.ts': indicatorMessagesModule,
  'messages/privacy.ts': privacyMessagesModule,
  'messages/visit.ts': visitMessagesModule,
};

describe('no builder is left out', () => {
  it('lists every module of src/views/{modals,home,messages}', () => {
    const onDisk = ['modals', 'home', 'messages'].flatMap((dir) =>
      readdirSync(new URL(`../../src/views/${dir}/`, import.meta.url))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${dir}/${f}`),
    );
    expect(Object.keys(VIEW_MODULES).sort()).toEqual(onDisk.sort());
  });

  const covered = new Set(ALL_CASES.map((c) => c.builder));
  const coveredNames = [...new Set(ALL_CASES.map((c) => c.builder.name))].sort();

  it('covers every exported *Modal, *Message and *View function', () => {
    const builders = Object.entries(VIEW_MODULES).flatMap(([file, module]) =>
      Object.entries(module)
        .filter(([name, value]) => typeof value === 'function' && /(Modal|Message|View)$/.test(name))
        .map(([name, value]) => ({ file, name, fn: value })),
    );
    expect(builders.length).toBeGreaterThanOrEqual(32);
    const missing = builders.filter((b) => !covered.has(b.fn as Case['builder'])).map((b) => `${b.file}: ${b.name}`);
    expect(missing).toEqual([]);
    expect(coveredNames).toEqual(builders.map((b) => b.name).sort());
    // A table covers its builders only if a test file sweeps it: each one is, by the test file of its domain.
    const swept = readdirSync(new URL('./', import.meta.url))
      .filter((f) => f.endsWith('.test.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, import.meta.url), 'utf8').matchAll(/^sweepViews\((\w+)\);$/gm)])
      .map((m) => m[1]);
    expect(swept.sort()).toEqual(Object.keys(CASE_TABLES).sort());
  });

  it('checks each builder on the surface its name says, with a realistic and a worst case where it has data', () => {
    for (const c of ALL_CASES) {
      const name = c.builder.name;
      if (name.endsWith('Message')) expect(c.surface, c.name).toBe('message');
      if (name.endsWith('Modal')) expect(c.surface, c.name).toBe('modal');
      if (name.endsWith('View')) expect(c.surface, c.name).toBe('home');
    }
    const withWorstCase = new Set(ALL_CASES.filter((c) => c.name.includes('worst case')).map((c) => c.builder.name));
    // refusalModal only shows the fixed REFUSALS texts, each in cases/administration.ts; contentRemovedMessage its two.
    expect(coveredNames.filter((n) => !withWorstCase.has(n))).toEqual(['contentRemovedMessage', 'refusalModal']);
  });
});
