import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { ListenerTable, listenerTables } from '../../src/listeners/index.js';

/**
 * Bolt is given one listener per kind, which finds the request's own (issue 15): it must answer
 * exactly the ids Bolt's string constraints answered, each with its own listener, and nothing else.
 */
describe('the listener tables', () => {
  it('hand each request to the listener of its id, and leave an unknown id to Bolt as before', async () => {
    const table = new ListenerTable<{ id: string }>('action', (a) => a.id);
    const seen: string[] = [];
    table.on('visit.open', async (a: { id: string }) => void seen.push(`open ${a.id}`));
    table.on('visit_open', async (a: { id: string }) => void seen.push(`underscore ${a.id}`));
    const pattern = table.pattern();
    expect(pattern.test('visit.open')).toBe(true);
    expect(pattern.test('visit_open')).toBe(true);
    // Exactly the ids: no prefix, no suffix, a dot is a dot.
    expect(pattern.test('visitXopen')).toBe(false);
    expect(pattern.test('visit.open.more')).toBe(false);
    expect(pattern.test('xvisit_open')).toBe(false);
    await table.dispatch()({ id: 'visit_open' });
    await table.dispatch()({ id: 'visit.open' });
    await table.dispatch()({ id: 'unknown' });
    expect(seen).toEqual(['underscore visit_open', 'open visit.open']);
  });

  it('refuse a second listener for one id (Bolt would have run both)', () => {
    const table = new ListenerTable<{ id: string }>('view', (a) => a.id);
    table.on('form', () => undefined);
    expect(() => table.on('form', () => undefined)).toThrow('two view listeners for form');
  });

  it('hold every command, form, button, type-ahead and event of the app, each pattern matching all of its ids', () => {
    const t = listenerTables({ logger: { error: () => undefined } } as unknown as AppContext);
    expect(t.commands.byId.size).toBe(6);
    expect(t.views.byId.size).toBeGreaterThan(15);
    expect(t.actions.byId.size).toBeGreaterThan(30);
    expect(t.options.byId.size).toBe(4);
    expect([...t.events.byId.keys()]).toEqual(['app_home_opened']);
    for (const table of [t.commands, t.views, t.actions, t.options])
      for (const id of table.byId.keys()) expect(table.pattern().test(id)).toBe(true);
  });
});
