import { foldText } from './text.js';

/**
 * Job families: the 14 « grands domaines » of France Travail's ROME (Répertoire opérationnel des
 * métiers et des emplois, version 3 and 4), by their letter, and « Autres métiers » for a job the
 * classifier cannot place. The visit form takes hiring needs as free text (« Soudeur : 3 »); what
 * a report or an erased record keeps is only the family, never the text.
 */
export interface JobFamily {
  code: string;
  label: string;
}

export const JOB_FAMILIES: readonly JobFamily[] = Object.freeze(
  [
    { code: 'A', label: 'Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux' },
    { code: 'B', label: 'Arts et façonnage d’ouvrages d’art' },
    { code: 'C', label: 'Banque, assurance, immobilier' },
    { code: 'D', label: 'Commerce, vente et grande distribution' },
    { code: 'E', label: 'Communication, média et multimédia' },
    { code: 'F', label: 'Construction, bâtiment et travaux publics' },
    { code: 'G', label: 'Hôtellerie-restauration, tourisme, loisirs et animation' },
    { code: 'H', label: 'Industrie' },
    { code: 'I', label: 'Installation et maintenance' },
    { code: 'J', label: 'Santé' },
    { code: 'K', label: 'Services à la personne et à la collectivité' },
    { code: 'L', label: 'Spectacle' },
    { code: 'M', label: 'Support à l’entreprise' },
    { code: 'N', label: 'Transport et logistique' },
    { code: 'X', label: 'Autres métiers' },
  ].map((f) => Object.freeze(f)),
);

/** The family of a job the classifier does not recognise (not a ROME domain: the platform's own). */
export const OTHER_JOBS: JobFamily = JOB_FAMILIES.find((f) => f.code === 'X')!;

/**
 * Keyword rules on the folded label (lower case, no accents, words separated by one space),
 * tried in order: the first that matches gives the family. Specific phrases come before the
 * words they contain (« technicien de maintenance » before « technicien », « conducteur de
 * travaux » before « conducteur »). Each pattern starts at a word's beginning, so a stem covers
 * the feminine and plural forms (« soud » : soudeur, soudeuse, soudeurs, soudure).
 */
const RULES: [RegExp, string][] = [
  // Phrases that would be misread by a single word.
  [
    / (technico commerc|ingenieur commerc|ingenieur d affaires|attache commerc|assistant[e]? commerc|agent commerc|developpeur commerc|business developer)/,
    'D',
  ],
  [
    / (technicien|agent|responsable|ingenieur|operateur|operatrice|electricien|mecanicien|electronicien|chef d equipe|chef)s? (de |d )?(la )?(maintenance|sav|service apres vente|depannage)/,
    'I',
  ],
  [/ (electricien|electrotechnicien|automaticien)\w* (industriel|de maintenance|maintenance)/, 'I'],
  [
    / (technicien|ingenieur|responsable|controleur|agent|animateur)\w* (de |d )?(la )?(qualite|methodes?|production|fabrication|process|industrialisation|bureau d etudes?)/,
    'H',
  ],
  [
    / (technicien|ingenieur|administrateur|responsable|chef de projet|consultant)\w* (systemes? |reseaux? |support )?(informatique|reseaux?|systemes?|si|it|cybersecurite|logiciel|data|donnees|web|devops)\b/,
    'M',
  ],
  [/ (technicien|regisseur)\w* (du |de )?(spectacle|son|lumiere|plateau)/, 'L'],
  [/ conduc\w* (de |d )?(travaux|chantier|engins?|grue|pelle)/, 'F'],
  [
    / (conduc|pilote|operat)\w* (de |d |sur )?(ligne|machines?|presse|installation|four|commande numerique|cn|production|tour|centre d usinage)/,
    'H',
  ],
  [/ conduc\w* (offset|d imprimerie|de rotative)/, 'E'],
  [
    / (conduc|chauffeur)\w* (routier|poids lourds?|pl|spl|super lourd|de bus|d autocar|de car|livreur|vl|de vehicule|de taxi|ambulan)/,
    'N',
  ],
  [
    / (agent|employe|ouvrier|operateur|operatrice)\w* (de |d |du )?(la )?(fabrication|production|montage|conditionnement|emballage)/,
    'H',
  ],
  [/ (agent|employe|ouvrier|chef)\w* (de |d |du )?(quai|logistique|magasin|entrepot|expedition|reception)/, 'N'],
  [
    / (agent|employe|ouvrier)\w* (de |d |du )?(entretien|nettoyage|proprete|menage|securite|surveillance|gardiennage)/,
    'K',
  ],
  [/ (agent|employe|hote|hotesse|charge)\w* (d |de )?(accueil|administratif|bureau|saisie|standard)/, 'M'],
  [
    / (agent|conseiller|conseillere|negociateur|negociatrice)\w* (immobilier|bancaire|en assurance|d assurance|clientele bancaire|patrimon)/,
    'C',
  ],
  [/ (preparat)\w* (de |en )?(commandes?)/, 'N'],
  [/ (preparat)\w* (en )?(pharmacie)/, 'J'],
  [/ (assistant|assistante)s? (maternel|familial|de vie)/, 'K'],
  [/ (assistant|assistante)s? (dentaire|medical)/, 'J'],
  [/ (chef|commis|second)s? (de |d )?(cuisine|partie|rang)/, 'G'],
  [/ (chef|employe|responsable)\w* (de |d )?(rayon|caisse|magasin|boutique)/, 'D'],
  [/ (peintre)s? (industriel|en carrosserie|automobile|aeronautique)/, 'H'],
  [/ (ouvrier|employe)s? (agricole|viticole|horticole|forestier|paysagiste)/, 'A'],
  [/ (charge|chargee|responsable|directeur|directrice)s? (de |d )?(communication|marketing digital)/, 'E'],
  [
    / (charge|chargee|responsable|directeur|directrice|gestionnaire|assistant|assistante)s? (de |d |des |en )?(recrutement|ressources humaines|rh|paie|administration du personnel|comptab|achats?|marketing|controle de gestion|juridique|administratif|administrative|direction)/,
    'M',
  ],
  [/ (charge|chargee|conseiller|conseillere)s? (d |en |de )?(insertion|emploi|formation)/, 'K'],
  // Single words.
  [
    / (agricult|agricole|maraich|viticult|vigneron|arboricult|horticult|pepinier|paysagist|jardinier|elagueur|bucheron|forestier|sylvicult|eleveur|elevage|berger|palefrenier|soigneur|toiletteur|pecheur|aquacult|ostreicult)/,
    'A',
  ],
  [
    / (ebeniste|luthier|joaillier|bijoutier|orfevre|ceramist|potier|verrier|souffleur de verre|doreur|relieur|tapissier|maroquinier|sellier|facteur d orgues|restaurateur d art|artisan d art)/,
    'B',
  ],
  [
    / (banque|banquier|bancaire|assurance|assureur|courtier|souscripteur|actuaire|credit|immobilier|gestionnaire de patrimoine|syndic)/,
    'C',
  ],
  [
    / (commercia|vendeu|vendeur|caissier|caissiere|hote de caisse|hotesse de caisse|merchandis|boulang|patissier|boucher|charcutier|poissonnier|fromager|traiteur|fleuriste|employe de libre service|mise en rayon|teleconseill|teleprospect|televendeu|acheteur en magasin)/,
    'D',
  ],
  [
    / (graphist|infographist|journalist|redacteur|redactrice|photographe|community manager|webdesign|web designer|imprimeur|maquettist|monteur video|videast|traducteur|traductrice|communication)/,
    'E',
  ],
  [
    / (macon|charpentier|couvreur|plombier|chauffagist|electricien|plaquist|platrier|carreleur|menuisier|peintre|solier|facadier|etancheur|terrassier|canalisat|coffreur|ferrailleur|grutier|geometre|conducteur de travaux|chef de chantier|ouvrier du batiment|ouvrier btp|btp|batiment|travaux publics|vrd|enrobeur|poseur|serrurier)/,
    'F',
  ],
  [
    / (cuisinier|cuisiniere|cuisine|serveu|barman|barmaid|sommelier|plongeu|receptionnist|hotel|restaura|maitre d hotel|gouvernant|femme de chambre|valet de chambre|animateur|animatrice|guide|agent de voyage|croupier|employe polyvalent de restauration)/,
    'G',
  ],
  [
    / (maintenance|electromecanic|mecanicien|mecanicienne|mecanique auto|carrossier|frigorist|climaticien|automaticien|electronicien|technicien sav|depanneu|installateur|installatrice|ascensoriste|agent de maintenance)/,
    'I',
  ],
  [
    / (soud|chaudronn|usineu|usinage|tourneu|fraiseu|rectifieu|decolleteu|regleu|ajusteu|tuyauteu|forgeron|forgeu|fondeu|fonderie|mouleu|plasturg|metallier|metallurg|tolier|cableu|stratifi|composite|monteu|assembleu|operateu|operatric|conducteur de ligne|pilote de ligne|fabrication|production|industri|controleu|qualiticien|qualite|methodes|dessinateu|projeteu|ingenieu|laborantin|laboratoire|technicien|agent de fabrication|outilleu|mecanicien monteur|couturier|couturiere|piqueu|confection|textile|agroalimentaire|boulanger industriel)/,
    'H',
  ],
  [
    / (infirmier|infirmiere|aide soignant|medecin|pharmacien|kinesitherap|sage femme|ambulancier|ambulanciere|manipulateur radio|orthophonist|dentist|psycholog|osteopath|opticien|audioprothesist|brancardier|sante)/,
    'J',
  ],
  [
    / (aide a domicile|auxiliaire de vie|aide menager|agent d entretien|agent de proprete|nettoyage|proprete|menage|educateur|educatrice|formateur|formatrice|enseignant|professeur|agent de securite|securite|surveillant|gardien|concierge|atsem|puericult|travailleur social|assistant social|assistante sociale|accompagnant|conseiller en insertion|mediateur|coiffeu|estheticien)/,
    'K',
  ],
  [
    / (comedien|comedienne|acteur|actrice|musicien|musicienne|chanteu|danseu|artiste|regisseu|intermittent|machiniste|eclairagist|spectacle|cirque)/,
    'L',
  ],
  [
    / (comptab|aide comptable|assistant|assistante|secretair|administratif|administrative|gestionnaire|paie|ressources humaines|rh\b|recruteu|juriste|juridique|acheteu|achats|controleur de gestion|auditeur|developpeu|programmeu|informatic|informatique|data|donnees|devops|reseau|systeme|cyber|webmaster|integrateur web|chef de projet|directeur|directrice|dirigeant|manager|consultant|standardist|accueil|marketing|logiciel|numerique)/,
    'M',
  ],
  [
    / (cariste|magasinier|magasiniere|manutentionnair|logisti|preparateur|preparatrice|chauffeur|chauffeuse|conducteur|conductrice|livreu|routier|transport|transitaire|affreteu|docker|demenageu|quai|entrepot|expedition|coursier)/,
    'N',
  ],
];

const byCode = new Map(JOB_FAMILIES.map((f) => [f.code, f]));

/**
 * The job family of a free-text job title, as capteurs type it (« Soudeur », « Technicienne de
 * maintenance », « Soudeur pour M. Dupont (Forges Dupont) »): case, accents and punctuation do
 * not matter; an unknown title is « Autres métiers ». Pure: the same label, the same family.
 */
export function jobFamilyOf(label: string): { code: string; label: string } {
  const folded = ` ${foldText(label)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  for (const [pattern, code] of RULES) {
    if (pattern.test(folded)) {
      const family = byCode.get(code)!;
      return { code: family.code, label: family.label };
    }
  }
  return { code: OTHER_JOBS.code, label: OTHER_JOBS.label };
}
