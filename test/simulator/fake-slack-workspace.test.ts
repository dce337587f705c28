import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileBytes, startFakeSlack, type FakeSlack } from '../../src/simulator/fake-slack.js';

/** The fake Slack keeps what a client shows, from the calls the app makes. */
let fake: FakeSlack;
let client: WebClient;
beforeAll(async () => {
  fake = await startFakeSlack();
  client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

describe('the fake Slack’s workspace', () => {
  it('keeps messages in their conversations, updated in place, and a person’s ephemeral answers', async () => {
    const posted = await client.chat.postMessage({
      channel: 'U123',
      text: 'Bonjour',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Bonjour' } }],
    });
    expect(posted.channel).toBe('D123');
    await client.chat.update({ channel: 'D123', ts: posted.ts!, text: 'Bonsoir', blocks: [] });
    expect(fake.workspace.messages).toEqual([
      { channel: 'D123', ts: posted.ts, text: 'Bonsoir', blocks: [], edited: true },
    ]);
    // An answer to a command through its response_url is the person's alone; a click's may replace its message.
    await fetch(fake.workspace.responseUrl('U123', 'C9'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Pour vous', response_type: 'ephemeral' }),
    });
    const ephemeral = fake.workspace.messages.at(-1)!;
    expect(ephemeral).toMatchObject({ channel: 'C9', text: 'Pour vous', ephemeralTo: 'U123' });
    await fetch(fake.workspace.responseUrl('U123', 'C9', ephemeral.ts), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Remplacé', replace_original: true }),
    });
    expect(fake.workspace.messages.at(-1)).toMatchObject({ text: 'Remplacé', edited: true });
    await fetch(fake.workspace.responseUrl('U123', 'C9', ephemeral.ts), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delete_original: true }),
    });
    expect(fake.workspace.messages.filter((m) => m.channel === 'C9')).toEqual([]);
  });

  it('keeps each person’s modals as a stack, and their App Home', async () => {
    const trigger = fake.workspace.trigger('U7');
    const opened = await client.views.open({
      trigger_id: trigger,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Un' }, blocks: [] },
    });
    await client.views.push({
      trigger_id: trigger,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Deux' }, blocks: [] },
    });
    await client.views.update({
      view_id: opened.view!.id!,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Un bis' }, blocks: [] },
    });
    expect(fake.workspace.modals.get('U7')!.map((v) => (v.view.title as { text: string }).text)).toEqual([
      'Un bis',
      'Deux',
    ]);
    await client.views.publish({ user_id: 'U7', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(fake.workspace.homes.get('U7')).toEqual({ type: 'home', blocks: [{ type: 'divider' }] });
  });

  it('keeps uploaded files with their bytes, and can be slow on demand', async () => {
    await client.filesUploadV2({
      channel_id: 'C42',
      initial_comment: 'Le rapport',
      file_uploads: [{ file: Buffer.from('%PDF-1.7 contenu'), filename: 'rapport.pdf', title: 'Rapport' }],
    });
    const message = fake.workspace.messages.at(-1)!;
    expect(message).toMatchObject({
      channel: 'C42',
      text: 'Le rapport',
      files: [{ title: 'Rapport', filename: 'rapport.pdf' }],
    });
    expect(fake.workspace.files.get(message.files![0]!.id)!.bytes.toString()).toBe('%PDF-1.7 contenu');
    expect(
      fileBytes(
        Buffer.from('--b\r\nContent-Type: x\r\n\r\nABC\r\n--b--'),
        'multipart/form-data; boundary=b',
      ).toString(),
    ).toBe('ABC');

    fake.delayNext('chat.postMessage', 1, 300);
    let start = Date.now();
    await client.chat.postMessage({ channel: 'C1', text: 'lent' });
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    start = Date.now();
    await client.chat.postMessage({ channel: 'C1', text: 'rapide' });
    expect(Date.now() - start).toBeLessThan(250);
  });
});
