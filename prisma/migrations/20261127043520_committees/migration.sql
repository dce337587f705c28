-- CreateEnum
CREATE TYPE "CommitteeStatus" AS ENUM ('planned', 'agenda_published', 'held', 'closed');

-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "agendaItemId" TEXT,
ADD COLUMN     "committeeId" TEXT;

-- CreateTable
CREATE TABLE "Committee" (
    "id" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "channelId" TEXT NOT NULL,
    "status" "CommitteeStatus" NOT NULL DEFAULT 'planned',
    "agendaPublishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Committee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "committeeId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "broughtById" TEXT,
    "decision" TEXT,
    "noFollowUp" BOOLEAN NOT NULL DEFAULT false,
    "channelId" TEXT,
    "messageTs" TEXT,
    "informedAt" TIMESTAMP(3),
    "informedHow" TEXT,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItemVisit" (
    "agendaItemId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,

    CONSTRAINT "AgendaItemVisit_pkey" PRIMARY KEY ("agendaItemId","visitId")
);

-- CreateIndex
CREATE INDEX "Committee_status_scheduledAt_idx" ON "Committee"("status", "scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_committeeId_companyId_key" ON "AgendaItem"("committeeId", "companyId");

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Committee" ADD CONSTRAINT "Committee_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_broughtById_fkey" FOREIGN KEY ("broughtById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItemVisit" ADD CONSTRAINT "AgendaItemVisit_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItemVisit" ADD CONSTRAINT "AgendaItemVisit_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

