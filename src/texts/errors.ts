import { ACTION_STATUS_LABELS } from './action.js';
import { ALERT_STATE_LABELS } from './alert.js';
import { STAKE_LABELS } from './visit.js';

/** Messages for the codes services and validation return (UserError, FieldError). */
export const ERRORS = {
  required: 'Ce champ est obligatoire.',
  too_long: 'Texte trop long ({max} caractères au plus).',
  not_a_number: 'Indiquez un nombre entier, par exemple 12.',
  negative: 'Le nombre ne peut pas être négatif.',
  too_large: 'Nombre trop grand ({max} au plus).',
  percent_range: 'Indiquez un pourcentage entre 0 et 100.',
  invalid_choice: 'Choix inconnu : rouvrez le formulaire et choisissez dans la liste.',
  invalid_date: 'Date invalide.',
  date_in_future: 'La date de la visite ne peut pas être dans le futur.',
  date_too_old: 'La date de la visite est antérieure au 1er janvier 2000 : vérifiez-la.',
  siret_format: 'Le SIRET compte 14 chiffres (les espaces sont acceptés).',
  siret_checksum: "Ce SIRET n'existe pas : un chiffre est probablement erroné (clé de contrôle invalide).",
  siret_known: 'Ce SIRET est déjà connu : « {name} ». Choisissez-la dans « Entreprise ».',
  company_duplicate: 'Une entreprise « {name} » existe déjà à {commune} : choisissez-la dans « Entreprise ».',
  company_missing: 'Choisissez une entreprise connue, ou remplissez la partie « Nouvelle entreprise » ci-dessous.',
  company_both: 'Choisissez une entreprise connue ou créez-en une nouvelle, pas les deux.',
  company_unknown: "Cette entreprise n'existe plus : choisissez-en une autre.",
  naf_unknown: 'Code NAF inconnu dans la nomenclature NAF rév. 2 (il faut une sous-classe, par exemple 25.62B).',
  headcount_band_unknown: "Tranche d'effectif inconnue.",
  postal_code_format: 'Le code postal compte 5 chiffres.',
  jobs_at_risk_over_headcount: "Plus d'emplois menacés que de salariés : vérifiez les deux nombres.",
  hiring_needs_line: 'Ligne {line} : écrivez « métier : nombre », par exemple « Soudeur : 3 ».',
  hiring_horizon_without_needs: 'Précisez les besoins de recrutement (métier : nombre) pour indiquer leur échéance.',
  stakes_missing: 'Indiquez au moins un enjeu, avec sa priorité.',
  one_per_group: '« {group} » a plusieurs réponses : gardez-en une.',
  stake_twice: '« {stake} » est choisi avec deux priorités : gardez-en une.',
  structure_name_taken: 'Une structure porte déjà ce nom.',
  structure_unknown: 'Structure inconnue : choisissez dans la liste.',
  roles_missing: 'Choisissez au moins un rôle.',
  last_admin: 'Il doit rester au moins un administrateur actif.',
  capteur_without_structure: 'Un capteur doit être rattaché à une structure.',
  too_small: 'Nombre trop petit ({min} au moins).',
  rome_format: 'Code ROME invalide : une lettre et quatre chiffres, par exemple H2913.',
  start_in_past: "La date de démarrage souhaitée est passée : indiquez aujourd'hui ou une date à venir.",
  email_format: 'Adresse e-mail invalide (exemple : prenom.nom@entreprise.fr).',
  phone_format: 'Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33 6 12 34 56 78).',
  url_format: 'Lien invalide : il doit commencer par https:// (ou http://).',
  contact_reach_missing: 'Indiquez au moins un téléphone ou un e-mail pour joindre le contact.',
  alert_state: "L'alerte {reference} est déjà « {state} »{by} : rien n'a été changé.",
  alert_unknown: "Cette alerte n'existe plus.",
  alert_visit_unknown:
    "La visite d'où part cette alerte est introuvable : rien n'a été enregistré. Signalez le besoin avec /alerte-recrutement.",
  alert_visit_company:
    "Cette alerte part d'une visite chez une autre entreprise : gardez l'entreprise de la visite, ou signalez le besoin avec /alerte-recrutement.",
  alert_visit_already:
    'Une alerte a déjà été signalée depuis cette visite ({reference}) : suivez-la dans votre accueil, ou signalez un autre besoin avec /alerte-recrutement.',
  alert_forbidden: 'Votre rôle ne permet pas de faire avancer cette alerte.',
  due_in_past: "L'échéance est passée : choisissez aujourd'hui ou une date à venir.",
  owner_unknown: "Cette personne n'est pas un membre actif de la plateforme.",
  owner_other_structure: "Cette personne n'appartient pas à la structure choisie.",
  note_required_realisee: 'Décrivez le résultat obtenu.',
  note_required_bloquee: 'Indiquez ce qui bloque.',
  note_required_abandonnee: "Indiquez pourquoi l'action est abandonnée.",
  submission_not_yours:
    "Ce formulaire a été ouvert par une autre personne : rien n'a été enregistré. Rouvrez le formulaire vous-même pour faire votre saisie.",
  action_forbidden: 'Seuls les membres du comité technique et la coordination peuvent créer des actions.',
  action_not_yours:
    'Cette action est suivie par une autre structure : seule celle-ci ou la coordination peut la modifier.',
  action_unknown: "Cette action n'existe plus.",
  action_links_disagree:
    "Cette action ne correspond pas à l'entreprise de l'ordre du jour ou de l'alerte dont elle part : rien n'a été enregistré. Rouvrez le formulaire depuis le bouton de l'entreprise.",
  action_status: "Impossible de passer cette action de « {from} » à « {to} » : rien n'a été changé.",
  action_closed: 'Cette action est terminée : son échéance ne peut plus changer.',
  committee_forbidden: 'Seule la coordination peut planifier les comités et publier leur ordre du jour.',
  committee_in_past: 'Cette date est passée : choisissez une date à venir.',
  committee_off_day: 'Le {date} n’est pas un jour ouvré : confirmez cette date, ou choisissez un autre jour.',
  committee_unknown: "Ce comité n'existe plus.",
  committee_closed: 'Ce comité est clôturé : ses décisions ne changent plus.',
  committee_not_published:
    "L'ordre du jour de cette séance n'est pas encore publié : les décisions s'enregistrent une fois l'ordre du jour publié, pendant la séance.",
  indicators_forbidden: 'Seule la coordination enregistre les indicateurs choisis par le comité de pilotage.',
  indicator_unknown: 'Indicateur inconnu.',
  indicator_target: 'Cible invalide : un nombre positif (au plus 100 pour un pourcentage), par exemple 75 ou 12,5.',
  indicators_none: 'Choisissez au moins un indicateur.',
  quarter_format: 'Précisez un trimestre ainsi : `/plateforme indicateurs 2026-T3`.',
  quarter_not_over:
    "Ce trimestre n'est pas terminé : ses indicateurs seront figés le premier jour ouvré du trimestre suivant.",
  erase_forbidden: 'Seuls les administrateurs de la plateforme effacent les données d’une entreprise.',
  rgpd_usage:
    'Précisez le SIRET : `/plateforme rgpd export 12345678900012` ou `/plateforme rgpd effacer 12345678900012`.',
  export_forbidden: 'Seule la coordination exporte les données de la plateforme.',
  export_period: 'Précisez la période : `/plateforme export 2026`, `2026-T1`, `2026-03` ou `2026-01-01 2026-03-31`.',
  export_not_sent: "L'export est prêt mais Slack ne l'a pas accepté : réessayez dans un instant.",
  steering_channel_missing:
    'Le canal du comité de pilotage n’est pas configuré (STEERING_CHANNEL_ID) : demandez-le à l’administrateur de la plateforme.',
  report_year: 'Indiquez une année passée ou en cours, par exemple `/plateforme rapport 2026`.',
  report_not_posted:
    "Le rapport est prêt et conservé, mais Slack ne l'a pas encore accepté : il sera renvoyé automatiquement. Vérifiez que l'application est membre du canal de pilotage.",
  programme_forbidden: 'Seule la coordination fixe les programmes de visites des structures.',
  sirets_invalid: 'SIRET non valides ({count}) : {list}. Corrigez-les ou retirez-les : rien n’a été enregistré.',
  monthly_target: 'Indiquez un nombre de visites par mois, de 0 à 500.',
  agenda_already_published: "L'ordre du jour de cette séance est déjà publié : la séance ne se modifie plus.",
  inform_not_yours:
    "Seuls le capteur qui a présenté l'entreprise et la coordination enregistrent qu'elle a été informée.",
  committee_member_only: 'Seuls les membres du comité technique et la coordination enregistrent ses décisions.',
  partners_channel_missing:
    "Le canal des partenaires n'est pas configuré (variable PARTNERS_CHANNEL_ID) : l'offre ne peut pas être diffusée. Prévenez l'administrateur de la plateforme.",
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** What a refusal's modal title says: a permission refused, or an action the state of things makes impossible. */
export type RefusalKind = 'permission' | 'impossible' | 'notice';

/** Codes refused for who the person is (their role, or a record that is someone else's): the others are state conflicts. */
const PERMISSION_CODES = /(_forbidden|_not_yours|_member_only)$/;

/** The kind of refusal a service's error code is, for its modal's title. */
export function refusalKind(code: string): RefusalKind {
  return PERMISSION_CODES.test(code) ? 'permission' : 'impossible';
}

/** Fills `{name}`-style placeholders. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Error parameters that carry a code, shown by their French label. */
const LABELLED_PARAMS: Record<string, Record<string, string>> = {
  stake: STAKE_LABELS,
  state: ALERT_STATE_LABELS,
  from: ACTION_STATUS_LABELS,
  to: ACTION_STATUS_LABELS,
};

export function errorText(code: string, params: Record<string, string | number> = {}): string {
  const template = (ERRORS as Record<string, string>)[code] ?? 'Saisie invalide.';
  const shown = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, LABELLED_PARAMS[key]?.[String(value)] ?? value]),
  );
  // « (par <@U…>) » only when we know who.
  if ('by' in shown) shown.by = shown.by ? ` (par <@${shown.by}>)` : '';
  return fill(template, shown);
}
