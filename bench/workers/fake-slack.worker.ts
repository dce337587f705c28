// The fake Slack Web API in its own thread, as Slack is another machine in production: its
// work does not compete with the app's event loop. Reports each views.open as it arrives, and
// each alert page (a chat.postMessage carrying a bench marker) to the coordinator.
import { parentPort } from 'node:worker_threads';
import { startFakeSlack } from '../../src/simulator/fake-slack.js';

const fake = await startFakeSlack();
const origin = performance.timeOrigin;
const seen = fake.calls;
// Forward calls as they are recorded, with an absolute time comparable across threads.
setInterval(() => {
  while (seen.length > 0) {
    const call = seen.shift()!;
    if (call.method === 'views.open') parentPort!.postMessage({ trigger: call.args.trigger_id, at: origin + call.at });
    if (call.method === 'chat.postMessage' && call.args.channel === 'UBENCHCOORD') {
      const marker = /bench-alert-\d+/.exec(JSON.stringify(call.args.blocks))?.[0];
      if (marker) parentPort!.postMessage({ trigger: marker, at: origin + call.at });
    }
  }
  fake.responses.length = 0;
}, 1).unref();
parentPort!.postMessage({ url: fake.url, responseUrl: fake.responseUrl() });
parentPort!.on('message', async (m) => {
  if (m === 'close') {
    await fake.close();
    process.exit(0);
  }
});
