import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { serialiseLargeArgumentsOnce, withLargeArgumentsSerialised } from '../../src/slack/web-api-arguments.js';
import { visitReportModal } from '../../src/views/modals/visit-report.js';

/** The form body the client would send (its own serialisation, as for the wire). */
function body(options: Record<string, unknown>): string {
  const client = new WebClient('xoxb-test');
  const { serializedBody } = (
    client as unknown as { serializeBody(d: Record<string, unknown>): { serializedBody: unknown } }
  ).serializeBody(options);
  return String(serializedBody);
}

describe('the Web API client handed views and blocks already serialised', () => {
  const view = visitReportModal({ submissionKey: 'k-1', today: '2026-12-05' });
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Relais à *France Travail* — « é » & "x"' } }];

  it('sends exactly the same body', () => {
    for (const options of [
      { trigger_id: '123.456', view },
      { channel: 'C1', text: 'Relais', blocks },
      { channel: 'C1', text: 'sans blocs' },
    ]) {
      const serialised = withLargeArgumentsSerialised(options);
      expect(body(serialised)).toBe(body(options));
    }
  });

  it('serialises only objects, leaves the caller’s arguments untouched, and passes other calls as they are', () => {
    const options = { channel: 'C1', text: 'Relais', blocks };
    const serialised = withLargeArgumentsSerialised(options);
    expect(serialised).not.toBe(options);
    expect(typeof serialised.blocks).toBe('string');
    expect(options.blocks).toBe(blocks);
    const plain = { channel: 'C1', text: 'x' };
    expect(withLargeArgumentsSerialised(plain)).toBe(plain);
    const already = { trigger_id: '1', view: JSON.stringify(view) };
    expect(withLargeArgumentsSerialised(already)).toBe(already);
  });

  it('is installed once on the class, whoever builds the client', async () => {
    serialiseLargeArgumentsOnce();
    const patched = WebClient.prototype.apiCall;
    serialiseLargeArgumentsOnce();
    expect(WebClient.prototype.apiCall).toBe(patched);
    // A client calls with the serialised arguments: seen by a client whose request is intercepted.
    const seen: Record<string, unknown>[] = [];
    const client = new WebClient('xoxb-test');
    (client as unknown as { makeRequest: (u: string, b: Record<string, unknown>) => Promise<unknown> }).makeRequest =
      async (_url, sent) => {
        seen.push(sent);
        return new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } });
      };
    await client.views.open({ trigger_id: '123.456', view });
    expect(typeof seen[0]?.view).toBe('string');
    expect(JSON.parse(seen[0]!.view as string)).toEqual(view);
  });
});
