-- AlterTable
ALTER TABLE "Committee" ADD COLUMN     "agendaPermalink" TEXT;

