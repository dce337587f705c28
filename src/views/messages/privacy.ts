import type { RefreshMode } from '../../services/privacy/posted-messages.js';
import { PRIVACY_BUTTONS } from '../../slack/ids.js';
import { actions, button, context, escapeText, section, truncate } from '../blocks.js';

/** /plateforme rgpd effacer: what will go, what stays, and the button (confirmed in Slack). */
export function eraseConfirmationMessage(company: { id: string; name: string }) {
  const name = escapeText(truncate(company.name, 200));
  const erase = {
    ...button('Effacer définitivement', PRIVACY_BUTTONS.erase, company.id, 'danger'),
    confirm: {
      title: { type: 'plain_text' as const, text: 'Effacer définitivement ?' },
      // A confirmation holds 300 characters: the name is cut shorter there.
      text: {
        type: 'mrkdwn' as const,
        text: `Les données de *${truncate(escapeText(company.name), 150)}* seront effacées. Cette opération ne peut pas être annulée.`,
      },
      confirm: { type: 'plain_text' as const, text: 'Effacer' },
      deny: { type: 'plain_text' as const, text: 'Annuler' },
      style: 'danger' as const,
    },
  };
  return {
    text: `Effacer les données de ${name} ?`,
    blocks: [
      section(`:warning: *Effacer les données de ${name}* ?`),
      section(
        '*Sera effacé* : son nom, son SIRET et son adresse, le texte des besoins et diagnostics de ses visites, des actions et de leurs notes, des décisions du comité, ses contacts et ceux de France Travail dans les alertes.\n*Restera* : ce qui est compté (secteur, taille, commune, enjeux, dates, statuts), pour que les indicateurs et rapports déjà publiés restent justes.',
      ),
      context(
        'Les messages que la plateforme a postés à son sujet dans Slack (alertes, ordre du jour, actions…) seront remplacés par « Données effacées à la demande de l’entreprise », et les exports qui la contiennent supprimés.',
      ),
      actions('privacy_erase', [erase]),
    ],
  };
}

/** What a message posted in Slack shows once its content was removed (erasure, or its retention period over). */
export function contentRemovedMessage(mode: RefreshMode) {
  const text =
    mode === 'erase'
      ? 'Données effacées à la demande de l’entreprise.'
      : 'Contenu retiré : sa durée de conservation est écoulée.';
  return { text, blocks: [context(`:wastebasket: ${text}`)] };
}
