-- CreateTable
CREATE TABLE "ActionDigest" (
    "slackUserId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionDigest_pkey" PRIMARY KEY ("slackUserId","day")
);

