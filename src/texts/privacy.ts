/** Personal data (RGPD): erasing a company's data, and what its messages become. */

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
  },
  /** What a message posted in Slack shows once its content was removed. */
  removed: {
    erase: 'Données effacées à la demande de l’entreprise.',
    refresh: 'Contenu retiré : sa durée de conservation est écoulée.',
  },
  /** `/plateforme rgpd export`: everything held on one company, one sheet each. */
  access: {
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
