import type { RefreshMode } from '../../services/privacy/posted-messages.js';
import { PRIVACY_BUTTONS } from '../../slack/ids.js';
import { COMMON } from '../../texts/common.js';
import { PRIVACY_TEXTS } from '../../texts/privacy.js';
import { escapeAndCut, actions, button, context, section } from '../blocks.js';

const T = PRIVACY_TEXTS.erase;

/** /plateforme rgpd effacer: what will go, what stays, and the button (confirmed in Slack). */
export function eraseConfirmationMessage(company: { id: string; name: string }) {
  const name = escapeAndCut(company.name, 200);
  const erase = {
    ...button(T.button, PRIVACY_BUTTONS.erase, company.id, 'danger'),
    confirm: {
      title: { type: 'plain_text' as const, text: T.confirmTitle },
      // A confirmation holds 300 characters: the name is cut shorter there.
      text: { type: 'mrkdwn' as const, text: T.confirmText(escapeAndCut(company.name, 150)) },
      confirm: { type: 'plain_text' as const, text: T.confirm },
      deny: { type: 'plain_text' as const, text: COMMON.cancel },
      style: 'danger' as const,
    },
  };
  return {
    text: T.text(name),
    blocks: [section(T.heading(name)), section(T.what), context(T.messages), actions('privacy_erase', [erase])],
  };
}

/** What a message posted in Slack shows once its content was removed (erasure, or its retention period over). */
export function contentRemovedMessage(mode: RefreshMode) {
  const text = PRIVACY_TEXTS.removed[mode];
  return { text, blocks: [context(`:wastebasket: ${text}`)] };
}
