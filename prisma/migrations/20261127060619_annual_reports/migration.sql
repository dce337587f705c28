-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL,
    "generatedById" TEXT,
    "data" JSONB NOT NULL,
    "internalPdf" BYTEA NOT NULL,
    "internalXlsx" BYTEA NOT NULL,
    "publicPdf" BYTEA NOT NULL,
    "publicXlsx" BYTEA NOT NULL,
    "channelId" TEXT,
    "postedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_year_version_key" ON "Report"("year", "version");

