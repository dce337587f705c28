import { WebClient } from '@slack/web-api';

/**
 * A workaround for @slack/web-api 8.2 (the latest): before every call, whatever the log level, the
 * client builds its debug lines eagerly — `redact()` walks the arguments key by key (a regular
 * expression per key) and JSON.stringify serialises the copy — and then serialises each object
 * argument again for the form body. A modal's `view` or a message's `blocks` are by far the largest
 * arguments: this was 6–11 % of the app's CPU in `npm run bench:profile` (BENCHMARKS.md, issue 15).
 * No option, logger or hook of the client avoids it (its template strings are evaluated before the
 * logger is called).
 *
 * Handing the client those two arguments already serialised changes nothing on the wire — the
 * client sends a string argument as it is, and an object as its JSON.stringify — while redact()
 * and the debug line see one string instead of an object tree. Installed once, on the class, so
 * it covers the clients Bolt builds for listeners as well as the delivery client.
 * test/slack/web-api-arguments.test.ts proves the bodies identical.
 */
const SERIALISED_ONCE = ['view', 'blocks'] as const;

/** The call's arguments with `view` and `blocks` as JSON strings; the same object when there is nothing to do. */
export function withLargeArgumentsSerialised<T extends object>(options: T): T {
  let copy: Record<string, unknown> | undefined;
  for (const key of SERIALISED_ONCE) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      copy ??= { ...(options as Record<string, unknown>) };
      copy[key] = JSON.stringify(value);
    }
  }
  return (copy as T | undefined) ?? options;
}

let installed = false;

/** Installs the workaround on WebClient (idempotent). */
export function serialiseLargeArgumentsOnce(): void {
  if (installed) return;
  installed = true;
  const apiCall = WebClient.prototype.apiCall;
  WebClient.prototype.apiCall = function (this: WebClient, method, options) {
    // files.uploadV2 reads its file arguments itself; a string or nothing is passed on as it is.
    if (method === 'files.uploadV2' || options === null || typeof options !== 'object')
      return apiCall.call(this, method, options);
    return apiCall.call(this, method, withLargeArgumentsSerialised(options));
  };
}
