-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "OutboxMessage_status_recipient_seq_idx" ON "OutboxMessage"("status", "recipient", "seq");

-- CreateIndex
CREATE INDEX "OutboxMessage_recipient_sentAt_idx" ON "OutboxMessage"("recipient", "sentAt");
