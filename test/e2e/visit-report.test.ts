import { describe, expect, it } from 'vitest';
import { type ActionInput, blockActions } from '../../src/simulator/slack-requests.js';
import { ACTIONS, VISIT_BLOCKS as B, VIEWS } from '../../src/slack/ids.js';
import { localDate } from '../../src/time.js';
import { withTestApp } from '../support/app.js';
import { makeCompany, SIRETS } from '../support/factories.js';
import { fillModal, submitModal } from '../support/forms.js';

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

type Modal = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: never[] };
type Answers = Record<string, string | string[] | null>;

/** /visite as the capteur (or another member), and the modal the app opened. */
async function openModal(text = '', user = capteur): Promise<Modal> {
  const opened = t.fake.callsTo('views.open').length;
  const res = await t.slack.command('/visite', text, user, { extra: { response_url: t.fake.responseUrl() } });
  expect(res.status).toBe(200);
  await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
  const view = t.fake.callsTo('views.open')[opened]!.args.view as Modal;
  return { ...view, id: `V-open-${opened}`, hash: `hash-open-${opened}` };
}

/** The form's state as Slack sends it with an action: what was entered, and the action's own choice. */
function stateWith(view: Modal, answers: Answers, action: ActionInput) {
  const values = fillModal(view, answers, { keepInitial: true });
  const own = values[action.block_id]?.[action.action_id] as Record<string, unknown> | undefined;
  if (own && action.selected_option) own.selected_option = action.selected_option;
  return values;
}

let updates = 0;
/**
 * A change the app hears in the open form (a dispatched select or radio, a button), with what the
 * person had entered so far: the form as the app redrew it (views.update on this view, with its hash).
 */
async function change(view: Modal, action: ActionInput, answers: Answers = {}, user = capteur): Promise<Modal> {
  const before = t.fake.callsTo('views.update').length;
  const res = await t.slack.interaction(
    blockActions({
      user,
      view: { ...view, state: { values: stateWith(view, answers, action) as never } },
      actions: [action],
    }),
  );
  expect(res.status).toBe(200);
  await expect.poll(() => t.fake.callsTo('views.update').length).toBe(before + 1);
  const call = t.fake.callsTo('views.update')[before]!;
  expect(call.args).toMatchObject({ view_id: view.id, hash: view.hash });
  updates += 1;
  return { ...(call.args.view as Modal), id: view.id, hash: `hash-update-${updates}` };
}

const pick = (companyId: string, label: string): ActionInput => ({
  action_id: ACTIONS.companyPicker,
  block_id: B.companyId,
  type: 'external_select',
  selected_option: { text: { type: 'plain_text', text: label }, value: companyId },
});
const click = (actionId: string, blockId = 'visit_company_switch'): ActionInput => ({
  action_id: actionId,
  block_id: blockId,
});
const figures = (value: 'renseigner' | 'passer'): ActionInput => ({
  action_id: ACTIONS.visitFigures,
  block_id: B.figures,
  type: 'radio_buttons',
  selected_option: { value },
});

/** /visite, then « Nouvelle entreprise »: the form with the new company's inputs. */
async function openNewCompanyModal(user = capteur): Promise<Modal> {
  return change(await openModal('', user), click(ACTIONS.visitNewCompany, 'company_new'), {}, user);
}

const inputIds = (view: Modal) =>
  (view.blocks as { type: string; block_id?: string }[]).filter((b) => b.type === 'input').map((b) => b.block_id);

const today = () => localDate('Europe/Paris');

/** A complete report for a company created in the same modal. */
function newCompanyAnswers(overrides: Answers = {}) {
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
    [B.hiringNeeds]: 'Soudeur : 3\nTechnicien de maintenance : 1',
    [B.situation]: ['headcountTrend:hausse', 'hiringHorizon:urgent'],
    [B.jobsAtRisk]: '0',
    [B.stakes]: ['haute:recrutement', 'moyenne:competences_formation', 'moyenne:numerique'],
    [B.needs]: 'Trouver des soudeurs qualifiés rapidement.',
    [B.diagnostic]: 'Carnet de commandes plein, tension forte sur les métiers de la soudure.',
    [B.followUp]: ['partage', 'comite'],
    ...overrides,
  };
}

describe('filing a visit report end to end over signed HTTP', () => {
  it('opens the modal, saves the report once, confirms it, and reads it back through /entreprise', async () => {
    // Other tests of the file may have run first: what this one writes is counted from here.
    const visitsBefore = await db.prisma.visit.count();
    const lastSeq = (await db.prisma.outboxMessage.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
    const owedSince = { seq: { gt: lastSeq } };
    const modal = await openNewCompanyModal();
    expect(modal.callback_id).toBe(VIEWS.visitReport);

    const submission = submitModal(capteur, modal, newCompanyAnswers());
    const res = await t.slack.interaction(submission);
    expect(res.status).toBe(200);
    // Saved: the summary and its buttons come by direct message; the urgent hiring need it records
    // is the next thing to do, so the alert form, pre-filled, takes the visit form's place.
    expect(res.json()).toMatchObject({ response_action: 'update', view: { callback_id: VIEWS.alertReport } });

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
    const dmText = JSON.stringify(dm.args.blocks);
    expect(dmText).toContain('Priorité haute : Recrutement');
    expect(dmText).toContain(ACTIONS.showCompanyCard);
    await expect
      .poll(() => db.prisma.outboxMessage.findMany({ where: owedSince, select: { status: true } }))
      .toEqual([{ status: 'sent' }]);

    // The same submission delivered again (Slack retry, double click) saves nothing more.
    const again = await t.slack.interaction(submission, { retryNum: 1 });
    expect(again.json()).toMatchObject({ response_action: 'update', view: { callback_id: VIEWS.alertReport } });
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
      [B.stakes]: ['basse:export'],
      [B.needs]: 'RAS',
      [B.diagnostic]: 'Entreprise stable.',
    });
    const responses = await Promise.all([t.slack.interaction(submission), t.slack.interaction(submission)]);
    expect(responses.map((r) => r.json().response_action)).toEqual(['clear', 'clear']);
    expect(await db.prisma.visit.count({ where: { companyId: company.id } })).toBe(1);
    // Both refresh the App Home after their ack: done before the next test starts.
    await expect.poll(() => t.fake.callsTo('views.publish').length).toBe(2);
  });

  it('writes none of what it sends to Slack or answers to the logs, at LOG_LEVEL=debug', async () => {
    expect(t.ctx.logger.level).toBe('debug');
    const company = await makeCompany(db.prisma, { name: 'Chaudronnerie LOGTRACE-8842', commune: 'Vierzon' });
    const submission = submitModal(capteur, await openModal(), {
      [B.companyId]: company.id,
      [B.visitDate]: today(),
      [B.channel]: 'sur_site',
      [B.stakes]: ['haute:recrutement'],
      [B.needs]: 'Deux chaudronniers.',
      [B.diagnostic]: 'M. LOGTRACE-DIAG-3317 souhaite céder.',
      [B.followUp]: ['partage'],
    });
    // The DM (chat.postMessage) carries the saved visit, and the App Home (views.publish) the company.
    expect((await t.slack.interaction(submission)).json()).toEqual({ response_action: 'clear' });
    await t.fake.waitFor(
      'chat.postMessage',
      (a) => a.channel === capteur.id && JSON.stringify(a).includes('LOGTRACE-DIAG-3317'),
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
    // Its identity shows, and nothing to create a company.
    expect(JSON.stringify(modal.blocks)).toContain('SIRET 443 061 841 00047');
    expect(JSON.stringify(modal.blocks)).not.toContain(ACTIONS.visitNewCompany);
    expect(inputIds(modal)).not.toContain(B.newName);
  });
});

describe('bad input gets a French error on its field and writes nothing', () => {
  const cases: [string, Answers, string, RegExp][] = [
    ['an invalid SIRET (checksum)', { [B.newSiret]: SIRETS.badChecksum }, B.newSiret, /clé de contrôle/],
    ['a SIRET of the wrong length', { [B.newSiret]: '1234' }, B.newSiret, /14 chiffres/],
    ['an unknown NAF code', { [B.newNaf]: '99.99Z' }, B.newNaf, /Code NAF inconnu/],
    ['a date in the future', { [B.visitDate]: '2999-01-01' }, B.visitDate, /dans le futur/],
    ['a missing diagnostic', { [B.diagnostic]: null }, B.diagnostic, /obligatoire/],
    ['a missing commune for a new company', { [B.newCommune]: null }, B.newCommune, /obligatoire/],
    [
      'two answers to one question of the situation list',
      { [B.situation]: ['headcountTrend:hausse', 'headcountTrend:baisse'] },
      B.situation,
      /« Effectif sur 12 mois » a plusieurs réponses/,
    ],
    ['a headcount that is not a number', { [B.headcount]: 'une quarantaine' }, B.headcount, /nombre entier/],
    ['a badly written hiring need', { [B.hiringNeeds]: 'Soudeur : 3\ndes soudeurs' }, B.hiringNeeds, /Ligne 2/],
    [
      'a stake given two priorities',
      { [B.stakes]: ['haute:recrutement', 'basse:recrutement'] },
      B.stakes,
      /« Recrutement » est choisi avec deux priorités/,
    ],
    // Slack asks for the required list before sending; a payload without it is still refused.
    ['no stake', { [B.stakes]: [] }, B.stakes, /au moins un enjeu/],
    ['a stake forged outside the list', { [B.stakes]: ['urgente:recrutement'] }, B.stakes, /.+/],
  ];

  it.each(cases)('%s', async (_label, overrides, blockId, message) => {
    const before = { visits: await db.prisma.visit.count(), companies: await db.prisma.company.count() };
    const modal = await openNewCompanyModal();
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

  it('refuses a report without any company, on the type-ahead', async () => {
    const modal = await openModal();
    // The new company's answers are not in this form (no input for them): only the type-ahead, left empty.
    const res = await t.slack.interaction(submitModal(capteur, modal, newCompanyAnswers()));
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: { [B.companyId]: expect.stringMatching(/Choisissez une entreprise/) },
    });
  });

  it('refuses a SIRET already known, pointing to the existing company', async () => {
    const modal = await openNewCompanyModal();
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
    const res = await t.slack.interaction(
      submitModal(comite, await openNewCompanyModal(), newCompanyAnswers({ [B.newSiret]: SIRETS.unknownValid })),
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
      [B.stakes]: ['haute:transmission_reprise'],
      [B.needs]: 'Trouver un repreneur.',
      [B.diagnostic]: 'DIAGNOSTIC-CONFIDENTIEL-7731 : le dirigeant souhaite céder.',
    };
    const own = submitModal(capteur, await openModal(), answers);
    expect((await t.slack.interaction(own)).json().response_action).toBe('clear');
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

    // The first capteur's own replay is still accepted, and saves nothing more (idempotency).
    const replay = await t.slack.interaction(own, { retryNum: 1 });
    expect(replay.json()).toEqual({ response_action: 'clear' });
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
      'Plasturgie Berry — Bourges · suivie',
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

describe('the form answers as it is filled (dispatch_action → views.update with the view’s hash)', () => {
  it('shows a picked company’s identity instead of the way to create one, keeping what was typed', async () => {
    const plasturgie = await db.prisma.company.findFirstOrThrow({ where: { name: 'Plasturgie Berry' } });
    const blank = await openModal();
    expect(inputIds(blank)).toContain(B.companyId);
    expect(inputIds(blank)).not.toContain(B.newName);
    expect(JSON.stringify(blank.blocks)).toContain(ACTIONS.visitNewCompany);

    const typed = {
      [B.diagnostic]: 'Déjà écrit avant de choisir.',
      [B.stakes]: ['haute:export'],
      [B.channel]: 'visio',
    };
    const picked = await change(blank, pick(plasturgie.id, 'Plasturgie Berry — Bourges — 443 061 841 00047'), {
      ...typed,
      [B.companyId]: plasturgie.id,
    });
    const json = JSON.stringify(picked.blocks);
    expect(json).toContain('SIRET 443 061 841 00047');
    expect(json).toContain('Bourges');
    expect(json).not.toContain(ACTIONS.visitNewCompany);
    const element = (id: string) =>
      (picked.blocks as { block_id?: string; element?: Record<string, never> }[]).find((b) => b.block_id === id)
        ?.element as Record<string, { value?: string } & { value: string }[]> | undefined;
    expect(element(B.companyId)?.initial_option).toMatchObject({ value: plasturgie.id });
    expect(element(B.diagnostic)?.initial_value).toBe('Déjà écrit avant de choisir.');
    expect(element(B.channel)?.initial_option).toMatchObject({ value: 'visio' });
    expect((element(B.stakes)?.initial_options ?? []).map((o) => o.value)).toEqual(['haute:export']);
  });

  it('opens the new company’s inputs only when asked, required where a company needs them, and goes back', async () => {
    const opened = await openNewCompanyModal();
    expect(inputIds(opened)).toEqual(expect.arrayContaining([B.newSiret, B.newName, B.newCommune]));
    expect(inputIds(opened)).not.toContain(B.companyId);
    const name = (opened.blocks as { block_id?: string; optional?: boolean }[]).find((b) => b.block_id === B.newName);
    expect(name?.optional).toBeUndefined();
    const back = await change(opened, click(ACTIONS.visitKnownCompany), { [B.newName]: 'Abandonnée' });
    expect(inputIds(back)).toContain(B.companyId);
    expect(inputIds(back)).not.toContain(B.newName);
  });

  it('skips the figures in one move and shows them again; a skipped group saves nothing of it', async () => {
    const company = await makeCompany(db.prisma, { name: 'Tuilerie Sans Chiffres', commune: 'Nérondes' });
    const modal = await openModal('Tuilerie Sans Chiffres');
    const skipped = await change(modal, figures('passer'), { [B.headcount]: '12' });
    expect(inputIds(skipped)).not.toContain(B.headcount);
    expect(inputIds(skipped)).not.toContain(B.situation);
    const shown = await change(skipped, figures('renseigner'));
    expect(inputIds(shown)).toEqual(expect.arrayContaining([B.headcount, B.hiringNeeds, B.situation]));
    const res = await t.slack.interaction(
      submitModal(
        capteur,
        skipped,
        {
          [B.stakes]: ['moyenne:numerique'],
          [B.needs]: 'RAS',
          [B.diagnostic]: 'Stable.',
          [B.followUp]: ['partage'],
        },
        { keepInitial: true },
      ),
    );
    expect(res.json()).toEqual({ response_action: 'clear' });
    await expect.poll(() => t.fake.callsTo('views.publish').length).toBeGreaterThan(0);
    const visit = await db.prisma.visit.findFirstOrThrow({ where: { companyId: company.id } });
    expect(visit).toMatchObject({ headcount: null, headcountTrend: null, siteOutlook: null });
  });

  it('ignores a change from another form or a person without the role', async () => {
    const modal = await openModal();
    const before = t.fake.callsTo('views.update').length;
    await t.slack.interaction(blockActions({ user: comite, view: modal, actions: [figures('passer')] }));
    await t.slack.interaction(
      blockActions({ user: capteur, view: { ...modal, callback_id: VIEWS.alertReport }, actions: [figures('passer')] }),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(t.fake.callsTo('views.update')).toHaveLength(before);
  });
});

/**
 * What a capteur does to file a report, counted from the signed payloads a real Slack would send:
 * the command, each change the app hears (a company picked, a button, the figures radio), each
 * input the person sets that the form did not already hold (a default date or channel that fits
 * costs nothing), and the submission. A multi-select filled in one input counts once, as a text
 * typed does (and a group of boxes ticked in one input). README.md (« The visit report, in how many moves ») quotes these figures.
 */
describe('interactions to file a report on a known company', () => {
  type Tally = { total: number; steps: string[] };

  /** The inputs the person set: those whose answer differs from what the form showed. */
  function setByPerson(view: Modal, answers: Answers): string[] {
    const shown = new Map(
      (view.blocks as { type: string; block_id?: string; element?: Record<string, unknown> }[])
        .filter((b) => b.type === 'input' && b.block_id)
        .map((b) => {
          const e = b.element ?? {};
          const initial =
            (e.initial_value as string | undefined) ??
            (e.initial_date as string | undefined) ??
            (e.initial_option as { value: string } | undefined)?.value ??
            ((e.initial_options as { value: string }[] | undefined)?.map((o) => o.value) || undefined);
          return [b.block_id!, JSON.stringify(initial ?? null)] as const;
        }),
    );
    return Object.entries(answers)
      .filter(([id, answer]) => shown.has(id) && JSON.stringify(answer) !== shown.get(id))
      .map(([id]) => id);
  }

  async function file(
    opening: string,
    changes: ((view: Modal) => Promise<Modal>)[],
    answers: Answers,
  ): Promise<Tally & { visitCompany: string | null }> {
    const tally: Tally = { total: 0, steps: [] };
    let view = await openModal(opening);
    tally.total += 1;
    tally.steps.push(`/visite ${opening}`.trim());
    for (const step of changes) {
      view = await step(view);
      tally.total += 1;
      tally.steps.push('change');
    }
    const set = setByPerson(view, answers);
    tally.total += set.length + 1;
    tally.steps.push(...set, 'submit');
    const homes = t.fake.callsTo('views.publish').length;
    const res = await t.slack.interaction(submitModal(capteur, view, answers, { keepInitial: true }));
    // The report ends at its submission: it closes the form, or an urgent hiring need opens the
    // alert form in its place (the next procedure, counted on its own).
    const urgent = ((answers[B.situation] as string[] | undefined) ?? []).includes('hiringHorizon:urgent');
    expect(res.json()).toMatchObject(
      urgent ? { response_action: 'update', view: { callback_id: VIEWS.alertReport } } : { response_action: 'clear' },
    );
    // The App Home refreshed after the ack: this test's work is over before the next one starts.
    await expect.poll(() => t.fake.callsTo('views.publish').length).toBeGreaterThan(homes);
    const key = JSON.parse(view.private_metadata).submissionKey as string;
    const visit = await db.prisma.visit.findUnique({ where: { submissionKey: key }, select: { companyId: true } });
    return { ...tally, visitCompany: visit?.companyId ?? null };
  }

  /** Every datum of the form answered: figures, the six one-answer questions, stakes at three priorities, the rest. */
  const everything: Answers = {
    [B.headcount]: '38',
    [B.hiringNeeds]: 'Soudeur : 3\nTechnicien de maintenance : 1',
    [B.jobsAtRisk]: '0',
    [B.exportSharePct]: '15',
    [B.situation]: [
      'headcountTrend:hausse',
      'revenueTrend:stable',
      'siteOutlook:developpement',
      'investmentPlanned:oui',
      'hiringHorizon:urgent',
      'transmissionBuyer:sans_objet',
    ],
    [B.stakes]: ['haute:recrutement', 'moyenne:competences_formation', 'basse:export'],
    [B.needs]: 'Trouver des soudeurs qualifiés rapidement.',
    [B.diagnostic]: 'Carnet de commandes plein, tension forte sur les métiers de la soudure.',
    [B.followUp]: ['partage', 'comite'],
  };
  const minimal: Answers = {
    [B.stakes]: ['haute:recrutement'],
    [B.needs]: 'Deux soudeurs.',
    [B.diagnostic]: 'Activité soutenue.',
  };

  it('complete, the company picked in the type-ahead: 12; named in the command: 11', async () => {
    const company = await makeCompany(db.prisma, { name: 'Forges Complètes', commune: 'Vierzon' });
    const picked = await file('', [(v) => change(v, pick(company.id, 'Forges Complètes — Vierzon'))], {
      ...everything,
      [B.companyId]: company.id,
    });
    expect(picked.visitCompany).toBe(company.id);
    const named = await file('Forges Complètes', [], everything);
    expect(named.visitCompany).toBe(company.id);
    // Every datum reached the visit.
    const visit = await db.prisma.visit.findFirstOrThrow({
      where: { companyId: company.id },
      include: { stakes: true, hiringNeeds: true },
      orderBy: { createdAt: 'desc' },
    });
    expect(visit).toMatchObject({
      headcount: 38,
      jobsAtRisk: 0,
      exportSharePct: 15,
      headcountTrend: 'hausse',
      revenueTrend: 'stable',
      siteOutlook: 'developpement',
      investmentPlanned: true,
      hiringHorizon: 'urgent',
      transmissionBuyer: 'sans_objet',
      consentToShare: true,
      toCommitteeAgenda: true,
    });
    expect(visit.stakes.map((s) => `${s.priority}:${s.stake}`).sort()).toEqual([
      'basse:export',
      'haute:recrutement',
      'moyenne:competences_formation',
    ]);
    expect([picked.total, named.total]).toEqual([12, 11]);
  });

  it('the usual complete report (the file’s first test: no export share, two questions of the situation list): 11 with the type-ahead, 10 named', async () => {
    const company = await makeCompany(db.prisma, { name: 'Chaudronnerie Typique', commune: 'Bourges' });
    const { [B.exportSharePct]: _export, ...usual } = everything;
    const tally = await file('', [(v) => change(v, pick(company.id, 'Chaudronnerie Typique — Bourges'))], {
      ...usual,
      [B.companyId]: company.id,
      [B.situation]: ['headcountTrend:hausse', 'hiringHorizon:urgent'],
    });
    expect(tally.visitCompany).toBe(company.id);
    const named = await file('Chaudronnerie Typique', [], {
      ...usual,
      [B.situation]: ['headcountTrend:hausse', 'hiringHorizon:urgent'],
    });
    expect(named.visitCompany).toBe(company.id);
    expect([tally.total, named.total]).toEqual([11, 10]);
  });

  it('minimal: 5 when the command names the company, 6 with the type-ahead; the company not named to partners', async () => {
    const company = await makeCompany(db.prisma, { name: 'Menuiserie Minimale', commune: 'Aubigny-sur-Nère' });
    const named = await file('Menuiserie Minimale', [], minimal);
    expect(named.visitCompany).toBe(company.id);
    const picked = await file('', [(v) => change(v, pick(company.id, 'Menuiserie Minimale — Aubigny-sur-Nère'))], {
      ...minimal,
      [B.companyId]: company.id,
    });
    expect(picked.visitCompany).toBe(company.id);
    expect([named.total, picked.total]).toEqual([5, 6]);
    expect(named.steps).toEqual(['/visite Menuiserie Minimale', B.stakes, B.needs, B.diagnostic, 'submit']);
    // Consent is a box ticked: left unticked, the company did not agree and is not shared.
    const visits = await db.prisma.visit.findMany({ where: { companyId: company.id } });
    expect(visits.map((v) => [v.consentToShare, v.toCommitteeAgenda])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});
