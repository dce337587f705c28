import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { ACTION_IDEMPOTENCY, VIEW_IDEMPOTENCY } from '../../src/listeners/idempotency.js';
import { listenerTables } from '../../src/listeners/index.js';

/** Every registered form and button says what makes it safe to receive twice (src/listeners/idempotency.ts). */
function registered() {
  const t = listenerTables({ logger: { error: () => undefined } } as unknown as AppContext);
  return { views: [...t.views.byId.keys()], actions: [...t.actions.byId.keys()] };
}

describe('the list of idempotency keys', () => {
  const { views, actions } = registered();

  it('covers every registered view callback, and names nothing that is not registered', () => {
    expect(views.length).toBeGreaterThan(10);
    expect(Object.keys(VIEW_IDEMPOTENCY).sort()).toEqual([...new Set(views)].sort());
  });

  it('covers every registered action id, and names nothing that is not registered', () => {
    expect(actions.length).toBeGreaterThan(20);
    expect(Object.keys(ACTION_IDEMPOTENCY).sort()).toEqual([...new Set(actions)].sort());
  });

  it('says for each one which key makes it so', () => {
    for (const how of [...Object.values(VIEW_IDEMPOTENCY), ...Object.values(ACTION_IDEMPOTENCY)]) {
      expect(how).toMatch(/^(submission key|state guard|natural key|no write):/);
    }
  });
});
