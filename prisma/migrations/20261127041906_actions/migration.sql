-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('a_faire', 'en_cours', 'realisee', 'bloquee', 'abandonnee');

-- CreateEnum
CREATE TYPE "ActionTarget" AS ENUM ('entreprise', 'salaries');

-- CreateEnum
CREATE TYPE "ActionOrigin" AS ENUM ('comite', 'alerte', 'ad_hoc');

-- CreateEnum
CREATE TYPE "ActionUpdateKind" AS ENUM ('creation', 'statut', 'note', 'echeance');

-- CreateTable
CREATE TABLE "Action" (
    "id" TEXT NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "stake" "Stake",
    "target" "ActionTarget" NOT NULL,
    "companyId" TEXT NOT NULL,
    "ownerStructureId" TEXT NOT NULL,
    "ownerMemberId" TEXT,
    "dueDate" DATE NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'a_faire',
    "statusNote" TEXT,
    "origin" "ActionOrigin" NOT NULL,
    "alertId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionUpdate" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "kind" "ActionUpdateKind" NOT NULL,
    "fromStatus" "ActionStatus",
    "toStatus" "ActionStatus",
    "fromDue" DATE,
    "toDue" DATE,
    "note" TEXT,

    CONSTRAINT "ActionUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Action_submissionKey_key" ON "Action"("submissionKey");

-- CreateIndex
CREATE INDEX "Action_ownerStructureId_status_idx" ON "Action"("ownerStructureId", "status");

-- CreateIndex
CREATE INDEX "Action_ownerMemberId_status_idx" ON "Action"("ownerMemberId", "status");

-- CreateIndex
CREATE INDEX "Action_companyId_idx" ON "Action"("companyId");

-- CreateIndex
CREATE INDEX "Action_status_dueDate_idx" ON "Action"("status", "dueDate");

-- CreateIndex
CREATE INDEX "ActionUpdate_actionId_at_idx" ON "ActionUpdate"("actionId", "at");

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_ownerStructureId_fkey" FOREIGN KEY ("ownerStructureId") REFERENCES "Structure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_ownerMemberId_fkey" FOREIGN KEY ("ownerMemberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "RecruitmentAlert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionUpdate" ADD CONSTRAINT "ActionUpdate_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionUpdate" ADD CONSTRAINT "ActionUpdate_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

