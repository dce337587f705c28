-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "textsExpiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "namedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PostedMessage" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "showsContacts" BOOLEAN NOT NULL DEFAULT false,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redactedAt" TIMESTAMP(3),

    CONSTRAINT "PostedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostedMessageCompany" (
    "messageId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,

    CONSTRAINT "PostedMessageCompany_pkey" PRIMARY KEY ("messageId","companyId")
);

-- CreateTable
CREATE TABLE "ExportFile" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,
    "deleteAfter" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ExportFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportFileCompany" (
    "fileId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,

    CONSTRAINT "ExportFileCompany_pkey" PRIMARY KEY ("fileId","companyId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PostedMessage_channel_ts_key" ON "PostedMessage"("channel", "ts");

-- CreateIndex
CREATE INDEX "PostedMessageCompany_companyId_idx" ON "PostedMessageCompany"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "ExportFile_fileId_key" ON "ExportFile"("fileId");

-- CreateIndex
CREATE INDEX "ExportFile_deletedAt_deleteAfter_idx" ON "ExportFile"("deletedAt", "deleteAfter");

-- CreateIndex
CREATE INDEX "ExportFileCompany_companyId_idx" ON "ExportFileCompany"("companyId");

-- AddForeignKey
ALTER TABLE "PostedMessageCompany" ADD CONSTRAINT "PostedMessageCompany_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PostedMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostedMessageCompany" ADD CONSTRAINT "PostedMessageCompany_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportFileCompany" ADD CONSTRAINT "ExportFileCompany_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ExportFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportFileCompany" ADD CONSTRAINT "ExportFileCompany_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

