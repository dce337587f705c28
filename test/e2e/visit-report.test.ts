import { describe, expect, it } from 'vitest';
import { VISIT_BLOCKS as B, VIEWS } from '../../src/slack/ids.js';
import { localDate } from '../../src/time.js';
import { withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { submitModal } from '../support/forms.js';

const capteur = { id: 'UCAPTEUR1', name: 'claire.martin' };
const comite = { id: 'UCOMITE1', name: 'paul.durand' };
const stranger = { id: 'USTRANGER', name: 'inconnu' };
const otherCapteur = { id: 'UCAPTEUR2', name: 'marc.petit' };

const { t, db } = withTestApp({
  structures: { 'CCI du Cher': 'cci', 'CMA du Cher': 'cma' },
  members: [
    { user: capteur, roles: ['capteur'], structure: 'CCI du Cher' },
    { user: comite, roles: ['comite'], structure: 'CCI du Cher' },
    { user: otherCapteur, roles: ['capteur'], structure: 'CMA du Cher' },
  ],
  // A known company, for the tests that find it (pre-filled, refused as a duplicate, suggested).
  seed: async ({ db }) => {
    await makeCompany(db.prisma, { name: 'Plasturgie Berry', siret: SIRETS.other, commune: 'Bourges' });
  },
});

/** /visite as the capteur (or another member), and the modal the app opened. */
async function openModal(text = '', user = capteur) {
  const res = await t.slack.command('/visite', text, user, { extra: { response_url: t.fake.responseUrl() } });
  expect(res.status).toBe(200);
  const call = await t.fake.waitFor('views.open');
  return call.args.view as { callback_id: string; private_metadata: string; blocks: never[] };
}

const today = () => localDate('Europe/Paris');

/** A complete report for a company created in the same modal. */
function newCompanyAnswers(overrides: Record<string, string | string[] | null> = {}) {
  return {
    [B.newSiret]: '732 829 320 00074',
    [B.newName]: 'Mécanique de Précision du Cher',
    [B.newNaf]: '25.62B',
    [B.newHeadcountBand]: '12',
    [B.newCommune]: 'Vierzon',
    [B.newPostalCode]: '18100',
    [B.visitDate]: today(),
    [B.channel]: 'sur_site',
    [B.headcount]: '38',
    [B.headcountTrend]: 'hausse',
    [B.hiringNeeds]: 'Soudeur : 3\nTechnicien de maintenance : 1',
    [B.hiringHorizon]: 'urgent',
    [B.jobsAtRisk]: '0',
    [B.stakesHigh]: ['recrutement'],
    [B.stakesMedium]: ['competences_formation', 'numerique'],
    [B.needs]: 'Trouver des soudeurs qualifiés rapidement.',
    [B.diagnostic]: 'Carnet de commandes plein, tension forte sur les métiers de la soudure.',
    [B.consentToShare]: 'oui',
    [B.toCommitteeAgenda]: ['oui'],
    ...overrides,
  };
}

describe('filing a visit report end to end over signed HTTP', () => {
  it('opens the modal, saves the report once, confirms it, and reads it back through /entreprise', async () => {
    // Other tests of the file may have run first: what this one writes is counted from here.
    const visitsBefore = await db.prisma.visit.count();
    const lastSeq = (await db.prisma.outboxMessage.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
    const owedSince = { seq: { gt: lastSeq } };
    const modal = await openModal();
    expect(modal.callback_id).toBe(VIEWS.visitReport);

    const submission = submitModal(capteur, modal, newCompanyAnswers());
    const res = await t.slack.interaction(submission);
    expect(res.status).toBe(200);
    const ack = res.json();
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('Mécanique de Précision du Cher');

    expect(await db.prisma.visit.count()).toBe(visitsBefore + 1);
    const visit = await db.prisma.visit.findFirstOrThrow({
      where: { company: { siret: SIRETS.mecanique } },
      include: { company: true, stakes: true, hiringNeeds: true, redFlags: true },
    });
    expect(visit.company).toMatchObject({
      siret: SIRETS.mecanique,
      siren: '732829320',
      nafCode: '25.62B',
      sectorFamily: 'industrie',
    });
    expect(visit.stakes.map((s) => `${s.stake}:${s.priority}`).sort()).toEqual([
      'competences_formation:moyenne',
      'numerique:moyenne',
      'recrutement:haute',
    ]);
    expect(visit.hiringNeeds.map((h) => h.count).sort()).toEqual([1, 3]);
    expect(visit.redFlags.map((f) => f.flag)).toEqual(['recrutement_urgent']);
    expect(visit.toCommitteeAgenda).toBe(true);

    // The confirmation DM is an owed message: sent after the ack, and recorded as sent.
    // (A DM owed by an earlier test of the file may arrive meanwhile: this one is about this company.)
    const dm = await t.fake.waitFor(
      'chat.postMessage',
      (a) => a.channel === capteur.id && JSON.stringify(a).includes('Mécanique de Précision du Cher'),
    );
    expect(String(dm.args.text)).toContain('Mécanique de Précision du Cher');
    await expect
      .poll(() => db.prisma.outboxMessage.findMany({ where: owedSince, select: { status: true } }))
      .toEqual([{ status: 'sent' }]);

    // The same submission delivered again (Slack retry, double click) saves nothing more.
    const again = await t.slack.interaction(submission, { retryNum: 1 });
    expect(again.json().response_action).toBe('update');
    expect(await db.prisma.visit.count()).toBe(visitsBefore + 1);
    expect(await db.prisma.outboxMessage.count({ where: owedSince })).toBe(1);

    // Read back by a committee member.
    const card = await t.slack.command('/entreprise', '73282932000074', comite, {
      extra: { response_url: t.fake.responseUrl('card') },
    });
    expect(card.status).toBe(200);
    const response = await t.fake.waitForResponse((_body, path) => path.endsWith('/card'));
    const text = JSON.stringify(response.body);
    expect(text).toContain('Mécanique de Précision du Cher');
    expect(text).toContain('25.62B — Mécanique industrielle');
    expect(text).toContain('20 à 49 salariés');
    expect(text).toContain('tension forte sur les métiers de la soudure');
    expect(text).toContain('Recrutement urgent');
  });

  it('saves one visit when the same submission arrives twice at once', async () => {
    const company = await makeCompany(db.prisma, { name: 'Cartonnerie de Sologne', commune: 'Romorantin-Lanthenay' });
    const modal = await openModal();
    const submission = submitModal(capteur, modal, {
      [B.companyId]: company.id,
      [B.visitDate]: today(),
      [B.channel]: 'telephone',
      [B.stakesLow]: ['export'],
      [B.needs]: 'RAS',
      [B.diagnostic]: 'Entreprise stable.',
      [B.consentToShare]: 'non',
    });
    const responses = await Promise.all([t.slack.interaction(submission), t.slack.interaction(submission)]);
    expect(responses.map((r) => r.json().response_action)).toEqual(['update', 'update']);
    expect(await db.prisma.visit.count({ where: { companyId: company.id } })).toBe(1);
  });

  it('writes none of what it sends to Slack or answers to the logs, at LOG_LEVEL=debug', async () => {
    expect(t.ctx.logger.level).toBe('debug');
    const company = await makeCompany(db.prisma, { name: 'Chaudronnerie LOGTRACE-8842', commune: 'Vierzon' });
    const submission = submitModal(capteur, await openModal(), {
      [B.companyId]: company.id,
      [B.visitDate]: today(),
      [B.channel]: 'sur_site',
      [B.stakesHigh]: ['recrutement'],
      [B.needs]: 'Deux chaudronniers.',
      [B.diagnostic]: 'M. LOGTRACE-DIAG-3317 souhaite céder.',
      [B.consentToShare]: 'oui',
    });
    // The ack carries the saved visit, the DM (chat.postMessage) and the App Home (views.publish) the company.
    expect(JSON.stringify((await t.slack.interaction(submission)).json())).toContain('LOGTRACE-DIAG-3317');
    await t.fake.waitFor(
      'chat.postMessage',
      (a) => a.channel === capteur.id && JSON.stringify(a).includes('LOGTRACE-8842'),
    );
    await expect
      .poll(() => t.fake.callsTo('views.publish').some((c) => JSON.stringify(c.args).includes('LOGTRACE-8842')))
      .toBe(true);
    const logged = t.logs.join('\n');
    expect(logged).not.toContain('LOGTRACE');
  });

  it('pre-fills the company named after /visite', async () => {
    const modal = await openModal('Plasturgie');
    const company = (modal.blocks as { block_id?: string; element?: { initial_option?: { value: string } } }[]).find(
      (b) => b.block_id === B.companyId,
    );
    // The company « Plasturgie » names, written by the file's seed.
    const plasturgie = await db.prisma.company.findFirstOrThrow({ where: { name: 'Plasturgie Berry' } });
    expect(company?.element?.initial_option?.value).toBe(plasturgie.id);
  });
});

describe('bad input gets a French error on its field and writes nothing', () => {
  const cases: [string, Record<string, string | string[] | null>, string, RegExp][] = [
    ['an invalid SIRET (checksum)', { [B.newSiret]: SIRETS.badChecksum }, B.newSiret, /clé de contrôle/],
    ['a SIRET of the wrong length', { [B.newSiret]: '1234' }, B.newSiret, /14 chiffres/],
    ['an unknown NAF code', { [B.newNaf]: '99.99Z' }, B.newNaf, /Code NAF inconnu/],
    ['a date in the future', { [B.visitDate]: '2999-01-01' }, B.visitDate, /dans le futur/],
    ['a missing diagnostic', { [B.diagnostic]: null }, B.diagnostic, /obligatoire/],
    ['a missing commune for a new company', { [B.newCommune]: null }, B.newCommune, /obligatoire/],
    [
      'no company at all',
      {
        [B.newSiret]: null,
        [B.newName]: null,
        [B.newNaf]: null,
        [B.newHeadcountBand]: null,
        [B.newCommune]: null,
        [B.newPostalCode]: null,
      },
      B.companyId,
      /Choisissez une entreprise/,
    ],
    ['a headcount that is not a number', { [B.headcount]: 'une quarantaine' }, B.headcount, /nombre entier/],
    ['a badly written hiring need', { [B.hiringNeeds]: 'Soudeur : 3\ndes soudeurs' }, B.hiringNeeds, /Ligne 2/],
    [
      'a stake given two priorities',
      { [B.stakesLow]: ['recrutement'] },
      B.stakesLow,
      /« Recrutement » est choisi avec deux priorités/,
    ],
    ['no stake', { [B.stakesHigh]: [], [B.stakesMedium]: [] }, B.stakesHigh, /au moins un enjeu/],
  ];

  it.each(cases)('%s', async (_label, overrides, blockId, message) => {
    const before = { visits: await db.prisma.visit.count(), companies: await db.prisma.company.count() };
    const modal = await openModal();
    const res = await t.slack.interaction(
      submitModal(
        capteur,
        modal,
        newCompanyAnswers({ [B.newSiret]: SIRETS.unknownValid, [B.newName]: 'Nouvelle Société', ...overrides }),
      ),
    );
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('errors');
    expect(body.errors[blockId]).toMatch(message);
    expect({ visits: await db.prisma.visit.count(), companies: await db.prisma.company.count() }).toEqual(before);
  });

  it('refuses a SIRET already known, pointing to the existing company', async () => {
    const modal = await openModal();
    const res = await t.slack.interaction(
      submitModal(capteur, modal, newCompanyAnswers({ [B.newSiret]: SIRETS.other })),
    );
    expect(res.json().errors[B.newSiret]).toMatch(/déjà connu : « Plasturgie Berry »/);
  });
});

describe('roles and signatures', () => {
  it('refuses /visite to a member without the capteur role, with a French explanation and no modal', async () => {
    await t.slack.command('/visite', '', comite, { extra: { response_url: t.fake.responseUrl('refused') } });
    const response = await t.fake.waitForResponse((_b, path) => path.endsWith('/refused'));
    expect(String(response.body.text)).toMatch(/Seuls les capteurs/);
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses an unknown Slack user', async () => {
    await t.slack.command('/visite', '', stranger, { extra: { response_url: t.fake.responseUrl('stranger') } });
    const response = await t.fake.waitForResponse((_b, path) => path.endsWith('/stranger'));
    expect(String(response.body.text)).toMatch(/pas encore inscrit/);
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses a submission from a member who lost the role while the modal was open', async () => {
    const modal = await openModal();
    const res = await t.slack.interaction(
      submitModal(comite, modal, newCompanyAnswers({ [B.newSiret]: SIRETS.unknownValid })),
    );
    expect(res.json().response_action).toBe('update');
    expect(JSON.stringify(res.json().view)).toMatch(/Seuls les capteurs/);
    expect(await db.prisma.company.count({ where: { siret: SIRETS.unknownValid } })).toBe(0);
  });

  it('refuses a submission carrying the key of another capteur’s form: nothing of their visit returned, nothing written', async () => {
    const company = await makeCompany(db.prisma, { name: 'Fonderie Discrète', commune: 'Aubigny-sur-Nère' });
    const answers = {
      [B.companyId]: company.id,
      [B.visitDate]: today(),
      [B.channel]: 'sur_site',
      [B.stakesHigh]: ['transmission_reprise'],
      [B.needs]: 'Trouver un repreneur.',
      [B.diagnostic]: 'DIAGNOSTIC-CONFIDENTIEL-7731 : le dirigeant souhaite céder.',
      [B.consentToShare]: 'non',
    };
    const own = submitModal(capteur, await openModal(), answers);
    expect((await t.slack.interaction(own)).json().response_action).toBe('update');
    const before = {
      visits: await db.prisma.visit.count(),
      outbox: await db.prisma.outboxMessage.count(),
      audit: await db.prisma.auditEvent.count(),
    };

    // Another capteur submits their own form carrying the first capteur's key.
    const theirs = await openModal('', otherCapteur);
    const forged = submitModal(
      otherCapteur,
      { ...theirs, private_metadata: own.view.private_metadata },
      { ...answers, [B.diagnostic]: 'Autre diagnostic.' },
    );
    const res = await t.slack.interaction(forged);
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.json());
    expect(res.json().response_action).toBe('update');
    expect(body).toMatch(/ouvert par une autre personne/);
    expect(body).not.toContain('DIAGNOSTIC-CONFIDENTIEL-7731');
    expect(body).not.toContain('Fonderie Discrète');
    expect({
      visits: await db.prisma.visit.count(),
      outbox: await db.prisma.outboxMessage.count(),
      audit: await db.prisma.auditEvent.count(),
    }).toEqual(before);

    // The first capteur's own replay still answers with their visit (idempotency).
    const replay = await t.slack.interaction(own, { retryNum: 1 });
    expect(JSON.stringify(replay.json().view)).toContain('Fonderie Discrète');
    expect(await db.prisma.visit.count()).toBe(before.visits);
    // Each accepted submission refreshes the capteur's App Home after its ack; the refused one does not.
    await expect
      .poll(() => t.fake.callsTo('views.publish').map((c) => c.args.user_id))
      .toEqual([capteur.id, capteur.id]);
  });

  it.each(['bad', 'missing', 'stale'] as const)('answers 401 to a %s signature and does nothing', async (sig) => {
    const res = await t.slack.command('/visite', '', capteur, { sig });
    expect(res.status).toBe(401);
    expect(t.fake.calls).toHaveLength(0);
  });
});

describe('type-ahead', () => {
  it('suggests known companies by name or SIRET to capteurs only', async () => {
    const { blockSuggestion } = await import('../../src/simulator/slack-requests.js');
    const byName = await t.slack.interaction(
      blockSuggestion({ user: capteur, action_id: B.companyId, block_id: B.companyId, value: 'plasturgie' }),
    );
    expect(byName.json().options.map((o: { text: { text: string } }) => o.text.text)).toEqual([
      'Plasturgie Berry — Bourges — 443 061 841 00047',
    ]);
    const bySiret = await t.slack.interaction(
      blockSuggestion({ user: capteur, action_id: B.companyId, block_id: B.companyId, value: '4430' }),
    );
    expect(bySiret.json().options).toHaveLength(1);
    const refused = await t.slack.interaction(
      blockSuggestion({ user: comite, action_id: B.companyId, block_id: B.companyId, value: 'plasturgie' }),
    );
    expect(refused.json().options).toEqual([]);
  });

  it('suggests NAF sous-classes by code or words', async () => {
    const { blockSuggestion } = await import('../../src/simulator/slack-requests.js');
    const res = await t.slack.interaction(
      blockSuggestion({ user: capteur, action_id: B.newNaf, block_id: B.newNaf, value: 'mecanique indus' }),
    );
    expect(res.json().options.map((o: { value: string }) => o.value)).toContain('25.62B');
  });
});
