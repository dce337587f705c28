// A bare Bolt 5.1 app in HTTP mode that only acks /visite: the least a Node process answering
// Slack costs, to set the platform's start-up and memory beside (bench/startup.bench.ts).
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
});
app.command('/visite', async ({ ack }) => ack());
await app.start(Number(process.env.PORT));
