import { schedule, type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.js';

/**
 * Scheduled work, in the platform's time zone. Each job is idempotent and also runs at start-up,
 * so work missed while the app was down is caught up at once.
 */
export function startJobs(ctx: AppContext): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = [
    // Owed messages that could not be sent at once (Slack down, rate limit): retried with backoff.
    // Several instances may run it: each message is claimed by one (services/outbox.ts).
    schedule('* * * * *', () => ctx.notifier.kick(), { timezone: ctx.timeZone, name: 'outbox', noOverlap: true }),
  ];
  void ctx.notifier.kick();
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
