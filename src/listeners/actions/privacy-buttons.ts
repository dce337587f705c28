import type { AppContext } from '../../context.js';
import { eraseCompanyData } from '../../services/privacy/erasure.js';
import { deleteDueExportFiles } from '../../services/privacy/export-files.js';
import { PRIVACY_TEXTS } from '../../texts/fr.js';
import { buttonListener, idValue } from '../guard.js';
import { ephemeral } from '../shared.js';

/** « Effacer définitivement » (confirmed in Slack): the company's data erased, the clicker told. */
export const eraseCompanyButton = (ctx: AppContext) =>
  buttonListener(ctx, 'eraseCompanyData', idValue, async ({ actor, value: companyId, tell, args }) => {
    const erased = await eraseCompanyData(ctx.db, actor, companyId, ctx.now(), ctx.timeZone);
    // Its messages are updated in place, its export files deleted from Slack.
    void ctx.notifier.kick();
    if (erased?.files) void runPrivacyFiles(ctx);
    const done = erased ? PRIVACY_TEXTS.erase.done(erased) : PRIVACY_TEXTS.erase.alreadyErased;
    if (args.body.response_url) await args.respond({ ...ephemeral(done), replace_original: true });
    else await tell(done, 'notice');
  });

/** The export files due for deletion (those holding the erased company) deleted now; the nightly job retries what fails. */
async function runPrivacyFiles(ctx: AppContext): Promise<void> {
  try {
    await deleteDueExportFiles(ctx.db, ctx.delivery, ctx.now(), ctx.logger);
  } catch (error) {
    ctx.logger.warn({ err: { message: (error as Error).message } }, 'export files not deleted yet');
  }
}
