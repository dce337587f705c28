-- DropForeignKey
ALTER TABLE "Committee" DROP CONSTRAINT "Committee_createdById_fkey";

-- AlterTable
ALTER TABLE "Committee" ALTER COLUMN "createdById" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "informRemindedAt" TIMESTAMP(3),
ADD COLUMN     "informReminders" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AgendaExclusion" (
    "committeeId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaExclusion_pkey" PRIMARY KEY ("committeeId","companyId")
);

-- CreateTable
CREATE TABLE "CommitteeProposal" (
    "occurrence" TEXT NOT NULL,
    "committeeId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeProposal_pkey" PRIMARY KEY ("occurrence")
);

-- AddForeignKey
ALTER TABLE "Committee" ADD CONSTRAINT "Committee_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaExclusion" ADD CONSTRAINT "AgendaExclusion_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaExclusion" ADD CONSTRAINT "AgendaExclusion_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

