import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNotices } from '../../src/notifications/index.js';
import {
  checkRegister,
  isClassified,
  OUTPUTS,
  parseSchemaColumns,
  PERSONAL_DATA_REGISTER,
} from '../../src/services/privacy/register.js';
import { REGISTER_PATH, renderPersonalDataRegister } from '../../scripts/personal-data-register.js';

const SCHEMA = readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');

/** The schema with `line` added as the last field of `model`. */
function withField(schema: string, model: string, line: string): string {
  const start = schema.indexOf(`model ${model} {`);
  expect(start, `model ${model} in the fixture`).toBeGreaterThanOrEqual(0);
  const end = schema.indexOf('\n}', start);
  return `${schema.slice(0, end)}\n  ${line}${schema.slice(end)}`;
}

describe('the register of personal data', () => {
  it('classifies every column of every model of prisma/schema.prisma, and no column that is gone', () => {
    const { unclassified, stale } = checkRegister(SCHEMA);
    // Listed, so the message says which columns to classify in src/services/privacy/register.ts.
    expect(unclassified, 'columns of schema.prisma not classified in src/services/privacy/register.ts').toEqual([]);
    expect(stale, 'columns classified in src/services/privacy/register.ts and no longer in schema.prisma').toEqual([]);
  });

  it('reads the columns the way Prisma declares them: scalars and enums are columns, relation fields are not', () => {
    const columns = parseSchemaColumns(SCHEMA);
    const company = columns.get('Company')!;
    expect(company).toEqual(expect.arrayContaining(['siret', 'name', 'sectorFamily', 'erasedAt']));
    // Relations (to one or to many) are not columns; their foreign keys are.
    expect(company).not.toContain('createdBy');
    expect(company).not.toContain('visits');
    expect(company).toContain('createdById');
    // An enum is a column; a block attribute is not a field.
    expect(columns.get('MemberRole')).toEqual(['memberId', 'role']);
    expect(columns.get('Structure')).not.toContain('members');
    expect([...columns.keys()].sort()).toEqual(Object.keys(PERSONAL_DATA_REGISTER).sort());
  });

  it('fails on a column added to the schema and not classified (a fixture)', () => {
    const added = withField(SCHEMA, 'Company', 'foo String');
    expect(checkRegister(added)).toEqual({ unclassified: ['Company.foo'], stale: [] });
    // Optional, list and enum columns are caught too; a new relation field is not a column.
    const more = withField(
      withField(withField(added, 'Visit', 'contactNotes String? // free text'), 'Action', 'tags String[]'),
      'Member',
      'favourite Role?',
    );
    const withRelation = withField(
      more,
      'Visit',
      'reviewer Member? @relation("Reviewer", fields: [capteurId], references: [id])',
    );
    expect(checkRegister(withRelation).unclassified.sort()).toEqual([
      'Action.tags',
      'Company.foo',
      'Member.favourite',
      'Visit.contactNotes',
    ]);
  });

  it('fails on a new model whose columns are not classified, and on a classified column that no longer exists (fixtures)', () => {
    const newModel = `${SCHEMA}\nmodel Interview {\n  id        String  @id @default(uuid())\n  companyId String\n  company   Company @relation(fields: [companyId], references: [id])\n  notes     String\n}\n`;
    expect(checkRegister(newModel).unclassified).toEqual(['Interview.id', 'Interview.companyId', 'Interview.notes']);
    const removed = SCHEMA.replace(/^\s*contactEmail\s+String\?\s*$/m, '');
    expect(removed).not.toEqual(SCHEMA);
    expect(checkRegister(removed)).toEqual({ unclassified: [], stale: ['RecruitmentAlert.contactEmail'] });
  });

  it('describes in full every column that can hold personal data, a company’s identity or free text', () => {
    const described = (model: string, column: string) => {
      const entry = PERSONAL_DATA_REGISTER[model]?.columns[column];
      return entry !== undefined && isClassified(entry);
    };
    const mustBeDescribed = [
      'Member.slackUserId',
      'Member.displayName',
      'Company.name',
      'Company.siret',
      'Company.siren',
      'Company.address',
      'Company.postalCode',
      'Company.commune',
      'Visit.needs',
      'Visit.diagnostic',
      'VisitHiringNeed.jobFamily',
      'RecruitmentAlert.urgency',
      'RecruitmentAlert.contactName',
      'RecruitmentAlert.contactPhone',
      'RecruitmentAlert.contactEmail',
      'RecruitmentAlert.offerContactName',
      'RecruitmentAlert.offerContactEmail',
      'RecruitmentAlert.offerContactPhone',
      'RecruitmentAlert.offerReference',
      'RecruitmentAlert.offerUrl',
      'RecruitmentAlert.outcomeNote',
      'AlertPosition.jobTitle',
      'AlertPosition.location',
      'AlertTransition.note',
      'Action.title',
      'Action.description',
      'Action.statusNote',
      'ActionUpdate.note',
      'AgendaItem.decision',
      'ProgrammeTarget.siret',
      'AuditEvent.actorSlackId',
    ];
    expect(mustBeDescribed.filter((c) => !described(...(c.split('.') as [string, string])))).toEqual([]);
    for (const [model, entry] of Object.entries(PERSONAL_DATA_REGISTER)) {
      for (const [column, c] of Object.entries(entry.columns)) {
        if (!isClassified(c)) continue;
        for (const field of ['holds', 'purpose', 'visibility', 'retention', 'erasure'] as const)
          expect(c[field].trim(), `${model}.${column}.${field}`).not.toBe('');
      }
    }
  });

  it('lists every kind of message the platform owes (src/notifications/) among its outputs, and none that is gone', () => {
    const kinds = Object.keys(
      createNotices(() => ({ now: new Date('2026-06-01T08:00:00Z'), timeZone: 'Europe/Paris', today: '2026-06-01' })),
    );
    const listed = OUTPUTS.filter((o) => o.source === 'outbox').map((o) => o.key);
    expect(
      kinds.filter((k) => !listed.includes(k)),
      'owed messages not described in OUTPUTS',
    ).toEqual([]);
    expect(
      listed.filter((k) => !kinds.includes(k)),
      'outputs described as owed messages that no longer exist',
    ).toEqual([]);
    expect(new Set(OUTPUTS.map((o) => o.key)).size).toBe(OUTPUTS.length);
    // The files: both editions of the annual report, the period export, the company's data.
    expect(
      OUTPUTS.filter((o) => o.medium === 'fichier')
        .map((o) => o.key)
        .sort(),
    ).toEqual(['company_export', 'period_export', 'report_internal', 'report_public']);
  });

  it('docs/DONNEES-PERSONNELLES.md is what `npm run docs:register` produces from the classification', () => {
    const committed = readFileSync(REGISTER_PATH, 'utf8');
    // On failure: run `npm run docs:register` and commit the document.
    expect(committed).toBe(renderPersonalDataRegister());
  });

  it('says the alert deadline as the platform’s setting, « 48 h » only as its default (ALERT_DEADLINE_HOURS)', () => {
    const doc = renderPersonalDataRegister();
    const said = doc.match(/[^.\n]*48 ?h[^.\n]*/g) ?? [];
    expect(said.length).toBeGreaterThan(0);
    for (const sentence of said) expect(sentence).toContain('48 h par défaut');
  });

  it('the document has its introduction, each table, the outputs and consent per output, in French', () => {
    const doc = renderPersonalDataRegister();
    for (const heading of [
      '## 1. Le traitement',
      '## 2. Droits des personnes',
      '## 3. Durées de conservation configurables',
      '## 4. Tables et colonnes',
      '## 5. Ce que la plateforme envoie',
      '## 6. L’accord des entreprises, sortie par sortie',
    ]) {
      expect(doc).toContain(heading);
    }
    expect(doc).toContain('`/plateforme rgpd export <SIRET>`');
    expect(doc).toContain('`/plateforme rgpd effacer <SIRET>`');
    expect(doc).toContain('art. 6-1-e');
    for (const variable of [
      'PERSONAL_DATA_RETENTION_MONTHS',
      'FREE_TEXT_RETENTION_MONTHS',
      'EXPORT_FILE_RETENTION_DAYS',
    ])
      expect(doc).toContain(variable);
    for (const model of Object.keys(PERSONAL_DATA_REGISTER)) expect(doc).toContain(`### \`${model}\``);
    // « <commune> » outside code would vanish as an HTML tag once rendered.
    expect(doc).toContain('« Une entreprise de \\<commune\\> »');
  });
});
