/** Personal data (RGPD): erasing a company's data, and what its messages become. */
import { countOf, plural } from './plural.js';

export const PRIVACY_TEXTS = {
  erase: {
    button: 'Effacer définitivement',
    confirmTitle: 'Effacer définitivement ?',
    confirmText: (name: string) =>
      `Les données de *${name}* seront effacées. Cette opération ne peut pas être annulée.`,
    confirm: 'Effacer',
    text: (name: string) => `Effacer les données de ${name} ?`,
    heading: (name: string) => `:warning: *Effacer les données de ${name}* ?`,
    what: '*Sera effacé* : son nom, son SIRET et son adresse, le texte des besoins et diagnostics de ses visites, des actions et de leurs notes, des décisions du comité, ses contacts et ceux de France Travail dans les alertes.\n*Restera* : ce qui est compté (secteur, taille, commune, enjeux, dates, statuts), pour que les indicateurs et rapports déjà publiés restent justes.',
    messages:
      'Les messages que la plateforme a postés à son sujet dans Slack (alertes, ordre du jour, actions…) seront remplacés par « Données effacées à la demande de l’entreprise », et les exports qui la contiennent supprimés.',
    /** Once erased: what was done to its messages, export files and older annual reports. */
    done: (erased: { messages: number; files: number; reports: number }) =>
      `:white_check_mark: Données de l’entreprise effacées. ${countOf(erased.messages, 'message Slack à son sujet remplacé ou mis à jour', 'messages Slack à son sujet remplacés ou mis à jour')}, ${countOf(erased.files, 'export la contenant supprimé', 'exports la contenant supprimés')}. Les indicateurs et rapports gardent ses comptes.${
        erased.reports
          ? ` ${countOf(erased.reports, 'rapport annuel', 'rapports annuels')} d’une version précédente, qui citaient ses métiers tels que saisis, ${plural(erased.reports, 'reconstruit', 'reconstruits')} : supprimez à la main leurs anciens fichiers postés dans Slack.`
          : ''
      }`,
    alreadyErased: ':white_check_mark: Les données de cette entreprise étaient déjà effacées.',
  },
  /** What a message posted in Slack shows once its content was removed. */
  removed: {
    erase: 'Données effacées à la demande de l’entreprise.',
    refresh: 'Contenu retiré : sa durée de conservation est écoulée.',
  },
  /** `/plateforme rgpd export`: everything held on one company, one sheet each. */
  access: {
    /** The message the file goes under, in the person's conversation with the app. */
    note: (company: string, exportFileDays: number) =>
      `:page_facing_up: Données détenues sur ${company} (droit d'accès) : à transmettre à l'entreprise qui les demande, et à personne d'autre. Le fichier sera supprimé de Slack dans ${countOf(exportFileDays, 'jour', 'jours')}.`,
    /** The file's title in Slack: the company's name as it is (a title is not mrkdwn). */
    fileTitle: (company: string) => `Données — ${company}`,
    company: {
      sheet: 'Entreprise',
      headers: [
        'Raison sociale',
        'SIRET',
        'SIREN',
        'NAF',
        'Tranche d’effectif',
        'Commune',
        'Code postal',
        'Adresse',
        'Créée le',
      ],
    },
    visits: {
      sheet: 'Visites',
      headers: [
        'Date',
        'Structure',
        'Canal',
        'Enjeux',
        'Besoins',
        'Premier diagnostic',
        'Signaux',
        'Recrutements',
        'Accord de partage',
      ],
    },
    actions: {
      sheet: 'Actions',
      headers: [
        'Créée le',
        'Action',
        'Description',
        'Structure',
        'Échéance',
        'Statut',
        'Résultat ou motif',
        'Historique',
      ],
    },
    alerts: {
      sheet: 'Alertes',
      headers: ['Référence', 'Signalée le', 'Postes', 'Urgence', 'Contact', 'Téléphone', 'E-mail', 'État', 'Offre'],
    },
    committees: { sheet: 'Comités', headers: ['Séance', 'Décision', 'Pas de suite', 'Informée le'] },
  },
} as const;
