-- AlterTable
ALTER TABLE "ActionUpdate" ADD COLUMN     "submissionKey" TEXT;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "uploadingUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Committee" ADD COLUMN     "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ActionUpdate_submissionKey_key" ON "ActionUpdate"("submissionKey");

-- CreateIndex
CREATE UNIQUE INDEX "Committee_submissionKey_key" ON "Committee"("submissionKey");

