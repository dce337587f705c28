import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AppContext } from '../src/context.js';
import { listenerTables } from '../src/listeners/index.js';
import { COMMANDS } from '../src/slack/ids.js';

const raw = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');
const manifest = parse(raw) as {
  features: { slash_commands: { command: string; description: string }[]; app_home: { home_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
};

/** The app's listeners, by kind and Slack id (src/listeners/index.ts), to see exactly what is wired. */
function registered() {
  const t = listenerTables({} as AppContext);
  const ids = (table: { byId: Map<string, unknown> }) => [...table.byId.keys()];
  return {
    command: ids(t.commands),
    event: ids(t.events),
    view: ids(t.views),
    action: ids(t.actions),
    options: ids(t.options),
  };
}

describe('manifest.yml', () => {
  it('declares exactly the commands the app listens to', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual(registered().command.sort());
    expect(declared).toEqual(Object.values(COMMANDS).sort());
  });

  it('subscribes to exactly the events the app listens to', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(registered().event.sort());
  });

  it('enables what the listeners need: App Home, interactivity (modals, buttons, type-ahead), Socket Mode', () => {
    const seen = registered();
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(seen.view.length + seen.action.length + seen.options.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('explains every bot scope with a comment just above it', () => {
    const lines = raw.split('\n');
    for (const scope of manifest.oauth_config.scopes.bot) {
      const at = lines.findIndex((l) => l.trim() === `- ${scope}`);
      expect(at, scope).toBeGreaterThan(0);
      expect(lines[at - 1]!.trim(), `comment above ${scope}`).toMatch(/^#\s+\S/);
    }
  });

  it('gives every command a French description within Slack limits', () => {
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length, c.command).toBeLessThanOrEqual(100);
      expect(c.command).toMatch(/^\/[a-z-]+$/);
    }
  });
});
