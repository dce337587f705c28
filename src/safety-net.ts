import type { Logger } from 'pino';

/**
 * The process's last safety net, once the app has started: a promise rejected with nobody to
 * catch it (a request's stray work, a library's detached callback) is logged and the process
 * keeps serving — one malformed request must never end it for everyone (DESIGN §6). Installed
 * only after start-up: a fault while starting (database, configuration, port) still stops the
 * process with its error. Returns the uninstaller.
 */
export function keepServingOnStrayRejections(logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    // The error only: a request's data may hold personal data.
    logger.error(
      { err: { message: error.message, stack: error.stack } },
      'unhandled rejection (the process keeps running)',
    );
  };
  process.on('unhandledRejection', onRejection);
  return () => void process.off('unhandledRejection', onRejection);
}
