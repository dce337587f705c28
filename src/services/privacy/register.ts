/**
 * The register of personal data (RGPD Article 30): every column of every model of
 * prisma/schema.prisma classified here, once, and every output the platform sends (Slack
 * messages, files). `scripts/personal-data-register.ts` writes docs/DONNEES-PERSONNELLES.md from
 * it; test/privacy/register.test.ts fails when a column of the schema is not classified here, or
 * when a kind of owed message (src/services/notices.ts) is not listed among the outputs.
 *
 * Types and comments in English; the strings are the document's, in French (it is for the DPO —
 * délégué à la protection des données — and the partnership).
 */

// ───────────────────────────── Vocabulary ─────────────────────────────

/** Columns that can hold personal data, a company's identity or free text: described in full. */
export type SensitiveCategory =
  | 'identite_personne'
  | 'coordonnees_personne'
  | 'identifiant_membre'
  | 'identite_entreprise'
  | 'caracteristiques_entreprise'
  | 'texte_libre'
  | 'donnees_agregees';

/** Columns that hold none of that: listed compactly. */
export type PlainCategory = 'technique' | 'codifiee' | 'organisation';

export type Category = SensitiveCategory | PlainCategory;

export const CATEGORY_LABELS: Record<Category, string> = {
  identite_personne: 'Identité d’une personne',
  coordonnees_personne: 'Coordonnées d’une personne',
  identifiant_membre: 'Identifiant d’un membre de la plateforme',
  identite_entreprise: 'Identité d’une entreprise',
  caracteristiques_entreprise: 'Caractéristiques d’une entreprise (identifiantes sur un petit territoire)',
  texte_libre: 'Texte libre',
  donnees_agregees: 'Données agrégées',
  technique: 'Technique',
  codifiee: 'Donnée codifiée ou chiffrée',
  organisation: 'Organisation de la plateforme',
};

/** What a plain category means, said once for all its columns. */
export const PLAIN_CATEGORY_NOTES: Record<PlainCategory, string> = {
  technique:
    'identifiants internes, clés d’idempotence, liens entre tables, horodatages, états de traitement, emplacements de messages Slack : aucune donnée personnelle par elle-même.',
  codifiee:
    'valeurs choisies dans une liste fermée, nombres et dates (enjeux, tendances, statuts, effectifs…), comptées par les indicateurs et le rapport annuel. Rattachées à une entreprise identifiée tant que son identité est conservée ; après l’effacement, elles restent pour les statistiques sans identité ni texte. Leur affichage suit celui de la fiche, de la visite ou de l’alerte dont elles font partie (accord de partage compris).',
  organisation:
    'les structures partenaires, les rôles des membres, les programmes de visites et les indicateurs choisis : des données sur l’organisation du partenariat, pas sur les entreprises.',
};

/** Who can see a column or receive an output. */
export type Audience =
  | 'capteur_auteur'
  | 'structure_du_capteur'
  | 'capteurs'
  | 'coordination'
  | 'comite'
  | 'pilotage'
  | 'france_travail'
  | 'admin'
  | 'partenaires'
  | 'public';

export const AUDIENCE_LABELS: Record<Audience, string> = {
  capteur_auteur: 'le capteur auteur (de la visite ou de l’alerte)',
  structure_du_capteur: 'les membres de la structure du capteur auteur',
  capteurs: 'les capteurs (rôle capteur)',
  coordination: 'la coordination (rôle coordinateur)',
  comite: 'le comité technique (rôle comite, canal du comité)',
  pilotage: 'le comité de pilotage (rôle pilotage)',
  france_travail: 'les conseillers France Travail (rôle france_travail)',
  admin: 'les administrateurs (rôle admin)',
  partenaires: 'le canal des partenaires',
  public: 'le public (édition publique du rapport annuel)',
};

export type LegalBasis = 'mission_interet_public';

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  mission_interet_public: 'Mission d’intérêt public (art. 6-1-e RGPD)',
};

/** Durations people can set (src/config.ts), with their defaults. */
export interface RetentionSetting {
  variable: string;
  defaultValue: number;
  unit: 'mois' | 'jours';
  what: string;
  from: string;
}

export const RETENTION_SETTINGS = {
  contacts: {
    variable: 'PERSONAL_DATA_RETENTION_MONTHS',
    defaultValue: 24,
    unit: 'mois',
    what: 'contacts d’une alerte (entreprise et France Travail), notes des étapes et note de clôture',
    from: 'après le signalement de l’alerte',
  },
  freeTexts: {
    variable: 'FREE_TEXT_RETENTION_MONTHS',
    defaultValue: 36,
    unit: 'mois',
    what: 'textes libres (besoins et diagnostics des visites, familles de métiers saisies, urgence, intitulés et lieux des postes, titres, descriptions et notes des actions, décisions du comité)',
    from: 'après la dernière visite de l’entreprise (à défaut, sa dernière alerte) ; une entreprise visitée à nouveau garde son historique',
  },
  exportFiles: {
    variable: 'EXPORT_FILE_RETENTION_DAYS',
    defaultValue: 7,
    unit: 'jours',
    what: 'fichiers d’export envoyés dans Slack (export d’une période, données d’une entreprise)',
    from: 'après son envoi',
  },
} as const satisfies Record<string, RetentionSetting>;

/** A column that can hold personal data, a company's identity or free text. */
export interface ClassifiedColumn {
  category: SensitiveCategory;
  /** What it holds, in French. */
  holds: string;
  /** Finalité. */
  purpose: string;
  legalBasis: LegalBasis;
  visibleTo: readonly Audience[];
  /** Where it shows, and the conditions (consent, role), in French. */
  visibility: string;
  /** Durée de conservation. */
  retention: string;
  /** What erasure on request (`/plateforme rgpd effacer <SIRET>`) does to it. */
  erasure: string;
}

/** A column with nothing personal, identifying or free in it. */
export interface PlainColumn {
  category: PlainCategory;
  note?: string;
}

export type ColumnClass = ClassifiedColumn | PlainColumn;

export interface TableEntry {
  /** The table, in French. */
  label: string;
  columns: Record<string, ColumnClass>;
}

export function isClassified(column: ColumnClass): column is ClassifiedColumn {
  return 'holds' in column;
}

// ───────────────────────────── Shared wording ─────────────────────────────

const E = RETENTION_SETTINGS;
const ERASED_NOTICE = '« Données effacées à la demande de l’entreprise »';

const RETENTION = {
  contacts: `${E.contacts.defaultValue} ${E.contacts.unit} (${E.contacts.variable}) ${E.contacts.from} ; retiré alors partout où il a été copié (notes, messages mis à jour en place), une fois, par le traitement de nuit, tracé dans le journal d’audit.`,
  freeText: `${E.freeTexts.defaultValue} ${E.freeTexts.unit} (${E.freeTexts.variable}) ${E.freeTexts.from} ; retiré alors une fois par le traitement de nuit (rattrapé après un arrêt), tracé dans le journal d’audit.`,
  company:
    'Durée de fonctionnement de la plateforme ; aucune purge automatique (voir « Points à confirmer »). Effacement sur demande.',
  member:
    'Tant que la personne est membre ; un membre désactivé est conservé pour l’historique (qui a fait quoi). Aucune purge automatique (voir « Points à confirmer »).',
  withRecord: 'Celle de l’enregistrement auquel elle se rattache.',
  audit: 'Durée de fonctionnement de la plateforme ; aucune purge automatique (voir « Points à confirmer »).',
  reports: 'Conservé sans limite, pour pouvoir renvoyer le rapport : il ne contient aucune donnée personnelle.',
  sirene:
    'Remis à jour à chaque import mensuel du répertoire public de l’INSEE ; un établissement fermé ou sorti du territoire reste, marqué comme tel. Durée de fonctionnement de la plateforme.',
} as const;

const ERASURE = {
  removed: 'Retiré (valeur vide).',
  erasedText: 'Remplacé par « [effacé] ».',
  memberNotConcerned:
    'Non concerné par l’effacement d’une entreprise. La demande d’un membre est traitée par un administrateur (désactivation) ; pas d’effacement automatisé.',
  keptForStatistics:
    'Conservé pour les statistiques (les comptes publiés restent justes) ; n’est plus affiché sur la fiche de l’entreprise effacée.',
  sirene:
    'Donnée publique de l’INSEE, non effacée avec l’entreprise ; l’import ne rend jamais son identité à une entreprise effacée de la plateforme. Une unité devenue `P` perd son nom à l’import suivant.',
  aggregates:
    'Inchangé : aucun nom ni texte libre, les totaux restent justes (une version produite par une version antérieure de la plateforme qui citait des métiers saisis par l’entreprise est reconstruite en place).',
} as const;

const MISSION = 'mission_interet_public' as const;

/** Every company card reader (PERMISSIONS.readCompanies). */
const CARD_READERS = ['capteurs', 'coordination', 'comite', 'pilotage', 'admin'] as const satisfies readonly Audience[];

function plain(category: PlainCategory, ...names: string[]): Record<string, PlainColumn> {
  return Object.fromEntries(names.map((name) => [name, { category }]));
}

const technical = (...names: string[]) => plain('technique', ...names);
const coded = (...names: string[]) => plain('codifiee', ...names);
const organisation = (...names: string[]) => plain('organisation', ...names);

/** A Slack member id kept to address or count a person. */
function slackIdOf(
  holds: string,
  purpose: string,
  visibility: string,
  retention: string = RETENTION.withRecord,
): ClassifiedColumn {
  return {
    category: 'identifiant_membre',
    holds,
    purpose,
    legalBasis: MISSION,
    visibleTo: [],
    visibility,
    retention,
    erasure: ERASURE.memberNotConcerned,
  };
}

// ───────────────────────────── The tables ─────────────────────────────

export const PERSONAL_DATA_REGISTER: Record<string, TableEntry> = {
  Structure: {
    label: 'Structures partenaires',
    columns: { ...technical('id', 'active', 'createdAt', 'updatedAt'), ...organisation('name', 'kind') },
  },

  Member: {
    label: 'Membres (personnes de l’espace Slack connues de la plateforme)',
    columns: {
      slackUserId: {
        category: 'identifiant_membre',
        holds: 'Identifiant Slack (U…) d’un agent d’une structure partenaire.',
        purpose: 'Reconnaître le membre et ses rôles, lui adresser les messages, tracer qui a fait quoi.',
        legalBasis: MISSION,
        visibleTo: ['capteurs', 'coordination', 'comite', 'pilotage', 'france_travail', 'admin'],
        visibility:
          'Mentionné (@nom) dans les messages où la personne agit : visites, alertes, actions, comité ; colonne « Responsable » de l’export d’une période.',
        retention: RETENTION.member,
        erasure: ERASURE.memberNotConcerned,
      },
      displayName: {
        category: 'identite_personne',
        holds: 'Nom affiché dans Slack d’un agent d’une structure partenaire.',
        purpose: 'Nommer le capteur dans l’export d’une période.',
        legalBasis: MISSION,
        visibleTo: ['coordination'],
        visibility: 'Colonne « Capteur » de l’export d’une période, envoyé au coordinateur seul.',
        retention: RETENTION.member,
        erasure: ERASURE.memberNotConcerned,
      },
      ...technical('id', 'structureId', 'active', 'createdAt', 'updatedAt'),
    },
  },

  MemberRole: {
    label: 'Rôles des membres',
    columns: { ...technical('memberId'), ...organisation('role') },
  },

  Company: {
    label: 'Entreprises (établissements)',
    columns: {
      name: {
        category: 'identite_entreprise',
        holds: 'Raison sociale ou enseigne ; pour une entreprise individuelle, c’est souvent le nom d’une personne.',
        purpose: 'Identifier l’entreprise visitée, suivie en comité, objet d’une alerte ou d’une action.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS, 'france_travail', 'partenaires'],
        visibility:
          'Fiche entreprise (lecteurs des fiches) ; messages aux personnes qui la suivent ; France Travail la reçoit avec chaque besoin de recrutement (il enregistre l’offre). Sans accord : « Entreprise non nommée — <secteur>, <tranche>, <commune> » dans le canal du comité tant que la coordination ne la nomme pas, « Une entreprise de <commune> » dans le canal des partenaires ; jamais dans le rapport annuel.',
        retention: RETENTION.company,
        erasure: 'Remplacé par « Entreprise effacée (date) ».',
      },
      searchName: {
        category: 'identite_entreprise',
        holds: 'La raison sociale sans accents ni majuscules.',
        purpose: 'Recherche au fil de la frappe et détection des doublons.',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Jamais affiché : sert seulement à la recherche.',
        retention: RETENTION.company,
        erasure: 'Remplacé par « entreprise effacée (date) ».',
      },
      siret: {
        category: 'identite_entreprise',
        holds: 'Numéro SIRET de l’établissement.',
        purpose:
          'Identifier l’établissement sans ambiguïté, éviter les doublons, exercer les droits (`/plateforme rgpd … <SIRET>`).',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS, 'france_travail'],
        visibility:
          'Fiche entreprise, confirmation de visite au capteur, besoin de recrutement transmis à France Travail, exports de la coordination.',
        retention: RETENTION.company,
        erasure: ERASURE.removed,
      },
      siren: {
        category: 'identite_entreprise',
        holds: 'Numéro SIREN (déduit du SIRET).',
        purpose: 'Rattacher l’établissement à son entreprise.',
        legalBasis: MISSION,
        visibleTo: ['coordination'],
        visibility: 'Export des données d’une entreprise (droit d’accès).',
        retention: RETENTION.company,
        erasure: ERASURE.removed,
      },
      address: {
        category: 'identite_entreprise',
        holds: 'Adresse de l’établissement (aucun formulaire ne la saisit aujourd’hui).',
        purpose: 'Localiser l’établissement.',
        legalBasis: MISSION,
        visibleTo: ['coordination'],
        visibility: 'Export des données d’une entreprise (droit d’accès).',
        retention: RETENTION.company,
        erasure: ERASURE.removed,
      },
      postalCode: {
        category: 'identite_entreprise',
        holds: 'Code postal de l’établissement.',
        purpose: 'Localiser l’établissement.',
        legalBasis: MISSION,
        visibleTo: CARD_READERS,
        visibility: 'Fiche entreprise, exports de la coordination.',
        retention: RETENTION.company,
        erasure: ERASURE.removed,
      },
      commune: {
        category: 'caracteristiques_entreprise',
        holds: 'Commune de l’établissement.',
        purpose: 'Situer l’entreprise ; typologie territoriale des indicateurs et du rapport annuel.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS, 'france_travail', 'partenaires', 'public'],
        visibility:
          'Fiche et messages qui nomment l’entreprise ; seule indication donnée d’une entreprise sans accord (« Une entreprise de <commune> ») ; rapport annuel en comptes, sous le secret statistique dans l’édition publique.',
        retention: RETENTION.company,
        erasure: ERASURE.keptForStatistics,
      },
      nafCode: {
        category: 'caracteristiques_entreprise',
        holds: 'Code d’activité NAF rév. 2.',
        purpose: 'Typologie des entreprises visitées (secteur), indicateurs, rapport annuel.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS, 'public'],
        visibility:
          'Fiche entreprise, ordre du jour du comité, exports ; rapport annuel en comptes, sous le secret statistique dans l’édition publique.',
        retention: RETENTION.company,
        erasure: ERASURE.keptForStatistics,
      },
      sectorFamily: {
        category: 'caracteristiques_entreprise',
        holds: 'Famille de secteur déduite du code NAF.',
        purpose: 'Typologie des entreprises visitées, indicateurs, rapport annuel.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS, 'public'],
        visibility:
          'Fiche entreprise ; désigne une entreprise sans accord à l’ordre du jour (« Entreprise non nommée — <secteur>, … ») ; rapport annuel en comptes.',
        retention: RETENTION.company,
        erasure: ERASURE.keptForStatistics,
      },
      headcountBand: {
        category: 'caracteristiques_entreprise',
        holds: 'Tranche d’effectif INSEE.',
        purpose: 'Typologie des entreprises visitées (taille), indicateurs, rapport annuel.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS, 'public'],
        visibility:
          'Fiche entreprise, ordre du jour du comité (aussi pour une entreprise non nommée), exports ; rapport annuel en comptes.',
        retention: RETENTION.company,
        erasure: ERASURE.keptForStatistics,
      },
      nafNomenclature: { category: 'technique', note: 'version de la nomenclature du code NAF' },
      textsExpiredAt: {
        category: 'technique',
        note: 'date à laquelle ses textes libres ont été retirés, passé leur durée de conservation',
      },
      ...technical('id', 'createdById', 'erasedAt', 'createdAt', 'updatedAt'),
    },
  },

  Visit: {
    label: 'Visites (comptes rendus des capteurs)',
    columns: {
      needs: {
        category: 'texte_libre',
        holds:
          'Besoins exprimés par l’entreprise, en texte libre : peut nommer des personnes (« M. Martin souhaite céder »).',
        purpose: 'Préparer le comité technique et les actions des partenaires.',
        legalBasis: MISSION,
        visibleTo: ['capteur_auteur', 'comite', 'coordination'],
        visibility:
          'Ordre du jour du comité technique si l’entreprise a accepté le partage ; sinon la coordination seule ; exports de la coordination. Pas sur la fiche entreprise.',
        retention: RETENTION.freeText,
        erasure: ERASURE.erasedText,
      },
      diagnostic: {
        category: 'texte_libre',
        holds: 'Premier diagnostic du capteur, en texte libre : peut nommer des personnes.',
        purpose: 'Partager la situation de l’entreprise entre partenaires, préparer le comité technique.',
        legalBasis: MISSION,
        visibleTo: ['capteur_auteur', 'structure_du_capteur', ...CARD_READERS],
        visibility:
          'Si l’entreprise a accepté le partage : fiche entreprise (lecteurs des fiches) et ordre du jour du comité. Sinon : le capteur, sa structure et la coordination seulement. Confirmation de visite au capteur ; exports de la coordination.',
        retention: RETENTION.freeText,
        erasure: ERASURE.erasedText,
      },
      consentToShare: {
        category: 'codifiee',
        note: 'l’accord de l’entreprise pour partager la visite avec les partenaires : décide qui en voit le contenu',
      },
      ...technical('id', 'submissionKey', 'companyId', 'capteurId', 'structureId', 'createdAt'),
      ...coded(
        'visitDate',
        'channel',
        'headcount',
        'headcountTrend',
        'revenueTrend',
        'siteOutlook',
        'hiringHorizon',
        'jobsAtRisk',
        'investmentPlanned',
        'exportSharePct',
        'transmissionBuyer',
        'toCommitteeAgenda',
      ),
    },
  },

  VisitStake: {
    label: 'Enjeux d’une visite',
    columns: { ...technical('visitId'), ...coded('stake', 'priority') },
  },

  VisitRedFlag: {
    label: 'Signaux d’alerte d’une visite',
    columns: { ...technical('visitId'), ...coded('flag') },
  },

  VisitHiringNeed: {
    label: 'Besoins de recrutement d’une visite',
    columns: {
      jobFamily: {
        category: 'texte_libre',
        holds:
          'Famille de métiers saisie par le capteur : du texte libre qui peut nommer une personne ou l’entreprise (« Soudeur pour M. Dupont »).',
        purpose: 'Connaître les besoins de recrutement des entreprises visitées.',
        legalBasis: MISSION,
        visibleTo: ['capteur_auteur', 'coordination'],
        visibility:
          'Confirmation de visite au capteur, exports de la coordination. Le rapport annuel (les deux éditions) n’en imprime pas le texte : seulement la famille de métiers de la liste de référence qui lui correspond.',
        retention: RETENTION.freeText,
        erasure: 'Remplacé par le libellé de sa famille de métiers de la liste de référence.',
      },
      ...technical('id', 'visitId'),
      ...coded('count'),
      rank: { category: 'technique', note: 'place du besoin dans la liste saisie' },
    },
  },

  RecruitmentAlert: {
    label: 'Alertes recrutement urgent',
    columns: {
      urgency: {
        category: 'texte_libre',
        holds: 'Pourquoi le besoin est urgent, en texte libre.',
        purpose: 'Relayer le besoin à France Travail dans le délai fixé par la plateforme (48 h par défaut).',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail'],
        visibility:
          'Page de l’alerte des coordinateurs, besoin transmis à France Travail (message ou e-mail prêt à envoyer), export des données de l’entreprise.',
        retention: RETENTION.freeText,
        erasure: ERASURE.erasedText,
      },
      contactName: {
        category: 'identite_personne',
        holds: 'Nom de l’interlocuteur de l’entreprise pour l’offre.',
        purpose: 'Permettre à France Travail de joindre l’entreprise pour enregistrer l’offre.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail'],
        visibility:
          'Page de l’alerte des coordinateurs (les administrateurs s’il n’y a aucun coordinateur), besoin transmis à France Travail, exports de la coordination. Chaque envoi d’un message qui le montre est tracé dans le journal d’audit. Jamais aux partenaires.',
        retention: RETENTION.contacts,
        erasure: 'Retiré (« Contact anonymisé »).',
      },
      contactPhone: {
        category: 'coordonnees_personne',
        holds: 'Téléphone de l’interlocuteur de l’entreprise.',
        purpose: 'Permettre à France Travail de joindre l’entreprise pour enregistrer l’offre.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail'],
        visibility: 'Comme le nom du contact.',
        retention: RETENTION.contacts,
        erasure: ERASURE.removed,
      },
      contactEmail: {
        category: 'coordonnees_personne',
        holds: 'Adresse e-mail de l’interlocuteur de l’entreprise.',
        purpose: 'Permettre à France Travail de joindre l’entreprise pour enregistrer l’offre.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail'],
        visibility: 'Comme le nom du contact.',
        retention: RETENTION.contacts,
        erasure: ERASURE.removed,
      },
      offerReference: {
        category: 'identite_entreprise',
        holds:
          'Référence de l’offre enregistrée par France Travail : permet de retrouver l’offre publiée, donc l’entreprise.',
        purpose: 'Diffuser l’offre aux partenaires, suivre l’alerte.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'capteur_auteur', 'partenaires'],
        visibility:
          'Page de l’alerte, besoin transmis à France Travail, messages au capteur, offre diffusée dans le canal des partenaires, exports.',
        retention: RETENTION.company,
        erasure: ERASURE.removed,
      },
      offerUrl: {
        category: 'identite_entreprise',
        holds: 'Lien vers l’offre publiée par France Travail.',
        purpose: 'Diffuser l’offre aux partenaires.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'capteur_auteur', 'partenaires'],
        visibility: 'Comme la référence de l’offre.',
        retention: RETENTION.company,
        erasure: ERASURE.removed,
      },
      offerContactName: {
        category: 'identite_personne',
        holds: 'Nom de l’interlocuteur France Travail pour l’offre.',
        purpose: 'Dire aux partenaires qui joindre pour proposer des candidats.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'capteur_auteur', 'partenaires'],
        visibility:
          'Page de l’alerte, besoin transmis à France Travail, messages au capteur, offre diffusée dans le canal des partenaires.',
        retention: RETENTION.contacts,
        erasure: ERASURE.removed,
      },
      offerContactEmail: {
        category: 'coordonnees_personne',
        holds: 'Adresse e-mail de l’interlocuteur France Travail.',
        purpose: 'Dire aux partenaires qui joindre pour proposer des candidats.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'capteur_auteur', 'partenaires'],
        visibility: 'Comme le nom de l’interlocuteur France Travail.',
        retention: RETENTION.contacts,
        erasure: ERASURE.removed,
      },
      offerContactPhone: {
        category: 'coordonnees_personne',
        holds: 'Téléphone de l’interlocuteur France Travail.',
        purpose: 'Dire aux partenaires qui joindre pour proposer des candidats.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'capteur_auteur', 'partenaires'],
        visibility: 'Comme le nom de l’interlocuteur France Travail.',
        retention: RETENTION.contacts,
        erasure: ERASURE.removed,
      },
      outcomeNote: {
        category: 'texte_libre',
        holds: 'Note de clôture de l’alerte, en texte libre (peut nommer le candidat recruté).',
        purpose: 'Garder ce qu’il est advenu du besoin.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'capteur_auteur'],
        visibility: 'Page de l’alerte des coordinateurs, message de clôture au capteur.',
        retention: `${RETENTION.contacts} Peut répéter un contact : retirée avec eux.`,
        erasure: ERASURE.removed,
      },
      consentToName: {
        category: 'codifiee',
        note: 'l’accord de l’entreprise pour être nommée aux partenaires quand l’offre est diffusée',
      },
      reference: {
        category: 'technique',
        note: 'numéro de l’alerte, comme ALR-2026-0042, sans donnée de l’entreprise',
      },
      visitId: {
        category: 'technique',
        note: 'la visite depuis la confirmation de laquelle l’alerte a été signalée : un lien, sans donnée lui-même',
      },
      ...technical(
        'id',
        'submissionKey',
        'companyId',
        'capteurId',
        'structureId',
        'coordinatorId',
        'anonymisedAt',
        'updatedAt',
      ),
      ...coded('state', 'raisedAt', 'deadlineAt', 'lateAt', 'outcome'),
    },
  },

  AlertPosition: {
    label: 'Postes d’une alerte',
    columns: {
      jobTitle: {
        category: 'texte_libre',
        holds: 'Intitulé du poste, en texte libre.',
        purpose: 'Décrire le besoin à France Travail et aux partenaires.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'capteur_auteur', 'partenaires'],
        visibility:
          'Tous les messages de l’alerte, dont l’offre diffusée dans le canal des partenaires ; App Home de la coordination ; exports.',
        retention: RETENTION.freeText,
        erasure: 'Remplacé par le libellé de sa famille de métiers de la liste de référence.',
      },
      location: {
        category: 'texte_libre',
        holds: 'Lieu de travail, en texte libre (peut être l’adresse de l’établissement).',
        purpose: 'Décrire le besoin à France Travail et aux partenaires.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'france_travail', 'partenaires'],
        visibility: 'Page de l’alerte, besoin transmis à France Travail, offre diffusée dans le canal des partenaires.',
        retention: RETENTION.freeText,
        erasure: ERASURE.erasedText,
      },
      ...technical('id', 'alertId', 'rank'),
      ...coded('romeCode', 'count', 'contractType', 'startDate'),
    },
  },

  AlertTransition: {
    label: 'Étapes d’une alerte',
    columns: {
      note: {
        category: 'texte_libre',
        holds: 'Note d’une étape (à la clôture : la même note que la note de clôture de l’alerte).',
        purpose: 'Garder qui a fait quoi et pourquoi.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'capteur_auteur'],
        visibility: 'Montrée comme note de clôture de l’alerte.',
        retention: RETENTION.contacts,
        erasure: ERASURE.removed,
      },
      ...technical('id', 'alertId', 'actorId', 'at'),
      ...coded('from', 'to'),
    },
  },

  AlertMessage: {
    label: 'Messages Slack qui montrent une alerte (à mettre à jour en place)',
    columns: {
      recipient: slackIdOf(
        'Identifiant Slack du destinataire d’une page d’alerte ou d’un besoin transmis à France Travail.',
        'Mettre à jour en place le message de chaque destinataire.',
        'Jamais affiché.',
      ),
      ...technical('alertId', 'kind', 'channel', 'ts'),
    },
  },

  AlertReminder: {
    label: 'Rappels et dépassements du délai de transmission (48 h par défaut)',
    columns: technical('alertId', 'kind', 'at'),
  },

  AlertCounter: {
    label: 'Compteur annuel des numéros d’alerte',
    columns: technical('year', 'last'),
  },

  Action: {
    label: 'Actions des partenaires',
    columns: {
      title: {
        category: 'texte_libre',
        holds: 'Titre de l’action, en texte libre.',
        purpose: 'Organiser, répartir et suivre les actions des partenaires.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS],
        visibility:
          'Message de l’action dans le canal du comité, ordre du jour et relevé de décisions, messages directs au responsable (attribution, point du matin, rappel du comité), fiche entreprise, `/actions`, exports.',
        retention: RETENTION.freeText,
        erasure: 'Remplacé par « Action [effacé] ».',
      },
      description: {
        category: 'texte_libre',
        holds: 'Description de l’action, en texte libre.',
        purpose: 'Organiser et suivre l’action.',
        legalBasis: MISSION,
        visibleTo: ['comite', 'coordination'],
        visibility: 'Message de l’action dans le canal du comité, export des données de l’entreprise.',
        retention: RETENTION.freeText,
        erasure: ERASURE.removed,
      },
      statusNote: {
        category: 'texte_libre',
        holds: 'Résultat de l’action, ou motif de son blocage ou de son abandon, en texte libre.',
        purpose: 'Suivre les actions menées.',
        legalBasis: MISSION,
        visibleTo: ['comite', 'coordination'],
        visibility: 'Message de l’action dans le canal du comité, message au responsable, `/actions`, exports.',
        retention: RETENTION.freeText,
        erasure: ERASURE.removed,
      },
      ...technical(
        'id',
        'submissionKey',
        'companyId',
        'ownerStructureId',
        'ownerMemberId',
        'alertId',
        'committeeId',
        'agendaItemId',
        'createdById',
        'createdAt',
        'updatedAt',
        'channelId',
        'messageTs',
      ),
      ...coded('stake', 'target', 'dueDate', 'status', 'origin'),
    },
  },

  ActionUpdate: {
    label: 'Historique des actions',
    columns: {
      note: {
        category: 'texte_libre',
        holds: 'Note d’avancement, ou motif d’un changement de statut ou d’échéance, en texte libre.',
        purpose: 'Suivre les actions menées.',
        legalBasis: MISSION,
        visibleTo: ['comite', 'coordination'],
        visibility:
          'Dernière mise à jour sous le message de l’action dans le canal du comité ; export des données de l’entreprise.',
        retention: RETENTION.freeText,
        erasure: ERASURE.removed,
      },
      ...technical('id', 'actionId', 'at', 'actorId', 'submissionKey'),
      ...coded('kind', 'fromStatus', 'toStatus', 'fromDue', 'toDue'),
    },
  },

  VisitProgramme: {
    label: 'Programmes de visites des structures',
    columns: {
      ...technical('id', 'structureId', 'updatedById', 'createdAt', 'updatedAt'),
      ...organisation('year', 'monthlyTarget'),
    },
  },

  ProgrammeTarget: {
    label: 'Entreprises cibles des programmes',
    columns: {
      siret: {
        category: 'identite_entreprise',
        holds: 'SIRET d’une entreprise cible pas encore connue de la plateforme.',
        purpose: 'Compter la cible dès que l’entreprise est connue.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'capteurs'],
        visibility:
          'Formulaire du programme (coordination) ; App Home et relance mensuelle des capteurs de la structure dont c’est le programme, tant que l’entreprise n’est pas connue.',
        retention: 'Celle du programme de visites.',
        erasure: 'Retiré ; le lien à l’entreprise est conservé (la cible compte toujours).',
      },
      ...technical('id', 'programmeId', 'companyId', 'addedAt'),
    },
  },

  ProgrammeNudge: {
    label: 'Relances des programmes (une par structure et par mois)',
    columns: technical('structureId', 'month', 'at'),
  },

  IndicatorSet: {
    label: 'Indicateurs choisis par le comité de pilotage (versions)',
    columns: { ...technical('id', 'createdById', 'createdAt'), ...organisation('year', 'version') },
  },

  IndicatorChoice: {
    label: 'Indicateurs choisis et cibles',
    columns: { ...technical('setId'), ...organisation('key', 'target') },
  },

  IndicatorSnapshot: {
    label: 'Valeurs trimestrielles figées des indicateurs',
    columns: {
      values: {
        category: 'donnees_agregees',
        holds: 'Valeurs des indicateurs d’un trimestre, avec leur détail (par structure, par enjeu…).',
        purpose: 'Suivi des actions par le comité de pilotage.',
        legalBasis: MISSION,
        visibleTo: ['coordination', 'pilotage'],
        visibility: 'Message trimestriel dans le canal du comité de pilotage, `/plateforme indicateurs`.',
        retention: 'Conservé sans limite : aucun nom ni texte libre.',
        erasure: ERASURE.aggregates,
      },
      ...technical('id', 'setId', 'computedAt'),
      ...coded('year', 'quarter'),
    },
  },

  Report: {
    label: 'Rapports annuels produits (données et fichiers)',
    columns: {
      data: {
        category: 'donnees_agregees',
        holds: 'Les agrégats derrière chaque tableau et graphique (chiffres internes, y compris sous 5 entreprises).',
        purpose: 'Renvoyer ou justifier le rapport annuel.',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Jamais affiché tel quel : les fichiers du rapport en sont tirés.',
        retention: RETENTION.reports,
        erasure: ERASURE.aggregates,
      },
      internalPdf: {
        category: 'donnees_agregees',
        holds:
          'Le PDF de l’édition interne : tous les comptes, y compris sous 5 entreprises ; aucun nom d’entreprise, aucun texte libre.',
        purpose: 'Rapport annuel au comité de pilotage.',
        legalBasis: MISSION,
        visibleTo: ['pilotage', 'coordination'],
        visibility: 'Posté dans le canal du comité de pilotage (« ne pas diffuser »).',
        retention: RETENTION.reports,
        erasure: ERASURE.aggregates,
      },
      internalXlsx: {
        category: 'donnees_agregees',
        holds: 'L’annexe (tableur) de l’édition interne.',
        purpose: 'Rapport annuel au comité de pilotage.',
        legalBasis: MISSION,
        visibleTo: ['pilotage', 'coordination'],
        visibility: 'Posté dans le canal du comité de pilotage (« ne pas diffuser »).',
        retention: RETENTION.reports,
        erasure: ERASURE.aggregates,
      },
      publicPdf: {
        category: 'donnees_agregees',
        holds: 'Le PDF de l’édition publique : comptes sous le secret statistique, aucun nom ni texte libre.',
        purpose: 'Rapport annuel au territoire.',
        legalBasis: MISSION,
        visibleTo: ['pilotage', 'coordination', 'public'],
        visibility: 'Posté dans le canal du comité de pilotage, pour diffusion.',
        retention: RETENTION.reports,
        erasure: ERASURE.aggregates,
      },
      publicXlsx: {
        category: 'donnees_agregees',
        holds: 'L’annexe (tableur) de l’édition publique.',
        purpose: 'Rapport annuel au territoire.',
        legalBasis: MISSION,
        visibleTo: ['pilotage', 'coordination', 'public'],
        visibility: 'Posté dans le canal du comité de pilotage, pour diffusion.',
        retention: RETENTION.reports,
        erasure: ERASURE.aggregates,
      },
      lastError: { category: 'technique', note: 'code d’erreur de Slack' },
      ...technical(
        'id',
        'year',
        'version',
        'generatedAt',
        'generatedById',
        'channelId',
        'postedAt',
        'attempts',
        'uploadingUntil',
      ),
    },
  },

  Committee: {
    label: 'Séances du comité technique',
    columns: {
      ...technical(
        'id',
        'channelId',
        'status',
        'agendaPublishedAt',
        'agendaPermalink',
        'closedAt',
        'createdById',
        'createdAt',
        'submissionKey',
      ),
      ...coded('scheduledAt'),
    },
  },

  AgendaItem: {
    label: 'Entreprises à l’ordre du jour du comité technique',
    columns: {
      decision: {
        category: 'texte_libre',
        holds: 'Décision du comité pour l’entreprise, en texte libre.',
        purpose: 'Garder et transmettre à l’entreprise ce que le comité a décidé.',
        legalBasis: MISSION,
        visibleTo: [...CARD_READERS],
        visibility:
          'Message de l’entreprise à l’ordre du jour et relevé de décisions dans le canal du comité (sans le nom d’une entreprise sans accord tant que la coordination ne l’a pas nommée), texte prêt à envoyer au capteur qui l’a présentée, fiche entreprise.',
        retention: RETENTION.freeText,
        erasure: ERASURE.erasedText,
      },
      informedHow: {
        category: 'codifiee',
        note: 'comment l’entreprise a été informée des décisions : e-mail, téléphone ou visite, une valeur d’une liste, jamais un texte libre',
      },
      namedAt: {
        category: 'technique',
        note: 'date à laquelle la coordination a nommé, pour cette séance, une entreprise sans accord ; tracé dans le journal d’audit',
      },
      ...technical(
        'id',
        'committeeId',
        'companyId',
        'rank',
        'broughtById',
        'channelId',
        'messageTs',
        'informRemindedAt',
        'informReminders',
      ),
      ...coded('noFollowUp', 'informedAt'),
    },
  },

  AgendaItemVisit: {
    label: 'Visites qui amènent une entreprise à l’ordre du jour',
    columns: technical('agendaItemId', 'visitId'),
  },

  AgendaExclusion: {
    label: 'Entreprises retirées d’un ordre du jour par la coordination',
    columns: technical('committeeId', 'companyId', 'at'),
  },

  CommitteeProposal: {
    label: 'Séances proposées par le rythme configuré',
    columns: technical('occurrence', 'committeeId', 'at'),
  },

  CommitteeReminder: {
    label: 'Rappels avant séance (J-2)',
    columns: {
      slackUserId: slackIdOf(
        'Identifiant Slack du membre rappelé.',
        'Ne rappeler chaque membre qu’une fois par séance.',
        'Jamais affiché.',
      ),
      ...technical('committeeId', 'at'),
    },
  },

  ActionDigest: {
    label: 'Points du matin envoyés (un par personne et par jour)',
    columns: {
      slackUserId: slackIdOf(
        'Identifiant Slack du destinataire du point du matin.',
        'N’envoyer le point qu’une fois par jour.',
        'Jamais affiché.',
      ),
      ...technical('day', 'at'),
    },
  },

  AuditEvent: {
    label: 'Journal d’audit',
    columns: {
      actorSlackId: slackIdOf(
        'Identifiant Slack de la personne qui a agi (vide pour un traitement automatique).',
        'Sécurité et traçabilité : qui a fait quoi, quand, dont chaque envoi de contacts, chaque export et chaque effacement (art. 5-2 et 32 RGPD).',
        'Administrateurs, sur demande (pas d’écran dans Slack).',
        RETENTION.audit,
      ),
      details: {
        category: 'identifiant_membre',
        holds:
          'Détails de l’événement : identifiants, références, comptes, destinataires (identifiants Slack) — jamais le contenu effacé ni un texte libre.',
        purpose: 'Sécurité et traçabilité (art. 5-2 et 32 RGPD).',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Administrateurs, sur demande (pas d’écran dans Slack).',
        retention: RETENTION.audit,
        erasure: 'Le fait est conservé (qui, quand, quoi), jamais le contenu effacé.',
      },
      ...technical('id', 'at', 'action', 'entity', 'entityId'),
    },
  },

  OutboxMessage: {
    label: 'Messages dus (file d’envoi vers Slack)',
    columns: {
      recipient: slackIdOf(
        'Identifiant Slack du destinataire (personne) ou du canal.',
        'Envoyer le message dû.',
        'Jamais affiché.',
      ),
      data: {
        category: 'identifiant_membre',
        holds:
          'L’intention du message : des identifiants seulement (dont parfois un identifiant Slack), jamais son texte ; le texte est rendu depuis les tables à l’envoi.',
        purpose: 'Ne perdre aucun message dû, le renvoyer jusqu’à ce que Slack l’accepte.',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Jamais affiché.',
        retention: 'Tant que le message est dû, puis avec l’historique des envois.',
        erasure:
          'Les messages dus au sujet de l’entreprise sont nettoyés : rendus depuis des tables déjà effacées, ils ne montrent plus rien d’elle.',
      },
      ...technical(
        'id',
        'seq',
        'dedupeKey',
        'kind',
        'status',
        'attempts',
        'lastError',
        'nextAttemptAt',
        'lockedUntil',
        'sentAt',
        'createdAt',
      ),
    },
  },

  JobLease: {
    label: 'Verrous et dernières exécutions des traitements planifiés',
    columns: technical('name', 'holder', 'leasedUntil', 'lastRunAt'),
  },

  PostedMessage: {
    label: 'Messages Slack postés qui montrent une entreprise ou une personne',
    columns: {
      data: {
        category: 'identifiant_membre',
        holds:
          'L’intention du message posté (des identifiants seulement, jamais son texte), pour le rendre à nouveau sans ce qui a été retiré.',
        purpose:
          'Mettre à jour en place les messages déjà postés à l’effacement d’une entreprise et à l’expiration des contacts.',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Jamais affiché.',
        retention: 'Celle du message dans Slack.',
        erasure: `Le message est remplacé par ${ERASED_NOTICE} (ou réaffiché sans l’identité de l’entreprise s’il en montre plusieurs) et marqué comme tel.`,
      },
      channel: {
        category: 'technique',
        note: 'canal ou conversation du message : pour un message direct, la conversation d’une personne avec l’application',
      },
      showsContacts: {
        category: 'technique',
        note: 'le message montre un contact : il est mis à jour quand les contacts sont retirés',
      },
      ...technical('id', 'ts', 'kind', 'postedAt', 'redactedAt'),
    },
  },

  PostedMessageCompany: {
    label: 'Entreprises montrées par un message posté',
    columns: technical('messageId', 'companyId'),
  },

  ExportFile: {
    label: 'Fichiers de données personnelles envoyés dans Slack',
    columns: {
      slackUserId: slackIdOf(
        'Identifiant Slack de la personne à qui le fichier a été envoyé.',
        'Savoir quel fichier supprimer de quelle conversation.',
        'Jamais affiché.',
        `Celle de la ligne : le fichier est supprimé de Slack ${E.exportFiles.defaultValue} ${E.exportFiles.unit} (${E.exportFiles.variable}) ${E.exportFiles.from}.`,
      ),
      ...technical('id', 'fileId', 'kind', 'uploadedAt', 'deleteAfter', 'deletedAt'),
    },
  },

  ExportFileCompany: {
    label: 'Entreprises contenues dans un fichier envoyé',
    columns: technical('fileId', 'companyId'),
  },

  SireneEstablishment: {
    label: 'Établissements du territoire (répertoire SIRENE de l’INSEE)',
    columns: {
      displayName: {
        category: 'identite_entreprise',
        holds:
          'Nom d’usage, enseigne ou dénomination publiés par l’INSEE ; pour un entrepreneur individuel diffusible, c’est le nom d’une personne. Jamais lu pour une unité à diffusion partielle (`P`) : « Établissement non diffusible ».',
        purpose:
          'Proposer l’établissement à la saisie (recherche), aux programmes de visites et mesurer la couverture.',
        legalBasis: MISSION,
        visibleTo: ['capteurs', 'coordination'],
        visibility:
          'Suggestions de la recherche d’entreprise ; liste des cibles proposées à la coordination. Une unité `P` n’est jamais proposée comme cible (art. R123-232-1 du code de commerce).',
        retention: RETENTION.sirene,
        erasure: ERASURE.sirene,
      },
      searchText: {
        category: 'identite_entreprise',
        holds: 'Le nom et la commune sans accents ni majuscules.',
        purpose: 'Recherche au fil de la frappe.',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Jamais affiché : sert seulement à la recherche.',
        retention: RETENTION.sirene,
        erasure: ERASURE.sirene,
      },
      legalName: {
        category: 'identite_entreprise',
        holds: 'Dénomination de l’unité légale (jamais pour une unité `P`).',
        purpose: 'Nommer l’établissement quand il n’a ni nom d’usage ni enseigne.',
        legalBasis: MISSION,
        visibleTo: ['capteurs', 'coordination'],
        visibility: 'Comme le nom affiché, dont il tient lieu.',
        retention: RETENTION.sirene,
        erasure: ERASURE.sirene,
      },
      siret: {
        category: 'identite_entreprise',
        holds: 'Numéro SIRET de l’établissement (public, même pour une unité `P`).',
        purpose: 'Identifier l’établissement et le rapprocher des entreprises suivies.',
        legalBasis: MISSION,
        visibleTo: ['capteurs', 'coordination'],
        visibility: 'Suggestions de la recherche d’entreprise ; liste des cibles proposées.',
        retention: RETENTION.sirene,
        erasure: ERASURE.sirene,
      },
      siren: {
        category: 'identite_entreprise',
        holds: 'Numéro SIREN de l’unité légale.',
        purpose: 'Rattacher l’établissement à son unité légale ; recherche par SIREN.',
        legalBasis: MISSION,
        visibleTo: [],
        visibility: 'Jamais affiché seul : sert à la recherche et au rattachement.',
        retention: RETENTION.sirene,
        erasure: ERASURE.sirene,
      },
      ...coded(
        'nafCode',
        'nafNomenclature',
        'naf25Code',
        'headcountBand',
        'headcountYear',
        'communeCode',
        'communeName',
        'postalCode',
        'headOffice',
        'employer',
        'tradeRegister',
        'diffusible',
        'active',
        'inTerritory',
        'legalCategory',
        'inseeUpdatedAt',
      ),
      ...technical('lastRunId', 'createdAt', 'updatedAt'),
    },
  },

  SireneImportRun: {
    label: 'Imports du répertoire SIRENE',
    columns: {
      ...technical(
        'id',
        'startedAt',
        'finishedAt',
        'fileName',
        'fileSha256',
        'legalUnitsFile',
        'legalUnitsSha256',
        'communes',
        'dryRun',
        'rowsRead',
        'rowsKept',
        'inserted',
        'updated',
        'closed',
        'leftTerritory',
        'durationMs',
        'status',
        'error',
      ),
    },
  },
};

// ───────────────────────────── The outputs ─────────────────────────────

/**
 * Where an output goes: a channel, a person's conversation with the app, a file, an answer seen by
 * one person only and not kept (ephemeral, App Home, modal), or out of the platform.
 */
export type OutputMedium = 'canal' | 'message_direct' | 'mise_a_jour' | 'fichier' | 'affichage' | 'hors_plateforme';

export const MEDIUM_LABELS: Record<OutputMedium, string> = {
  canal: 'Messages dans un canal',
  message_direct: 'Messages directs (conversation d’une personne avec l’application)',
  mise_a_jour: 'Mises à jour en place des messages déjà postés',
  fichier: 'Fichiers (exports et rapport annuel)',
  affichage: 'Affichages non conservés (réponses éphémères, App Home, fenêtres)',
  hors_plateforme: 'Hors de la plateforme',
};

export interface OutputEntry {
  /** The owed message's kind (src/services/notices.ts) when `source` is `outbox`; otherwise the output's own key. */
  key: string;
  /** `outbox`: an owed message, checked against the renderers (src/notifications/) by the test. */
  source: 'outbox' | 'direct';
  medium: OutputMedium;
  name: string;
  recipients: string;
  audiences: readonly Audience[];
  shows: string;
  consent: string;
  retention: string;
  erasure: string;
}

const SLACK_HISTORY = 'Historique Slack, selon la politique de conservation de l’espace de travail.';
const IN_PLACE = `Mis à jour en place : ${ERASED_NOTICE}.`;
const MANY_IN_PLACE = 'Réaffiché en place sans l’identité de l’entreprise effacée (le message en montre plusieurs).';
/** A posted message that shows a company: located, and rendered again once its free texts expire. */
const TEXTS_IN_PLACE = `${SLACK_HISTORY} Réaffiché en place sans les textes libres de l’entreprise quand ils expirent (${E.freeTexts.defaultValue} ${E.freeTexts.unit} après sa dernière visite).`;
/** The same, for a message that also shows an alert's contacts. */
const CONTACTS_IN_PLACE = `${TEXTS_IN_PLACE} Réaffiché aussi sans les contacts et notes de l’alerte quand ils expirent (${E.contacts.defaultValue} ${E.contacts.unit} après son signalement).`;

export const OUTPUTS: readonly OutputEntry[] = [
  {
    key: 'visit_confirmation',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Confirmation de visite',
    recipients: 'Le capteur qui a déposé la visite.',
    audiences: ['capteur_auteur'],
    shows:
      'Raison sociale, commune et SIRET ; date, effectif, recrutements par famille de métiers, emplois menacés, perspectives, accord de partage ; enjeux, premier diagnostic, signaux d’alerte.',
    consent: 'À son auteur seul : rappelle si l’entreprise a accepté le partage.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'visit_overlap',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Visite d’une même entreprise par une autre structure',
    recipients: 'Les capteurs des deux structures qui ont visité l’entreprise.',
    audiences: ['capteur_auteur'],
    shows:
      'Raison sociale et commune, dates des visites, capteurs et structures (mentions Slack) ; aucun contenu de l’autre visite.',
    consent: 'Aucun contenu de visite : seulement à ceux qui ont visité l’entreprise.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'programme_nudge',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Relance du programme de visites',
    recipients: 'Les capteurs d’une structure en retard sur son rythme (une fois par mois).',
    audiences: ['capteurs'],
    shows:
      'Avancement du programme ; entreprises cibles pas encore visitées (raison sociale et commune, ou SIRET d’une entreprise pas encore connue).',
    consent: 'Aucun contenu de visite : la liste des cibles fixée par la coordination pour la structure.',
    retention: TEXTS_IN_PLACE,
    erasure: MANY_IN_PLACE,
  },
  {
    key: 'alert_page',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Page d’alerte recrutement',
    recipients: 'Chaque coordinateur (les administrateurs s’il n’y en a aucun) ; mise à jour en place à chaque étape.',
    audiences: ['coordination'],
    shows:
      'Raison sociale et commune, postes (intitulés, lieux), contact de l’entreprise (nom, téléphone, e-mail), accord pour être nommée, urgence, offre France Travail et son interlocuteur, issue et note de clôture, historique.',
    consent:
      'La coordination voit tout ; la page dit si l’entreprise accepte d’être nommée aux partenaires. Chaque envoi est tracé (contacts montrés).',
    retention: CONTACTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'alert_ft_request',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Besoin de recrutement transmis à France Travail',
    recipients: 'Chaque conseiller France Travail de la plateforme (rôle france_travail) ; mis à jour en place.',
    audiences: ['france_travail'],
    shows: 'Raison sociale, commune, SIRET, postes, contact de l’entreprise, urgence, offre enregistrée.',
    consent:
      'France Travail reçoit le nom de l’entreprise dans tous les cas : il enregistre l’offre. L’accord ne règle que la diffusion aux partenaires. Chaque envoi est tracé.',
    retention: CONTACTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'alert_news',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Étape d’une alerte',
    recipients:
      'Le capteur qui a signalé l’alerte, à chaque étape ; les coordinateurs quand France Travail enregistre l’offre.',
    audiences: ['capteur_auteur', 'coordination'],
    shows:
      'Numéro et étape de l’alerte, raison sociale et commune, intitulés des postes, offre France Travail et son interlocuteur, issue et note de clôture.',
    consent: 'À ceux qui suivent l’alerte : le capteur connaît l’entreprise.',
    retention: CONTACTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'alert_diffusion',
    source: 'outbox',
    medium: 'canal',
    name: 'Offre diffusée aux partenaires',
    recipients: 'Le canal des partenaires (PARTNERS_CHANNEL_ID).',
    audiences: ['partenaires'],
    shows:
      'L’entreprise (raison sociale et commune, ou seulement sa commune), postes (intitulés, nombre, contrat, lieu, démarrage), référence et lien de l’offre, interlocuteur France Travail.',
    consent:
      'Nommée seulement si elle l’a accepté (accord pour être nommée) ; sinon « Une entreprise de <commune> ». Jamais le contact de l’entreprise.',
    retention: CONTACTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'alert_reminder',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Rappel avant l’échéance de transmission',
    recipients: 'Le coordinateur qui suit l’alerte, ou tous les coordinateurs.',
    audiences: ['coordination'],
    shows: 'Numéro de l’alerte, raison sociale, temps écoulé et restant.',
    consent: 'La coordination seule.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'alert_breach',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Délai de transmission dépassé',
    recipients: 'Les administrateurs et les coordinateurs.',
    audiences: ['coordination', 'admin'],
    shows: 'Numéro de l’alerte, raison sociale, échéance, qui la suit.',
    consent: 'La coordination et les administrateurs seuls.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'action_message',
    source: 'outbox',
    medium: 'canal',
    name: 'Message d’une action',
    recipients: 'Le canal du comité technique (COMMITTEE_CHANNEL_ID) ; mis à jour en place à chaque changement.',
    audiences: ['comite'],
    shows:
      'Titre, statut, raison sociale et commune, public visé, enjeu, structure et personne responsables, échéance, résultat ou motif, description, dernière mise à jour et sa note.',
    consent:
      'Aucun contenu de visite ; une entreprise sans accord y figure comme « Entreprise non nommée — <secteur>, <tranche>, <commune> » tant que la coordination ne l’a pas nommée, comme à l’ordre du jour.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'action_news',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Action confiée ou modifiée',
    recipients: 'La personne responsable de l’action, quand quelqu’un d’autre la lui confie ou la modifie.',
    audiences: ['comite', 'coordination'],
    shows: 'Comme le message de l’action, sans la description.',
    consent: 'À la personne chargée de l’action.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'action_digest',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Point du matin des actions',
    recipients: 'Chaque personne qui a des actions en retard ou à échéance proche (jours ouvrés).',
    audiences: ['comite', 'coordination'],
    shows: 'Titres des actions, raison sociale, échéance, statut.',
    consent: 'À la personne chargée des actions.',
    retention: TEXTS_IN_PLACE,
    erasure: MANY_IN_PLACE,
  },
  {
    key: 'committee_agenda',
    source: 'outbox',
    medium: 'canal',
    name: 'Ordre du jour du comité technique',
    recipients: 'Le canal de la séance (J-7).',
    audiences: ['comite'],
    shows:
      'Les entreprises à l’ordre du jour (raison sociale et commune), les actions à faire le point (titre, entreprise, structure, statut).',
    consent:
      'Une entreprise sans accord y figure comme « Entreprise non nommée — <secteur>, <tranche>, <commune> » tant que la coordination ne l’a pas nommée (bouton, tracé) ou retirée.',
    retention: TEXTS_IN_PLACE,
    erasure: MANY_IN_PLACE,
  },
  {
    key: 'agenda_item',
    source: 'outbox',
    medium: 'canal',
    name: 'Entreprise à l’ordre du jour',
    recipients: 'Le canal de la séance ; mis à jour en place avec les décisions et actions.',
    audiences: ['comite'],
    shows:
      'Raison sociale, commune, activité, effectif, capteur qui l’a présentée ; pour chaque visite : enjeux, besoins, premier diagnostic ; signaux d’alerte ; décision, actions, information de l’entreprise.',
    consent:
      'Contenu d’une visite sans accord de partage jamais montré (« contenu non partagé ») ; une entreprise sans accord est présentée sans son nom (secteur, tranche, commune) tant que la coordination ne l’a pas nommée.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'committee_summary',
    source: 'outbox',
    medium: 'canal',
    name: 'Relevé de décisions',
    recipients: 'Le canal de la séance, à la clôture.',
    audiences: ['comite'],
    shows: 'Pour chaque entreprise : décision, actions (titre, structure, responsable, échéance), pas de suite.',
    consent: 'Comme l’ordre du jour : une entreprise sans accord non nommée reste non nommée.',
    retention: TEXTS_IN_PLACE,
    erasure: MANY_IN_PLACE,
  },
  {
    key: 'inform_company',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Décisions à transmettre à l’entreprise',
    recipients: 'Le capteur qui a présenté l’entreprise, à la clôture.',
    audiences: ['capteur_auteur'],
    shows: 'Un texte prêt à envoyer à l’entreprise : raison sociale, date du comité, décision, actions engagées.',
    consent: 'Au capteur qui a visité l’entreprise ; le texte est destiné à l’entreprise elle-même.',
    retention: TEXTS_IN_PLACE,
    erasure: IN_PLACE,
  },
  {
    key: 'inform_reminder',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Entreprises à informer des décisions',
    recipients: 'Le capteur qui ne les a pas encore informées (chaque semaine, quelques fois au plus).',
    audiences: ['capteur_auteur'],
    shows: 'Raison sociale et commune des entreprises à informer, date du comité.',
    consent: 'Au capteur qui a présenté ces entreprises.',
    retention: TEXTS_IN_PLACE,
    erasure: MANY_IN_PLACE,
  },
  {
    key: 'committee_reminder',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Rappel avant séance (J-2)',
    recipients: 'Chaque membre du comité.',
    audiences: ['comite'],
    shows:
      'La séance, le nombre d’entreprises à l’ordre du jour, les actions de sa structure à mettre à jour (titre, raison sociale, statut).',
    consent: 'Les actions de la structure du destinataire seulement.',
    retention: TEXTS_IN_PLACE,
    erasure: MANY_IN_PLACE,
  },
  {
    key: 'committee_proposed',
    source: 'outbox',
    medium: 'message_direct',
    name: 'Séance proposée par le rythme',
    recipients: 'Chaque coordinateur.',
    audiences: ['coordination'],
    shows: 'Date et canal de la séance, nombre d’entreprises à l’ordre du jour ; aucune entreprise nommée.',
    consent: 'Aucune entreprise nommée.',
    retention: SLACK_HISTORY,
    erasure: 'Aucune entreprise nommée : réaffiché en place, inchangé.',
  },
  {
    key: 'indicators_snapshot',
    source: 'outbox',
    medium: 'canal',
    name: 'Indicateurs du trimestre',
    recipients: 'Le canal du comité de pilotage (STEERING_CHANNEL_ID).',
    audiences: ['pilotage'],
    shows:
      'Valeurs des indicateurs, cibles, tendances, détail par structure ou par enjeu ; aucune entreprise, aucune personne.',
    consent: 'Aucune entreprise nommée.',
    retention: SLACK_HISTORY,
    erasure: 'Non concerné : les valeurs figées restent justes.',
  },
  {
    key: 'posted_message_refresh',
    source: 'outbox',
    medium: 'mise_a_jour',
    name: 'Mise à jour en place d’un message déjà posté',
    recipients:
      'Le canal ou la conversation du message d’origine (enregistré dans PostedMessage) ; envoyé comme tout message dû, avec ses reprises.',
    audiences: [],
    shows: `Le message d’origine rendu à nouveau depuis les tables (sans ce qui a été retiré), ou ${ERASED_NOTICE}, ou « Contenu retiré : sa durée de conservation est écoulée ».`,
    consent: 'Celui du message d’origine.',
    retention: 'Remplace le message d’origine.',
    erasure: 'C’est le moyen de l’effacement dans Slack : un message remplacé n’est plus jamais affiché à nouveau.',
  },
  {
    key: 'company_card',
    source: 'direct',
    medium: 'message_direct',
    name: 'Fiche entreprise',
    recipients:
      'La personne qui la demande (`/entreprise`, bouton « Fiche ») : réponse éphémère, ou message direct quand elle est ouverte depuis l’App Home.',
    audiences: [...CARD_READERS],
    shows:
      'Identité (SIRET, activité, effectif, commune et code postal, secteur), nombre de visites, signaux d’alerte, visites (structure, capteur, enjeux, diagnostic), décisions du comité, actions en cours.',
    consent:
      'Contenu d’une visite sans accord de partage réservé au capteur, à sa structure et à la coordination ; les autres lecteurs voient « contenu non partagé ».',
    retention: `Réponse éphémère : non conservée par Slack. Message direct : historique Slack ; remplacé par « Contenu retiré : sa durée de conservation est écoulée » quand les textes libres de l’entreprise expirent.`,
    erasure: `Le message direct est mis à jour en place : ${ERASED_NOTICE}. La fiche d’une entreprise effacée ne montre plus ni identité, ni commune, ni activité, ni effectif.`,
  },
  {
    key: 'app_home',
    source: 'direct',
    medium: 'affichage',
    name: 'App Home',
    recipients: 'Chaque membre, selon ses rôles.',
    audiences: ['capteurs', 'coordination', 'comite', 'pilotage', 'admin'],
    shows:
      'Capteur : ses dernières visites (raison sociale, commune, signaux), les cibles de son programme. Coordination : alertes en cours (raison sociale, commune, postes), séances, entreprises à informer, programmes.',
    consent: 'Chacun ses visites et celles de sa structure ; la coordination voit tout.',
    retention: 'Reconstruite depuis les tables à chaque ouverture : rien n’y survit à un retrait.',
    erasure:
      'À la prochaine ouverture, l’entreprise effacée n’y apparaît plus que comme « Entreprise effacée (date) ».',
  },
  {
    key: 'france_travail_email',
    source: 'direct',
    medium: 'hors_plateforme',
    name: 'E-mail prêt à envoyer à France Travail',
    recipients:
      'Le coordinateur qui transmet l’alerte, quand aucun conseiller France Travail n’est dans Slack ; il l’envoie de sa messagerie.',
    audiences: ['coordination', 'france_travail'],
    shows: 'Raison sociale, commune, SIRET, postes, urgence, contact de l’entreprise.',
    consent: 'France Travail reçoit le nom de l’entreprise dans tous les cas : il enregistre l’offre.',
    retention:
      'Hors de la plateforme : dans les messageries du coordinateur et de France Travail, sous leur responsabilité.',
    erasure: 'Hors de portée de la plateforme : la coordination en informe France Travail.',
  },
  {
    key: 'period_export',
    source: 'direct',
    medium: 'fichier',
    name: 'Export d’une période (tableur)',
    recipients:
      'Le coordinateur qui le demande (`/plateforme export 2026-T1`), seul, dans sa conversation avec l’application.',
    audiences: ['coordination'],
    shows:
      'Visites (entreprise, SIRET, commune, capteur, enjeux, besoins, diagnostic, signaux, recrutements, accord), entreprises visitées, actions (titre, entreprise, responsable, résultat), alertes (postes, contacts de l’entreprise, offre).',
    consent:
      'Au coordinateur seul (il voit tout) ; le message rappelle de ne pas le diffuser. Chaque export est tracé.',
    retention: `Supprimé de Slack ${E.exportFiles.defaultValue} ${E.exportFiles.unit} (${E.exportFiles.variable}) ${E.exportFiles.from} ; les copies téléchargées sont sous la responsabilité du coordinateur.`,
    erasure: 'Supprimé de Slack aussitôt s’il contient l’entreprise effacée.',
  },
  {
    key: 'company_export',
    source: 'direct',
    medium: 'fichier',
    name: 'Données d’une entreprise (droit d’accès)',
    recipients:
      'Le coordinateur qui le demande (`/plateforme rgpd export <SIRET>`), seul, dans sa conversation avec l’application, pour le transmettre à l’entreprise.',
    audiences: ['coordination'],
    shows:
      'Tout ce que la plateforme détient sur l’entreprise : identité, visites, actions et leur historique, alertes et contacts, décisions du comité.',
    consent: 'Au coordinateur seul, pour l’entreprise concernée. Chaque export est tracé.',
    retention: `Supprimé de Slack ${E.exportFiles.defaultValue} ${E.exportFiles.unit} (${E.exportFiles.variable}) ${E.exportFiles.from} ; les copies téléchargées sont sous la responsabilité du coordinateur.`,
    erasure: 'Supprimé de Slack aussitôt.',
  },
  {
    key: 'report_public',
    source: 'direct',
    medium: 'fichier',
    name: 'Rapport annuel, édition publique (PDF et annexe tableur)',
    recipients: 'Le canal du comité de pilotage, pour diffusion au territoire.',
    audiences: ['pilotage', 'public'],
    shows:
      'Activité de l’année et typologie des entreprises visitées (secteur, taille, commune, enjeux, familles de métiers de la liste de référence), en comptes.',
    consent:
      'Aucun nom d’entreprise, aucun texte libre ; secret statistique : aucun compte sous 5 entreprises ne peut être publié ni retrouvé par différence à partir de tout ce que l’édition publie.',
    retention: RETENTION.reports,
    erasure: ERASURE.aggregates,
  },
  {
    key: 'report_internal',
    source: 'direct',
    medium: 'fichier',
    name: 'Rapport annuel, édition interne (PDF et annexe tableur)',
    recipients: 'Le canal du comité de pilotage (« ne pas diffuser »).',
    audiences: ['pilotage'],
    shows: 'Les mêmes tableaux avec tous les comptes, y compris sous 5 entreprises.',
    consent: 'Aucun nom d’entreprise, aucun texte libre ; les petits comptes restent au comité de pilotage.',
    retention: RETENTION.reports,
    erasure: ERASURE.aggregates,
  },
];

// ───────────────────────────── The processing as a whole ─────────────────────────────

/** What Article 30 asks beyond the columns: who, why, for whom, where, how it is protected. */
export const PROCESSING = {
  name: 'Plateforme « Emploi – Mutations Économiques » : application Slack du partenariat territorial',
  controller:
    'La structure porteuse du partenariat (la maison de l’emploi ou l’agence de développement qui anime la plateforme) — _à compléter : dénomination, adresse, représentant légal_.',
  dpo: '_À compléter : nom et moyen de contact du délégué à la protection des données._',
  purposes: [
    'Collecter des informations quantitatives et qualitatives sur les entreprises productives du territoire (industrie et services aux entreprises) lors des visites des capteurs.',
    'Valoriser ces informations : indicateurs trimestriels du comité de pilotage, rapport annuel au territoire.',
    'Organiser et coordonner les actions des partenaires auprès des entreprises et de leurs salariés sur les enjeux prioritaires (comité technique mensuel).',
    'Suivre les actions menées et informer les entreprises des décisions du comité.',
    'Relayer à France Travail, dans le délai fixé par la plateforme (48 h par défaut), les besoins urgents de recrutement et diffuser les offres aux partenaires.',
    'Assurer la sécurité et la traçabilité du traitement (journal d’audit).',
  ],
  legalBasis:
    'Mission d’intérêt public (art. 6-1-e RGPD) pour l’ensemble du traitement : l’action publique territoriale pour l’emploi et l’accompagnement des mutations économiques, confiée à la structure porteuse et à ses partenaires (service public de l’emploi, chambres consulaires, collectivités). L’accord de l’entreprise (partage d’une visite, nom dans la diffusion d’une offre) n’est pas la base légale : il décide à qui la plateforme montre ses informations.',
  dataSubjects: [
    'Les interlocuteurs des entreprises (contact donné pour une alerte recrutement).',
    'Les dirigeants d’entreprises individuelles, dont la raison sociale est souvent le nom.',
    'Les personnes citées dans les textes libres (dirigeants, salariés, repreneurs, candidats).',
    'Les agents des structures partenaires, membres de la plateforme (identifiant et nom Slack).',
    'Les conseillers France Travail (interlocuteur d’une offre).',
  ],
  recipients: [
    'Les membres de la plateforme, selon leur rôle (voir « Qui la voit » pour chaque colonne) : capteurs, coordination, comité technique, comité de pilotage, conseillers France Travail, administrateurs.',
    'France Travail, pour enregistrer l’offre d’un besoin urgent de recrutement.',
    'Les partenaires du canal de diffusion des offres (sans le nom d’une entreprise qui ne l’a pas accepté, jamais le contact de l’entreprise).',
    'Le public : l’édition publique du rapport annuel, sans aucune donnée personnelle.',
  ],
  processors: [
    'Slack (Salesforce) : héberge les messages, les fichiers et l’espace de travail ; des transferts hors de l’Union européenne sont possibles selon l’offre souscrite — _à compléter : contrat, garanties (clauses types, cadre UE–États-Unis), localisation des données_.',
    'L’hébergeur de l’application et de sa base de données PostgreSQL — _à compléter_.',
  ],
  security: [
    'Moindre privilège : chaque commande, bouton et affichage vérifie le rôle du membre ; une personne inconnue ne reçoit aucune donnée.',
    'Chaque envoi d’un message qui montre un contact, chaque export et chaque effacement est tracé dans le journal d’audit (qui, quand, jamais le contenu effacé).',
    'Les exports vont à la seule personne qui les demande, dans sa conversation avec l’application, et sont supprimés de Slack après leur durée de conservation.',
    'Les secrets (jetons Slack) viennent de l’environnement et ne sont jamais écrits dans les journaux.',
  ],
  rights: [
    'Droit d’accès (art. 15) : `/plateforme rgpd export <SIRET>` (coordination) produit un tableur de tout ce que la plateforme détient sur l’entreprise, envoyé au seul demandeur dans sa conversation avec l’application, à transmettre à l’entreprise.',
    'Droit à l’effacement (art. 17) et d’opposition (art. 21) : `/plateforme rgpd effacer <SIRET>` (administrateurs, après confirmation) efface l’identité de l’entreprise, ses textes libres et ses contacts partout où la plateforme les a écrits — tables, messages dus, messages Slack déjà postés (mis à jour en place), fichiers d’export envoyés (supprimés). Ce qui est compté (secteur, taille, commune, enjeux, dates, statuts) reste, sans identité, pour que les indicateurs et rapports déjà publiés restent justes. Le journal d’audit garde le fait de l’effacement et son auteur, jamais le contenu.',
    'Droit de rectification (art. 16) : pas de commande dédiée aujourd’hui ; la demande est adressée à la coordination (voir « Points à confirmer »).',
    'Les demandes des membres (agents des partenaires) sont traitées par un administrateur.',
  ],
  openQuestions: [
    'Responsable de traitement, délégué à la protection des données, sous-traitants et transferts : à compléter.',
    'Droit de rectification : aucune commande ne corrige l’identité d’une entreprise ou le texte d’une visite ; organiser la procédure (par un administrateur, tracée).',
    'L’identité des entreprises et les données des membres n’ont pas de durée de conservation automatique : fixer une durée (par exemple après la dernière visite, comme les textes libres) ou la justifier.',
    'Le journal d’audit n’a pas de durée de conservation : la CNIL recommande en général de six mois à un an pour des journaux de traçabilité.',
    'Les messages Slack restent dans l’historique de l’espace de travail selon sa politique de conservation (à régler par son administrateur) : la plateforme met à jour en place ceux qu’elle a enregistrés, pas les réponses éphémères ni les copies faites par les membres.',
    'Une entreprise sans accord reste nommée dans les messages directs aux personnes qui agissent pour elle (la personne responsable d’une action, le capteur qui l’a présentée) : ils la connaissent déjà ; à confirmer.',
    'Les versions du rapport annuel produites avant la liste de référence des familles de métiers ont pu imprimer des familles de métiers saisies en texte libre : à l’effacement d’une entreprise, celles qui citaient les siennes sont reconstruites en place (tracé), mais leurs anciens fichiers déjà postés dans Slack sont à supprimer à la main ; les autres versions anciennes peuvent être produites à nouveau (`/plateforme rapport <année> nouveau`).',
  ],
} as const;

// ───────────────────────────── The check ─────────────────────────────

/** The columns of each model of a Prisma schema: scalar and enum fields, not relation fields. */
export function parseSchemaColumns(schema: string): Map<string, string[]> {
  const lines = schema.split('\n').map((line) => line.replace(/\/\/.*$/, '').trim());
  // Every block first: a relation field may name a model declared further down.
  const blocks: { keyword: string; name: string; body: string[] }[] = [];
  let open: (typeof blocks)[number] | null = null;
  for (const line of lines) {
    const start = /^(model|enum|type|view|generator|datasource)\s+(\w+)\s*\{$/.exec(line);
    if (start) {
      open = { keyword: start[1]!, name: start[2]!, body: [] };
      blocks.push(open);
    } else if (line === '}') open = null;
    else if (open && line) open.body.push(line);
  }
  const models = new Set(
    blocks.filter((b) => b.keyword === 'model' || b.keyword === 'view' || b.keyword === 'type').map((b) => b.name),
  );
  const columns = new Map<string, string[]>();
  for (const block of blocks) {
    if (block.keyword !== 'model') continue;
    const fields: string[] = [];
    for (const line of block.body) {
      // « name Type », « name Type? », « name Type[] »; « @@id(…) » and the like are not fields.
      const field = /^(\w+)\s+(\w+)/.exec(line);
      if (!field) continue;
      // A relation field's type is another model: it is not a column.
      if (models.has(field[2]!)) continue;
      fields.push(field[1]!);
    }
    columns.set(block.name, fields);
  }
  return columns;
}

export interface RegisterCheck {
  /** `Model.column` in the schema and not in the register. */
  unclassified: string[];
  /** `Model.column` in the register and no longer in the schema. */
  stale: string[];
}

export function checkRegister(
  schema: string,
  register: Record<string, TableEntry> = PERSONAL_DATA_REGISTER,
): RegisterCheck {
  const columns = parseSchemaColumns(schema);
  const unclassified: string[] = [];
  const stale: string[] = [];
  for (const [model, fields] of columns) {
    const classified = register[model]?.columns ?? {};
    for (const field of fields) if (!Object.hasOwn(classified, field)) unclassified.push(`${model}.${field}`);
  }
  for (const [model, entry] of Object.entries(register)) {
    const fields = new Set(columns.get(model) ?? []);
    for (const field of Object.keys(entry.columns)) if (!fields.has(field)) stale.push(`${model}.${field}`);
  }
  return { unclassified, stale };
}
