-- AlterTable
ALTER TABLE "Company" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RecruitmentAlert" ADD COLUMN     "anonymisedAt" TIMESTAMP(3);

