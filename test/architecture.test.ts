import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the import graph (.dependency-cruiser.cjs) cannot see: a listener holds the database
 * handle (ctx.db) to pass it to services, and must not query it itself.
 */
const LISTENERS = 'src/listeners';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** `ctx.db.visit.findMany(`, `db.$transaction(`, `ctx.db.$queryRaw`: a model or client call on the handle. */
function directDatabaseCalls(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...code.matchAll(/\b(?:ctx\.)?db\.(?:\$\w+|[a-z]\w*\.\w+)\s*\(/g)].map((m) => m[0]);
}

describe('layers the import graph cannot see', () => {
  it('finds a direct call when there is one (the check can fail)', () => {
    expect(directDatabaseCalls('const x = await ctx.db.agendaItem.count({ where });')).toEqual([
      'ctx.db.agendaItem.count(',
    ]);
    expect(directDatabaseCalls('await ctx.db.$transaction(async (tx) => {});')).toEqual(['ctx.db.$transaction(']);
    expect(directDatabaseCalls('await getProgramme(ctx.db, id); // ctx.db.visit.findMany( in a comment')).toEqual([]);
  });

  it('listeners reach the database through services only', () => {
    const files = sources(LISTENERS);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => directDatabaseCalls(readFileSync(file, 'utf8')).map((c) => `${file}: ${c}`));
    expect(found).toEqual([]);
  });
});
