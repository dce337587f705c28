-- AlterTable
ALTER TABLE "RecruitmentAlert" ADD COLUMN     "visitId" TEXT;

-- CreateIndex
CREATE INDEX "RecruitmentAlert_visitId_idx" ON "RecruitmentAlert"("visitId");

-- AddForeignKey
ALTER TABLE "RecruitmentAlert" ADD CONSTRAINT "RecruitmentAlert_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

