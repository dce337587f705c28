-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "StructureKind" AS ENUM ('cci', 'cma', 'france_travail', 'mission_locale', 'opco', 'agence_developpement', 'collectivite', 'autre');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('capteur', 'coordinateur', 'comite', 'pilotage', 'france_travail', 'admin');

-- CreateEnum
CREATE TYPE "SectorFamily" AS ENUM ('industrie', 'construction', 'services_aux_entreprises', 'commerce_transport', 'autre');

-- CreateEnum
CREATE TYPE "VisitChannel" AS ENUM ('sur_site', 'telephone', 'visio');

-- CreateEnum
CREATE TYPE "Trend" AS ENUM ('hausse', 'stable', 'baisse');

-- CreateEnum
CREATE TYPE "SiteOutlook" AS ENUM ('developpement', 'maintien', 'reduction', 'fermeture_ou_demenagement');

-- CreateEnum
CREATE TYPE "HiringHorizon" AS ENUM ('urgent', 'douze_mois');

-- CreateEnum
CREATE TYPE "TransmissionBuyer" AS ENUM ('identifie', 'non_identifie', 'sans_objet');

-- CreateEnum
CREATE TYPE "Stake" AS ENUM ('recrutement', 'competences_formation', 'investissement_modernisation', 'transmission_reprise', 'difficultes_restructuration', 'innovation', 'export', 'foncier_immobilier', 'transition_ecologique', 'numerique', 'autre');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('haute', 'moyenne', 'basse');

-- CreateEnum
CREATE TYPE "RedFlag" AS ENUM ('recrutement_urgent', 'emplois_menaces', 'fermeture_ou_demenagement', 'transmission_sans_repreneur');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "Structure" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "StructureKind" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Structure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "structureId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberRole" (
    "memberId" TEXT NOT NULL,
    "role" "Role" NOT NULL,

    CONSTRAINT "MemberRole_pkey" PRIMARY KEY ("memberId","role")
);

-- CreateTable
CREATE TABLE "Company" (
    "id" TEXT NOT NULL,
    "siret" TEXT,
    "siren" TEXT,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "nafCode" TEXT NOT NULL,
    "nafNomenclature" TEXT NOT NULL DEFAULT 'NAFRev2',
    "sectorFamily" "SectorFamily" NOT NULL,
    "headcountBand" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "postalCode" TEXT,
    "address" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "capteurId" TEXT NOT NULL,
    "structureId" TEXT,
    "visitDate" DATE NOT NULL,
    "channel" "VisitChannel" NOT NULL,
    "headcount" INTEGER,
    "headcountTrend" "Trend",
    "revenueTrend" "Trend",
    "siteOutlook" "SiteOutlook",
    "hiringHorizon" "HiringHorizon",
    "jobsAtRisk" INTEGER,
    "investmentPlanned" BOOLEAN,
    "exportSharePct" INTEGER,
    "transmissionBuyer" "TransmissionBuyer",
    "needs" TEXT NOT NULL,
    "diagnostic" TEXT NOT NULL,
    "consentToShare" BOOLEAN NOT NULL,
    "toCommitteeAgenda" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitStake" (
    "visitId" TEXT NOT NULL,
    "stake" "Stake" NOT NULL,
    "priority" "Priority" NOT NULL,

    CONSTRAINT "VisitStake_pkey" PRIMARY KEY ("visitId","stake")
);

-- CreateTable
CREATE TABLE "VisitRedFlag" (
    "visitId" TEXT NOT NULL,
    "flag" "RedFlag" NOT NULL,

    CONSTRAINT "VisitRedFlag_pkey" PRIMARY KEY ("visitId","flag")
);

-- CreateTable
CREATE TABLE "VisitHiringNeed" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "jobFamily" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "VisitHiringNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorSlackId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "leasedUntil" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Structure_name_key" ON "Structure"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Member_slackUserId_key" ON "Member"("slackUserId");

-- CreateIndex
CREATE INDEX "MemberRole_role_idx" ON "MemberRole"("role");

-- CreateIndex
CREATE UNIQUE INDEX "Company_siret_key" ON "Company"("siret");

-- CreateIndex
CREATE INDEX "Company_searchName_idx" ON "Company"("searchName");

-- CreateIndex
CREATE INDEX "Company_siren_idx" ON "Company"("siren");

-- CreateIndex
CREATE UNIQUE INDEX "Visit_submissionKey_key" ON "Visit"("submissionKey");

-- CreateIndex
CREATE INDEX "Visit_companyId_visitDate_idx" ON "Visit"("companyId", "visitDate");

-- CreateIndex
CREATE INDEX "Visit_capteurId_createdAt_idx" ON "Visit"("capteurId", "createdAt");

-- CreateIndex
CREATE INDEX "VisitRedFlag_flag_idx" ON "VisitRedFlag"("flag");

-- CreateIndex
CREATE INDEX "VisitHiringNeed_visitId_idx" ON "VisitHiringNeed"("visitId");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRole" ADD CONSTRAINT "MemberRole_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Company" ADD CONSTRAINT "Company_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_capteurId_fkey" FOREIGN KEY ("capteurId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitStake" ADD CONSTRAINT "VisitStake_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitRedFlag" ADD CONSTRAINT "VisitRedFlag_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitHiringNeed" ADD CONSTRAINT "VisitHiringNeed_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

