import type { Logger } from 'pino';
import { audit } from '../audit.js';
import type { Db } from '../db.js';

/**
 * Files of personal data the platform sent in Slack (a period export, a company's data for its
 * right of access): recorded when sent, deleted from Slack when their retention period is over
 * (or at once when a company they hold is erased), by the nightly job, retried until Slack takes
 * the deletion.
 */
export type ExportFileKind = 'export_periode' | 'export_rgpd' | 'cibles_proposees';

export async function recordExportFiles(
  db: Db,
  files: { fileIds: string[]; kind: ExportFileKind; slackUserId: string; companyIds: string[] },
  now: Date,
  retentionDays: number,
): Promise<void> {
  const deleteAfter = new Date(now.getTime() + retentionDays * 86_400_000);
  const companyIds = [...new Set(files.companyIds)];
  for (const fileId of files.fileIds) {
    const file = await db.exportFile.upsert({
      where: { fileId },
      create: { fileId, kind: files.kind, slackUserId: files.slackUserId, uploadedAt: now, deleteAfter },
      update: {},
      select: { id: true },
    });
    await db.exportFileCompany.createMany({
      data: companyIds.map((companyId) => ({ fileId: file.id, companyId })),
      skipDuplicates: true,
    });
  }
}

/** What deletes a file in Slack: the delivery client's files.delete. */
export interface FileDeleter {
  files: { delete(args: { file: string }): Promise<unknown> };
}

/** Slack's answers that mean the file is no longer there: done. */
const GONE = new Set(['file_not_found', 'file_deleted']);

/**
 * Deletes from Slack the export files due (their period over, or a company they hold erased).
 * A file Slack could not delete now stays due and is tried again at the next run; one already
 * gone counts as deleted. Returns how many were deleted.
 */
export async function deleteDueExportFiles(db: Db, slack: FileDeleter, now: Date, logger?: Logger): Promise<number> {
  const due = await db.exportFile.findMany({
    where: { deletedAt: null, deleteAfter: { lte: now } },
    orderBy: { deleteAfter: 'asc' },
    take: 200,
    select: { id: true, fileId: true },
  });
  let deleted = 0;
  for (const file of due) {
    try {
      await slack.files.delete({ file: file.fileId });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (!code || !GONE.has(code)) {
        logger?.warn(
          { exportFileId: file.id, reason: code ?? (error as Error).message },
          'export file not deleted yet',
        );
        continue;
      }
    }
    const { count } = await db.exportFile.updateMany({
      where: { id: file.id, deletedAt: null },
      data: { deletedAt: now },
    });
    deleted += count;
  }
  if (deleted > 0)
    await audit(db, {
      actorSlackId: null,
      action: 'privacy.export_files_deleted',
      entity: 'ExportFile',
      details: { deleted },
    });
  return deleted;
}
