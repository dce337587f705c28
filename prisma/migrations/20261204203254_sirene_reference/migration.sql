-- CreateTable
CREATE TABLE "SireneEstablishment" (
    "siret" TEXT NOT NULL,
    "siren" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "nafCode" TEXT,
    "nafNomenclature" TEXT,
    "naf25Code" TEXT,
    "headcountBand" TEXT,
    "headcountYear" INTEGER,
    "communeCode" TEXT NOT NULL,
    "communeName" TEXT,
    "postalCode" TEXT,
    "headOffice" BOOLEAN NOT NULL DEFAULT false,
    "employer" BOOLEAN NOT NULL DEFAULT false,
    "tradeRegister" BOOLEAN NOT NULL DEFAULT false,
    "diffusible" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "inTerritory" BOOLEAN NOT NULL DEFAULT true,
    "legalName" TEXT,
    "legalCategory" TEXT,
    "inseeUpdatedAt" TIMESTAMP(3),
    "lastRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SireneEstablishment_pkey" PRIMARY KEY ("siret")
);

-- CreateTable
CREATE TABLE "SireneImportRun" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "legalUnitsFile" TEXT,
    "legalUnitsSha256" TEXT,
    "communes" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsKept" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "closed" INTEGER NOT NULL DEFAULT 0,
    "leftTerritory" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,

    CONSTRAINT "SireneImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SireneEstablishment_siren_idx" ON "SireneEstablishment"("siren");

-- CreateIndex
CREATE INDEX "SireneEstablishment_communeCode_idx" ON "SireneEstablishment"("communeCode");

-- CreateIndex
CREATE INDEX "SireneEstablishment_searchText_idx" ON "SireneEstablishment"("searchText");

-- CreateIndex
CREATE INDEX "SireneEstablishment_nafCode_idx" ON "SireneEstablishment"("nafCode");

-- AddForeignKey
ALTER TABLE "SireneEstablishment" ADD CONSTRAINT "SireneEstablishment_lastRunId_fkey" FOREIGN KEY ("lastRunId") REFERENCES "SireneImportRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

