/**
 * Writes the next migration: the SQL that takes the committed schema (HEAD:prisma/schema.prisma,
 * which test/db/migrations.test.ts proves equal to the migrations) to the working schema.prisma.
 * Usage: npm run db:migration -- add_committees
 * Prisma's own `migrate dev` / `--from-migrations` need a shadow database that its offline
 * JavaScript engine cannot provide, hence this detour through two schema files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name_in_snake_case>');
  process.exit(2);
}
const previous = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.prisma');
writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' }));
const sql = execFileSync(
  './scripts/prisma.sh',
  ['migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.error('schema.prisma has no change since HEAD: no migration written.');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join('prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
console.log(`Wrote ${dir}/migration.sql — read it, then commit it with schema.prisma.`);
