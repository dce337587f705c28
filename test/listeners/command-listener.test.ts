import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { commandListener, type CommandArgs, type SubmissionArgs } from '../../src/listeners/guard.js';
import { offerSubmission } from '../../src/listeners/views/alert-forms.js';
import { UserError } from '../../src/services/errors.js';
import type { ActorDirectory } from '../../src/services/members.js';
import type { Actor } from '../../src/services/permissions.js';
import { errorText, REFUSALS } from '../../src/texts/fr.js';

/**
 * How every slash command opens (src/listeners/guard.ts commandListener), and the alert forms'
 * role checked before their fields, without Slack or a database.
 */
const coordinator: Actor = {
  memberId: 'M1',
  slackUserId: 'UCOORD',
  structureId: null,
  roles: new Set(['coordinateur']),
};
const capteur: Actor = { memberId: 'M2', slackUserId: 'UCAPT', structureId: 'S1', roles: new Set(['capteur']) };
const lookups: string[] = [];
const ctx = {
  actors: {
    find: async (id: string) => {
      lookups.push(id);
      return [coordinator, capteur].find((a) => a.slackUserId === id) ?? null;
    },
    forget: () => undefined,
  } satisfies ActorDirectory,
  logger: { error: () => undefined, warn: () => undefined } as unknown as Logger,
};

/** A command typed, and what the listener did in order: acked, replied, opened a modal. */
function typed(user: string, text: string) {
  const events: string[] = [];
  const args = {
    ack: async () => void events.push('ack'),
    command: { user_id: user, text, trigger_id: 'T1' },
    respond: async (message: { text: string; response_type?: string }) =>
      void events.push(`${message.response_type}: ${message.text}`),
    client: { views: { open: async () => void events.push('modal') } },
  } as unknown as CommandArgs;
  return { args, events };
}

describe('commandListener', () => {
  it('acks first, cuts the text into a verb (lower case) and the rest (as typed)', async () => {
    const { args, events } = typed(coordinator.slackUserId, '  RGPD export  123 456 ');
    await commandListener(ctx, async ({ text, verb, rest, userId, triggerId }) => {
      events.push('handler');
      expect({ text, verb, rest, userId, triggerId }).toEqual({
        text: 'RGPD export  123 456',
        verb: 'rgpd',
        rest: ['export', '123', '456'],
        userId: coordinator.slackUserId,
        triggerId: 'T1',
      });
    })(args);
    expect(events).toEqual(['ack', 'handler']);
  });

  it('gives an empty verb and no rest when nothing was typed', async () => {
    const { args } = typed(coordinator.slackUserId, '');
    const seen: unknown[] = [];
    await commandListener(ctx, async ({ verb, rest }) => void seen.push({ verb, rest }))(args);
    expect(seen).toEqual([{ verb: '', rest: [] }]);
  });

  it('authorise replies the refusal in French and gives null; the member is looked up once', async () => {
    lookups.length = 0;
    const { args, events } = typed(capteur.slackUserId, 'x');
    await commandListener(ctx, async ({ authorise, member }) => {
      expect(await member()).toBe(capteur);
      expect(await authorise('fileVisit')).toBe(capteur);
      expect(await authorise('exportData')).toBeNull();
    })(args);
    expect(events).toEqual(['ack', `ephemeral: ${REFUSALS.exportData}`]);
    expect(lookups).toEqual([capteur.slackUserId]);
  });

  it('refuses a stranger as not registered, whatever the permission', async () => {
    const { args, events } = typed('USTRANGER', '');
    await commandListener(ctx, async ({ authorise }) => {
      expect(await authorise('anyMember')).toBeNull();
    })(args);
    expect(events).toEqual(['ack', `ephemeral: ${REFUSALS.unknownMember}`]);
  });

  it('replies a service refusal (UserError) in French, after what was replied before it', async () => {
    const { args, events } = typed(coordinator.slackUserId, '');
    await commandListener(ctx, async ({ reply, openModal }) => {
      await reply('Un instant');
      await openModal({ type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] });
      throw new UserError('committee_unknown');
    })(args);
    expect(events).toEqual(['ack', 'ephemeral: Un instant', 'modal', `ephemeral: ${errorText('committee_unknown')}`]);
  });

  it('lets any other error through to the request guard', async () => {
    const { args } = typed(coordinator.slackUserId, '');
    const failing = commandListener(ctx, async () => {
      throw new Error('database down');
    });
    await expect(failing(args)).rejects.toThrow('database down');
  });
});

describe('the alert forms', () => {
  it('refuse a member without the role before reading the form (no field errors shown to them)', async () => {
    const acks: unknown[] = [];
    const args = {
      ack: async (response?: unknown) => void acks.push(response),
      body: { user: { id: capteur.slackUserId } },
      view: { private_metadata: '{}', state: { values: {} } },
    } as unknown as SubmissionArgs;
    await offerSubmission(ctx as unknown as AppContext)(args);
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(acks[0])).toContain(REFUSALS.recordOffers);
  });
});
