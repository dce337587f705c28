-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "SireneEstablishment_searchText_idx";

-- CreateIndex
CREATE INDEX "SireneEstablishment_searchText_trgm_idx" ON "SireneEstablishment" USING GIN ("searchText" gin_trgm_ops);

-- DropForeignKey
ALTER TABLE "SireneEstablishment" DROP CONSTRAINT "SireneEstablishment_lastRunId_fkey";

