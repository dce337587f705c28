import type { AppContext } from '../context.js';
import { recordExportFiles, type ExportFileKind } from '../services/privacy/export-files.js';
import { recordPosted } from '../services/privacy/posted-messages.js';

/**
 * A file for one person only (`export`, `rgpd export`): in their conversation with the app (a
 * message opens or finds it, the file goes under it), never in the channel where the command was
 * typed. It holds personal data: recorded with the companies it holds, to be deleted from Slack
 * after its retention period (or when one of them is erased); its note too, when it names the
 * company. False when Slack refused it (logged).
 */
export async function sendFileToPerson(
  ctx: AppContext,
  slackUserId: string,
  text: string,
  upload: { file: Buffer; filename: string; title: string },
  holds: { kind: ExportFileKind; companyIds: string[]; noteNamesCompany?: boolean },
): Promise<boolean> {
  try {
    const note = await ctx.delivery.chat.postMessage({ channel: slackUserId, text });
    if (holds.noteNamesCompany)
      await recordPosted(
        ctx.db,
        { channel: note.channel!, ts: note.ts! },
        { kind: holds.kind, data: {}, companyIds: holds.companyIds },
      );
    const uploaded = await ctx.delivery.filesUploadV2({
      channel_id: note.channel!,
      thread_ts: note.ts!,
      file_uploads: [upload],
    });
    const fileIds = uploaded.files.flatMap((completed) =>
      (completed.files ?? []).map((f) => f.id).filter((id): id is string => typeof id === 'string'),
    );
    await recordExportFiles(
      ctx.db,
      { fileIds, kind: holds.kind, slackUserId, companyIds: holds.companyIds },
      ctx.now(),
      ctx.privacy.exportFileDays,
    );
    return true;
  } catch (error) {
    ctx.logger.warn({ err: { message: (error as Error).message } }, 'file not sent');
    return false;
  }
}
