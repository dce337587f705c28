-- CreateTable
CREATE TABLE "CommitteeReminder" (
    "committeeId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeReminder_pkey" PRIMARY KEY ("committeeId","slackUserId")
);

-- AddForeignKey
ALTER TABLE "CommitteeReminder" ADD CONSTRAINT "CommitteeReminder_committeeId_fkey" FOREIGN KEY ("committeeId") REFERENCES "Committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

