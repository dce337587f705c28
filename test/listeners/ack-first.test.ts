import { describe, expect, it } from 'vitest';
import { ackFirst } from '../../src/listeners/guard.js';

/** A stand-in for a listener: ack, then synchronous "slow work", then an await, then more work. */
function listener(name: string, events: string[]) {
  return async () => {
    await ackFirst(async () => void events.push(`ack ${name}`));
    events.push(`work ${name}`);
    await Promise.resolve();
    events.push(`more ${name}`);
  };
}

describe('ackFirst', () => {
  it('sends every pending ack before any slow work starts', async () => {
    const events: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((n) => listener(n, events)()));
    expect(events.slice(0, 3)).toEqual(['ack a', 'ack b', 'ack c']);
  });

  it('gives slow work one turn per event-loop iteration, so a request arriving meanwhile is acked first', async () => {
    const events: string[] = [];
    const running = [listener('a', events)(), listener('b', events)()];
    // A new request arrives while a's turn is being taken: it is read (and acked) before b's turn.
    setImmediate(() => void running.push(listener('late', events)()));
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all(running);
    expect(events.indexOf('ack late')).toBeLessThan(events.indexOf('work b'));
    expect(events.indexOf('more a')).toBeLessThan(events.indexOf('work b'));
    expect(events.filter((e) => e.startsWith('work'))).toEqual(['work a', 'work b', 'work late']);
  });
});
