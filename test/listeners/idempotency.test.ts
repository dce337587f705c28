import { describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import type { AppContext } from '../../src/context.js';
import { ACTION_IDEMPOTENCY, VIEW_IDEMPOTENCY } from '../../src/listeners/idempotency.js';
import { registerListeners } from '../../src/listeners/index.js';

/** Every registered form and button says what makes it safe to receive twice (src/listeners/idempotency.ts). */
function registered() {
  const views: string[] = [];
  const actions: string[] = [];
  const app = {
    command: () => undefined,
    view: (id: unknown) => void views.push(String(id)),
    action: (id: unknown) => void actions.push(String(id)),
    options: () => undefined,
    event: () => undefined,
  } as unknown as App;
  registerListeners(app, { logger: { error: () => undefined } } as unknown as AppContext);
  return { views, actions };
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
