/** Companies: the card (/entreprise), the search, and the company part of the forms. */
import { countOf } from './plural.js';

export const COMPANY_TEXTS = {
  /** The company type-ahead: followed companies first, then the SIRENE reference's establishments. */
  picker: {
    followed: 'suivie',
    reference: 'SIRENE',
    /** A `P` establishment (partially diffusible): its names are never shown. */
    notDiffusible: 'Établissement non diffusible',
  },
  card: {
    text: (name: string, commune: string) => `Fiche entreprise : ${name} (${commune})`,
    siret: (siret: string | null) => `*SIRET*\n${siret ?? '_à compléter_'}`,
    activity: (nafCode: string, label: string | null) =>
      `*Activité (NAF rév. 2)*\n${nafCode} — ${label ?? 'code inconnu'}`,
    headcount: (band: string) => `*Effectif*\n${band}`,
    commune: (commune: string, postalCode: string | null) =>
      `*Commune*\n${commune}${postalCode ? ` (${postalCode})` : ''}`,
    sector: (sector: string) => `*Secteur*\n${sector}`,
    visitCount: (count: number) => `*Visites*\n${count}`,
    redFlags: (flags: string) => `:warning: *Signaux d'alerte* : ${flags}`,
    noRedFlag: "Aucun signal d'alerte à la dernière visite.",
    redFlagsNotShared: "Signaux d'alerte : non communiqués (visites non partagées).",
    notVisited: "Aucun signal d'alerte : l'entreprise n'a pas encore été visitée.",
    unknownStructure: 'structure inconnue',
    visitNotShared: (date: string, structure: string) =>
      `*${date}* — ${structure} : contenu non partagé (l'entreprise n'a pas donné son accord).`,
    /** The channel label is lowered: « (sur site) ». */
    visit: (date: string, structure: string, slackUserId: string, channel: string) =>
      `*${date}* — ${structure}, <@${slackUserId}> (${channel.toLowerCase()})`,
    stakes: (stakes: string) => `*Enjeux* : ${stakes}`,
    /** The alerts raised from this visit (« Signaler une alerte recrutement »), by reference. */
    alertsFromVisit: (references: string[]) =>
      `*${references.length > 1 ? 'Alertes recrutement' : 'Alerte recrutement'}* : ${references.join(', ')}`,
    diagnostic: (diagnostic: string) => `*Diagnostic* : ${diagnostic}`,
    noVisit: '_Aucune visite enregistrée pour le moment._',
    olderVisits: (count: number) => `… et ${countOf(count, 'visite plus ancienne', 'visites plus anciennes')}.`,
    decisions: (lines: string) => `*Décisions du comité technique*\n${lines}`,
    decision: (date: string, decision: string | null) => `• ${date} : ${decision ?? 'pas de suite'}`,
    actions: (count: number, lines: string) => `*Actions en cours (${count})*\n${lines}`,
    action: (title: string, structure: string, status: string, due: string) =>
      `• ${title} — ${structure} — ${status}, échéance ${due}`,
    newVisit: 'Nouvelle visite',
    createAction: 'Créer une action',
  },
  /** A company erased on request: nothing that could identify it. */
  erased: {
    text: (date: string) => `Données effacées à la demande de l’entreprise le ${date}.`,
    title: 'Entreprise effacée',
    footer: 'La plateforme n’en garde que des comptes anonymes, pour ses indicateurs et rapports.',
  },
  choices: {
    count: (count: number, more: boolean) =>
      more ? `Plus de ${countOf(count, 'entreprise', 'entreprises')}` : countOf(count, 'entreprise', 'entreprises'),
    /** `many`: more than one matches (« correspondent »), else « correspond ». */
    text: (count: string, query: string, many = true) =>
      `${count} ${many ? 'correspondent' : 'correspond'} à « ${query} ».`,
    heading: (count: string, query: string, many = true) =>
      `*${count}* ${many ? 'correspondent' : 'correspond'} à « ${query} ». Laquelle ?`,
    show: 'Voir la fiche',
    limited: (max: number) => `Liste limitée aux ${max} premières : précisez le nom ou tapez le SIRET.`,
  },
  notFound: (query: string) =>
    `Aucune entreprise connue ne correspond à « ${query} ». Vérifiez le SIRET ou l’orthographe ; pour l’ajouter, déposez une visite avec /visite.`,
  /** The company part of the visit and alert forms. */
  form: {
    title: '*Entreprise*',
    known: 'Entreprise connue',
    knownHint: 'Tapez le SIRET ou quelques lettres du nom. Absente de la liste ? Remplissez « Nouvelle entreprise ».',
    newHeading: '*Nouvelle entreprise* — seulement si elle n’est pas dans la liste ci-dessus.',
    /** The visit form: the type-ahead alone, the new company's inputs only when asked. */
    knownOnlyHint: 'Tapez le SIRET ou quelques lettres du nom, puis choisissez.',
    notListed: 'Absente de la liste ?',
    newCompany: 'Nouvelle entreprise',
    newOpenHeading: '*Nouvelle entreprise* — elle sera créée avec la visite.',
    backToKnown: 'Choisir une entreprise connue',
    /** The picked company's identity, under the type-ahead. */
    identity: (parts: string[]) => parts.join(' · '),
    identitySiret: (siret: string | null) => (siret ? `SIRET ${siret}` : 'SIRET à compléter'),
    identityNaf: (code: string, label: string | null) => `NAF ${code}${label ? ` — ${label}` : ''}`,
    identityCommune: (commune: string, postalCode: string | null) =>
      `${commune}${postalCode ? ` (${postalCode})` : ''}`,
    siret: 'SIRET',
    siretHint:
      '14 chiffres. Inconnu ? Laissez vide : la raison sociale et la commune suffisent, le SIRET sera complété plus tard.',
    name: 'Raison sociale',
    naf: 'Activité (code NAF)',
    nafPlaceholder: 'Code ou mots de l’activité, ex. 25.62B ou mécanique',
    nafHint: 'Nomenclature NAF rév. 2 de l’INSEE, au niveau de la sous-classe.',
    headcountBand: "Tranche d'effectif salarié",
    headcountBandPlaceholder: 'Tranche INSEE',
    commune: 'Commune',
    postalCode: 'Code postal',
  },
  /** A SIRET with no company known yet, in lists of targets. */
  unknownSiret: (siret: string) => `SIRET ${siret} — entreprise pas encore connue de la plateforme`,
} as const;
