-- AlterTable
ALTER TABLE "VisitHiringNeed" ADD COLUMN     "rank" INTEGER NOT NULL DEFAULT 0;
