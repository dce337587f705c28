-- CreateTable
CREATE TABLE "IndicatorSet" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorChoice" (
    "setId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "target" DOUBLE PRECISION,

    CONSTRAINT "IndicatorChoice_pkey" PRIMARY KEY ("setId","key")
);

-- CreateTable
CREATE TABLE "IndicatorSnapshot" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "setId" TEXT,
    "values" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorSet_year_version_key" ON "IndicatorSet"("year", "version");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorSnapshot_year_quarter_key" ON "IndicatorSnapshot"("year", "quarter");

-- AddForeignKey
ALTER TABLE "IndicatorChoice" ADD CONSTRAINT "IndicatorChoice_setId_fkey" FOREIGN KEY ("setId") REFERENCES "IndicatorSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorSnapshot" ADD CONSTRAINT "IndicatorSnapshot_setId_fkey" FOREIGN KEY ("setId") REFERENCES "IndicatorSet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

