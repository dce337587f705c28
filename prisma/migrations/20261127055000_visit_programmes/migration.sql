-- CreateTable
CREATE TABLE "VisitProgramme" (
    "id" TEXT NOT NULL,
    "structureId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "monthlyTarget" INTEGER NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeTarget" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "companyId" TEXT,
    "siret" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeNudge" (
    "structureId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeNudge_pkey" PRIMARY KEY ("structureId","month")
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitProgramme_structureId_year_key" ON "VisitProgramme"("structureId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeTarget_programmeId_companyId_key" ON "ProgrammeTarget"("programmeId", "companyId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeTarget_programmeId_siret_key" ON "ProgrammeTarget"("programmeId", "siret");

-- CreateIndex
CREATE INDEX "Visit_structureId_visitDate_idx" ON "Visit"("structureId", "visitDate");

-- AddForeignKey
ALTER TABLE "VisitProgramme" ADD CONSTRAINT "VisitProgramme_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeTarget" ADD CONSTRAINT "ProgrammeTarget_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "VisitProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeTarget" ADD CONSTRAINT "ProgrammeTarget_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE SET NULL ON UPDATE CASCADE;

