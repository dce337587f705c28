/** Privacy: erasing a company's data, content withdrawn, a company that did not agree to be named. */
import { expect } from 'vitest';
import { COMMITTEE_BUTTONS, PRIVACY_BUTTONS } from '../../../src/slack/ids.js';
import { agendaItemMessage } from '../../../src/views/messages/committee.js';
import { companyCardMessage } from '../../../src/views/messages/company-card.js';
import { contentRemovedMessage, eraseConfirmationMessage } from '../../../src/views/messages/privacy.js';
import { IN_MEETING_ITEM } from '../fixtures/committee.js';
import { agendaCompanyName, uuid } from '../fixtures/common.js';
import { CARD_WITH_ACTIONS } from '../fixtures/company-card.js';
import { type Case, type JPayload, buttons, entry, expectNoRawMarkup, showsText } from '../fixtures/payload.js';

/** The erase confirmation: what goes, what stays, one danger button confirmed in Slack. */
function expectEraseConfirmation(p: JPayload, company: { id: string; name: string }) {
  const [erase] = buttons(p);
  expect(buttons(p)).toHaveLength(1);
  expect(erase).toMatchObject({ action_id: PRIVACY_BUTTONS.erase, value: company.id, style: 'danger' });
  expect((erase as { confirm?: { style?: string } }).confirm?.style).toBe('danger');
  expect(showsText(p, '*Restera*')).toBe(true);
  expectNoRawMarkup(p);
}

export const PRIVACY_CASES: Case[] = [
  entry(
    eraseConfirmationMessage,
    'realistic: a company by its name',
    'message',
    [{ id: uuid(7001), name: 'Forges de Vierzon' }],
    (p) => {
      expectEraseConfirmation(p, { id: uuid(7001), name: 'Forges de Vierzon' });
      expect(p.blocks[0]?.text?.text).toBe(':warning: *Effacer les données de Forges de Vierzon* ?');
    },
  ),
  entry(
    eraseConfirmationMessage,
    'worst case: a 200-character name with mentions and markup',
    'message',
    [{ id: uuid(7002), name: agendaCompanyName(1) }],
    (p) => expectEraseConfirmation(p, { id: uuid(7002), name: agendaCompanyName(1) }),
  ),
  entry(contentRemovedMessage, 'a message about an erased company', 'message', ['erase'], (p) => {
    expect(showsText(p, 'Données effacées à la demande de l’entreprise.')).toBe(true);
    expect(buttons(p)).toEqual([]);
  }),
  entry(contentRemovedMessage, 'a message whose content is past its retention period', 'message', ['refresh'], (p) => {
    expect(showsText(p, 'Contenu retiré : sa durée de conservation est écoulée.')).toBe(true);
  }),
  entry(
    companyCardMessage,
    'an erased company: nothing that identifies it, no button',
    'message',
    [
      { ...CARD_WITH_ACTIONS, erasedAt: new Date('2026-11-27T10:00:00Z') },
      { canFileVisit: true, canCreateActions: true },
    ],
    (p) => {
      expect(showsText(p, 'Données effacées à la demande de l’entreprise le 27/11/2026.')).toBe(true);
      expect(buttons(p)).toEqual([]);
      for (const hidden of [CARD_WITH_ACTIONS.name, CARD_WITH_ACTIONS.commune, CARD_WITH_ACTIONS.nafCode])
        expect(JSON.stringify(p)).not.toContain(hidden);
    },
  ),
  entry(
    agendaItemMessage,
    'a company that did not consent to be named: its label, and the button to name it',
    'message',
    [
      {
        ...IN_MEETING_ITEM,
        company: { ...IN_MEETING_ITEM.company, name: 'Entreprise non nommée — industrie, 10 à 19 salariés, Vierzon' },
        companyHidden: true,
      },
    ],
    (p) => {
      expect(showsText(p, 'Entreprise non nommée — industrie, 10 à 19 salariés, Vierzon*')).toBe(true);
      expect(showsText(p, 'seule la coordination connaît son nom')).toBe(true);
      const name = buttons(p).find((b) => b.action_id === COMMITTEE_BUTTONS.itemNameCompany);
      expect(name).toMatchObject({ value: IN_MEETING_ITEM.id });
      // Naming cannot be undone: a dialog says where the name will show, and who may do it.
      expect(name?.confirm).toEqual({
        title: { type: 'plain_text', text: "Nommer l'entreprise ?" },
        text: {
          type: 'mrkdwn',
          text: "Son nom sera affiché dans ce canal. À faire seulement si l'entreprise l'accepte (réservé à la coordination).",
        },
        confirm: { type: 'plain_text', text: 'Nommer' },
        deny: { type: 'plain_text', text: 'Annuler' },
      });
    },
  ),
];
