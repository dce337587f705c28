import { describe, expect, it } from 'vitest';
import { buttonListener, idValue, type ButtonArgs } from '../../src/listeners/guard.js';
import { UserError } from '../../src/services/errors.js';
import type { ActorDirectory } from '../../src/services/members.js';
import type { Actor } from '../../src/services/permissions.js';
import { errorText, REFUSALS } from '../../src/texts/fr.js';

/** How every button opens (src/listeners/guard.ts buttonListener), without Slack or a database. */
const coordinator: Actor = {
  memberId: 'M1',
  slackUserId: 'UCOORD',
  structureId: null,
  roles: new Set(['coordinateur']),
};
const ctx = {
  actors: {
    find: async (id: string) => (id === coordinator.slackUserId ? coordinator : null),
    forget: () => undefined,
  } satisfies ActorDirectory,
};
const ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

/** A click, and what the listener did in order: acked, answered under the message, opened a modal. */
function click(user: string, value: string, where: 'message' | 'home' = 'message') {
  const events: string[] = [];
  const args = {
    ack: async () => void events.push('ack'),
    body: {
      user: { id: user },
      trigger_id: 'T1',
      ...(where === 'message' ? { response_url: 'https://hooks.example/r' } : {}),
    },
    action: { type: 'button', action_id: 'a', block_id: 'b', value },
    respond: async (message: { text: string }) => void events.push(`respond: ${message.text}`),
    client: {
      views: { open: async (opened: { view: unknown }) => void events.push(`modal: ${JSON.stringify(opened.view)}`) },
    },
  } as unknown as ButtonArgs;
  return { args, events };
}

describe('buttonListener', () => {
  it('acks first, then refuses an unknown member in French under the message, the handler not called', async () => {
    const handled: string[] = [];
    const { args, events } = click('USTRANGER', ID);
    await buttonListener(ctx, 'runCommittees', idValue, async () => void handled.push('handler'))(args);
    expect(events).toEqual(['ack', `respond: ${REFUSALS.unknownMember}`]);
    expect(handled).toEqual([]);
  });

  it('says the refusal of the permission in a small modal where there is no message (App Home)', async () => {
    const { args, events } = click(coordinator.slackUserId, ID, 'home');
    await buttonListener(ctx, 'eraseCompanyData', idValue, async () => undefined)(args);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatch(/^modal: /);
    expect(events[1]).toContain(REFUSALS.eraseCompanyData);
  });

  it("with refuseIn: 'modal', refuses in a modal even under a message", async () => {
    const { args, events } = click('USTRANGER', ID);
    await buttonListener(ctx, 'administer', idValue, async () => undefined, { refuseIn: 'modal' })(args);
    expect(events[1]).toMatch(/^modal: /);
    expect(events[1]).toContain(REFUSALS.unknownMember);
  });

  it("'anyMember' lets every registered member through, and only them", async () => {
    const seen: string[] = [];
    const listener = buttonListener(ctx, 'anyMember', idValue, async ({ actor }) => void seen.push(actor.memberId));
    await listener(click(coordinator.slackUserId, ID).args);
    const stranger = click('USTRANGER', ID);
    await listener(stranger.args);
    expect(seen).toEqual([coordinator.memberId]);
    expect(stranger.events[1]).toBe(`respond: ${REFUSALS.unknownMember}`);
  });

  it('gives the handler the actor and the value read, and says a service refusal (UserError) to the clicker', async () => {
    const { args, events } = click(coordinator.slackUserId, ID);
    await buttonListener(ctx, 'runCommittees', idValue, async ({ actor, value, openModal }) => {
      expect(actor).toBe(coordinator);
      expect(value).toBe(ID);
      await openModal({ type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] });
      throw new UserError('committee_unknown');
    })(args);
    expect(events[0]).toBe('ack');
    expect(events[1]).toMatch(/^modal: /);
    expect(events[2]).toBe(`respond: ${errorText('committee_unknown')}`);
  });

  it('throws on a forged value once acked (the request guard answers it), the handler not called', async () => {
    const handled: string[] = [];
    const { args, events } = click(coordinator.slackUserId, 'pas-un-uuid');
    await expect(
      buttonListener(ctx, 'runCommittees', idValue, async () => void handled.push('handler'))(args),
    ).rejects.toThrow();
    expect(events).toEqual(['ack']);
    expect(handled).toEqual([]);
  });

  it('lets any other error through to the request guard', async () => {
    const { args } = click(coordinator.slackUserId, ID);
    const failing = buttonListener(ctx, 'runCommittees', idValue, async () => {
      throw new Error('database down');
    });
    await expect(failing(args)).rejects.toThrow('database down');
  });
});
