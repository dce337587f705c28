-- CreateEnum
CREATE TYPE "AlertState" AS ENUM ('signalee', 'prise_en_charge', 'transmise', 'offre_enregistree', 'diffusee', 'cloturee');

-- CreateEnum
CREATE TYPE "AlertOutcome" AS ENUM ('pourvue', 'annulee', 'sans_suite');

-- CreateEnum
CREATE TYPE "ContractType" AS ENUM ('cdi', 'cdd', 'interim', 'alternance', 'saisonnier', 'autre');

-- CreateTable
CREATE TABLE "RecruitmentAlert" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "capteurId" TEXT NOT NULL,
    "structureId" TEXT,
    "urgency" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "consentToName" BOOLEAN NOT NULL,
    "state" "AlertState" NOT NULL DEFAULT 'signalee',
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "lateAt" TIMESTAMP(3),
    "coordinatorId" TEXT,
    "offerReference" TEXT,
    "offerContactName" TEXT,
    "offerContactEmail" TEXT,
    "offerContactPhone" TEXT,
    "offerUrl" TEXT,
    "outcome" "AlertOutcome",
    "outcomeNote" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecruitmentAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertPosition" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "jobTitle" TEXT NOT NULL,
    "romeCode" TEXT,
    "count" INTEGER NOT NULL,
    "contractType" "ContractType" NOT NULL,
    "startDate" DATE,
    "location" TEXT NOT NULL,

    CONSTRAINT "AlertPosition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertTransition" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "from" "AlertState",
    "to" "AlertState" NOT NULL,
    "actorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "AlertTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertMessage" (
    "alertId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "channel" TEXT,
    "ts" TEXT,

    CONSTRAINT "AlertMessage_pkey" PRIMARY KEY ("alertId","kind","recipient")
);

-- CreateTable
CREATE TABLE "AlertReminder" (
    "alertId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertReminder_pkey" PRIMARY KEY ("alertId","kind")
);

-- CreateTable
CREATE TABLE "AlertCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "AlertCounter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecruitmentAlert_reference_key" ON "RecruitmentAlert"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "RecruitmentAlert_submissionKey_key" ON "RecruitmentAlert"("submissionKey");

-- CreateIndex
CREATE INDEX "RecruitmentAlert_state_deadlineAt_idx" ON "RecruitmentAlert"("state", "deadlineAt");

-- CreateIndex
CREATE INDEX "RecruitmentAlert_capteurId_idx" ON "RecruitmentAlert"("capteurId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertPosition_alertId_rank_key" ON "AlertPosition"("alertId", "rank");

-- CreateIndex
CREATE INDEX "AlertTransition_alertId_at_idx" ON "AlertTransition"("alertId", "at");

-- AddForeignKey
ALTER TABLE "RecruitmentAlert" ADD CONSTRAINT "RecruitmentAlert_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecruitmentAlert" ADD CONSTRAINT "RecruitmentAlert_capteurId_fkey" FOREIGN KEY ("capteurId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecruitmentAlert" ADD CONSTRAINT "RecruitmentAlert_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecruitmentAlert" ADD CONSTRAINT "RecruitmentAlert_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertPosition" ADD CONSTRAINT "AlertPosition_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "RecruitmentAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertTransition" ADD CONSTRAINT "AlertTransition_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "RecruitmentAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertTransition" ADD CONSTRAINT "AlertTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertMessage" ADD CONSTRAINT "AlertMessage_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "RecruitmentAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertReminder" ADD CONSTRAINT "AlertReminder_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "RecruitmentAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

