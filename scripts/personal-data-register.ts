/**
 * Writes docs/DONNEES-PERSONNELLES.md — the register of personal data (RGPD Article 30) — from
 * the classification in src/services/privacy/register.ts: `npm run docs:register`.
 * test/privacy/register.test.ts checks that the committed document is what this produces.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUDIENCE_LABELS,
  CATEGORY_LABELS,
  isClassified,
  LEGAL_BASIS_LABELS,
  MEDIUM_LABELS,
  OUTPUTS,
  PERSONAL_DATA_REGISTER,
  PLAIN_CATEGORY_NOTES,
  PROCESSING,
  RETENTION_SETTINGS,
  type Audience,
  type OutputEntry,
  type OutputMedium,
  type PlainCategory,
  type PlainColumn,
  type SensitiveCategory,
  type TableEntry,
} from '../src/services/privacy/register.js';

export const REGISTER_PATH = fileURLToPath(new URL('../docs/DONNEES-PERSONNELLES.md', import.meta.url));

const SENSITIVE_ORDER: SensitiveCategory[] = [
  'identite_personne',
  'coordonnees_personne',
  'identifiant_membre',
  'identite_entreprise',
  'caracteristiques_entreprise',
  'texte_libre',
  'donnees_agregees',
];
const PLAIN_ORDER: PlainCategory[] = ['technique', 'codifiee', 'organisation'];
const MEDIUM_ORDER: OutputMedium[] = [
  'canal',
  'message_direct',
  'mise_a_jour',
  'fichier',
  'affichage',
  'hors_plateforme',
];

const CATEGORY_DEFINITIONS: Record<SensitiveCategory, string> = {
  identite_personne:
    'le nom d’une personne (contact d’une entreprise, interlocuteur France Travail, membre de la plateforme).',
  coordonnees_personne: 'le téléphone ou l’adresse e-mail d’une personne.',
  identifiant_membre: 'l’identifiant Slack d’un membre, ou une donnée technique qui en contient.',
  identite_entreprise:
    'ce qui désigne une entreprise : raison sociale, SIRET, SIREN, adresse, référence de son offre. Pour une entreprise individuelle, c’est une donnée personnelle de son dirigeant.',
  caracteristiques_entreprise:
    'commune, activité, secteur, tranche d’effectif : comptés par les statistiques, ils peuvent désigner une entreprise sur un petit territoire (d’où le secret statistique).',
  texte_libre:
    'ce que les personnes écrivent elles-mêmes : il peut nommer n’importe qui (« M. Martin souhaite céder »).',
  donnees_agregees: 'des comptes et des valeurs d’indicateurs, sans nom ni texte libre.',
};

const code = (s: string) => `\`${s}\``;

/** `<commune>` read as an HTML tag would vanish from the rendered page: escaped outside code spans. */
function prose(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '\\<').replace(/>/g, '\\>') : part))
    .join('`');
}
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function audiences(list: readonly Audience[], fallback: string): string {
  return list.length ? list.map((a) => AUDIENCE_LABELS[a]).join(', ') : fallback;
}

function introduction(): string[] {
  const settings = Object.values(RETENTION_SETTINGS);
  return [
    '# Registre des données personnelles',
    '',
    '> Registre des activités de traitement (article 30 du RGPD) de la plateforme. Produit par `npm run docs:register` à partir de la classification tenue dans `src/services/privacy/register.ts` : ne pas le modifier à la main. Un test échoue quand une colonne du schéma (`prisma/schema.prisma`) n’y est pas classée, quand un message que la plateforme envoie n’y est pas décrit, ou quand ce document n’est plus celui que la classification produit.',
    '',
    '## 1. Le traitement',
    '',
    `- **Traitement** : ${PROCESSING.name}.`,
    `- **Responsable de traitement** : ${PROCESSING.controller}`,
    `- **Délégué à la protection des données** : ${PROCESSING.dpo}`,
    `- **Base légale** : ${PROCESSING.legalBasis}`,
    '',
    '### Finalités',
    '',
    ...PROCESSING.purposes.map((p, i) => `${i + 1}. ${p}`),
    '',
    '### Personnes concernées',
    '',
    ...PROCESSING.dataSubjects.map((p) => `- ${p}`),
    '',
    '### Catégories de données',
    '',
    ...SENSITIVE_ORDER.map((c) => `- **${CATEGORY_LABELS[c]}** : ${CATEGORY_DEFINITIONS[c]}`),
    '',
    'Les autres colonnes ne contiennent aucune donnée personnelle par elles-mêmes ; elles sont listées table par table :',
    '',
    ...PLAIN_ORDER.map((c) => `- **${CATEGORY_LABELS[c]}** : ${PLAIN_CATEGORY_NOTES[c]}`),
    '',
    '### Destinataires',
    '',
    ...PROCESSING.recipients.map((r) => `- ${r}`),
    '',
    '### Sous-traitants et transferts hors de l’Union européenne',
    '',
    ...PROCESSING.processors.map((r) => `- ${r}`),
    '',
    '### Mesures de sécurité',
    '',
    ...PROCESSING.security.map((r) => `- ${r}`),
    '',
    '## 2. Droits des personnes',
    '',
    ...PROCESSING.rights.map((r) => `- ${r}`),
    '',
    '## 3. Durées de conservation configurables',
    '',
    'Chaque retrait a lieu une fois, par un traitement de nuit rattrapé après un arrêt, et il est tracé dans le journal d’audit. Les durées se règlent dans l’environnement de l’application :',
    '',
    '| Variable | Par défaut | Ce qui est retiré | À partir de |',
    '| --- | --- | --- | --- |',
    ...settings.map((s) => `| ${code(s.variable)} | ${s.defaultValue} ${s.unit} | ${cell(s.what)} | ${cell(s.from)} |`),
    '',
  ];
}

function plainColumns(columns: [string, PlainColumn][]): string[] {
  const lines: string[] = [];
  for (const category of PLAIN_ORDER) {
    const inCategory = columns.filter(([, c]) => c.category === category);
    if (inCategory.length === 0) continue;
    const names = inCategory.map(([name, c]) => (c.note ? `${code(name)} (${c.note})` : code(name)));
    lines.push(`- *${CATEGORY_LABELS[category]}* : ${names.join(', ')}.`);
  }
  return lines;
}

function table(model: string, entry: TableEntry): string[] {
  const columns = Object.entries(entry.columns);
  const classified = columns.filter((pair): pair is [string, Extract<(typeof pair)[1], { holds: string }>] =>
    isClassified(pair[1]),
  );
  const plain = columns.filter((pair): pair is [string, PlainColumn] => !isClassified(pair[1]));
  const lines = [`### ${code(model)} — ${entry.label}`, ''];
  if (classified.length === 0)
    lines.push('Aucune donnée personnelle, aucune identité d’entreprise, aucun texte libre.', '');
  for (const [name, c] of classified) {
    lines.push(
      `#### ${code(`${model}.${name}`)} — ${CATEGORY_LABELS[c.category]}`,
      '',
      c.holds,
      '',
      `- **Finalité** : ${c.purpose}`,
      `- **Base légale** : ${LEGAL_BASIS_LABELS[c.legalBasis]}.`,
      `- **Qui la voit** : ${audiences(c.visibleTo, 'personne dans Slack')}. ${c.visibility}`,
      `- **Conservation** : ${c.retention}`,
      `- **Effacement sur demande** : ${c.erasure}`,
      '',
    );
  }
  if (plain.length) lines.push(classified.length ? 'Autres colonnes :' : 'Colonnes :', '', ...plainColumns(plain), '');
  return lines;
}

function output(o: OutputEntry): string[] {
  return [
    `#### ${o.name} — ${code(o.key)}`,
    '',
    `- **Destinataires** : ${o.recipients}`,
    `- **Ce qu’il montre** : ${o.shows}`,
    `- **Accord de l’entreprise** : ${o.consent}`,
    `- **Conservation** : ${o.retention}`,
    `- **Effacement sur demande** : ${o.erasure}`,
    '',
  ];
}

/** The whole document, as `npm run docs:register` writes it. */
export function renderPersonalDataRegister(): string {
  const lines = [...introduction()];
  lines.push(
    '## 4. Tables et colonnes',
    '',
    'Chaque colonne de chaque table de la base. Celles qui peuvent contenir une donnée personnelle, l’identité d’une entreprise ou un texte libre sont décrites une à une ; les autres sont listées par catégorie.',
    '',
  );
  for (const [model, entry] of Object.entries(PERSONAL_DATA_REGISTER)) lines.push(...table(model, entry));

  lines.push(
    '## 5. Ce que la plateforme envoie : messages et fichiers',
    '',
    'Chaque message que la plateforme doit envoyer est d’abord écrit dans la file d’envoi (`OutboxMessage`, des identifiants seulement), puis rendu depuis les tables au moment de l’envoi. Ceux qui montrent une entreprise ou un contact sont enregistrés une fois postés (`PostedMessage`) pour être mis à jour en place à l’effacement et à l’expiration des données ; les fichiers de données personnelles envoyés sont enregistrés (`ExportFile`) pour être supprimés de Slack.',
    '',
  );
  for (const medium of MEDIUM_ORDER) {
    const inMedium = OUTPUTS.filter((o) => o.medium === medium);
    if (inMedium.length === 0) continue;
    lines.push(`### ${MEDIUM_LABELS[medium]}`, '');
    for (const o of inMedium) lines.push(...output(o));
  }

  lines.push(
    '## 6. L’accord des entreprises, sortie par sortie',
    '',
    'Une entreprise qui n’a pas donné son accord (visite : partage refusé ; alerte : nom refusé) n’est nommée à personne hors de la coordination : ni dans les canaux, ni aux partenaires, ni dans les documents publics. France Travail reçoit son nom pour enregistrer l’offre.',
    '',
  );
  for (const medium of MEDIUM_ORDER) {
    const inMedium = OUTPUTS.filter((o) => o.medium === medium);
    if (inMedium.length === 0) continue;
    lines.push(
      `### ${MEDIUM_LABELS[medium]}`,
      '',
      '| Sortie | Destinataires | Accord de l’entreprise |',
      '| --- | --- | --- |',
    );
    for (const o of inMedium)
      lines.push(
        `| ${cell(o.name)} | ${cell(audiences(o.audiences, 'ceux du message d’origine'))} | ${cell(o.consent)} |`,
      );
    lines.push('');
  }

  lines.push('## 7. Points à confirmer', '', ...PROCESSING.openQuestions.map((q) => `- ${q}`), '');
  return `${lines
    .map((line) => (line.startsWith('> ') ? `> ${prose(line.slice(2))}` : prose(line)))
    .join('\n')
    .trimEnd()}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  writeFileSync(REGISTER_PATH, renderPersonalDataRegister());
  console.log(`Written: ${REGISTER_PATH}`);
}
