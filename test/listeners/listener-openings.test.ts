import { describe, expect, it } from 'vitest';
import type { Logger } from 'pino';
import {
  buttonListener,
  idValue,
  submissionListener,
  type ButtonArgs,
  type SubmissionArgs,
} from '../../src/listeners/guard.js';
import { UserError } from '../../src/services/errors.js';
import type { ActorDirectory } from '../../src/services/members.js';
import type { Actor } from '../../src/services/permissions.js';
import { errorText, INCIDENTS, REFUSALS } from '../../src/texts/fr.js';

/**
 * How every button and form opens (src/listeners/guard.ts buttonListener, submissionListener),
 * without Slack or a database.
 */
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
  logger: { error: () => undefined } as unknown as Logger,
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

/** A submission, and every answer the listener acked with. */
function submit(user: string) {
  const acks: unknown[] = [];
  const args = {
    ack: async (response?: unknown) => void acks.push(response),
    body: { user: { id: user } },
    view: { private_metadata: '{}', state: { values: {} } },
  } as unknown as SubmissionArgs;
  return { args, acks };
}

const shown = (ack: unknown) => JSON.stringify(ack);

describe('submissionListener', () => {
  it('replaces the modal with the refusal, the handler not called', async () => {
    const handled: string[] = [];
    const { args, acks } = submit('USTRANGER');
    await submissionListener(ctx, 'runCommittees', 'field', async () => void handled.push('handler'))(args);
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ response_action: 'update' });
    expect(shown(acks[0])).toContain(REFUSALS.unknownMember);
    expect(handled).toEqual([]);
  });

  it('gives the handler the actor, and shows a service refusal (UserError) in place of the modal', async () => {
    const { args, acks } = submit(coordinator.slackUserId);
    await submissionListener(ctx, 'runCommittees', 'field', async ({ actor }) => {
      expect(actor).toBe(coordinator);
      throw new UserError('committee_unknown');
    })(args);
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ response_action: 'update' });
    expect(shown(acks[0])).toContain(errorText('committee_unknown'));
  });

  it('acks once: a UserError after the handler acked goes to the request guard', async () => {
    const { args, acks } = submit(coordinator.slackUserId);
    const late = submissionListener(ctx, 'runCommittees', 'field', async ({ ack }) => {
      await ack();
      throw new UserError('committee_unknown');
    });
    await expect(late(args)).rejects.toThrow('committee_unknown');
    expect(acks).toEqual([undefined]);
  });

  it('keeps the modal open with the incident on its field when anything else fails before the ack', async () => {
    const { args, acks } = submit(coordinator.slackUserId);
    await submissionListener(ctx, 'runCommittees', 'field', async () => {
      throw new Error('database down');
    })(args);
    expect(acks).toEqual([{ response_action: 'errors', errors: { field: INCIDENTS.formNotSaved } }]);
  });
});
