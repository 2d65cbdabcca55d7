-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "attemptVia" TEXT,
ADD COLUMN "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "KeyCheck" (
    "id" INTEGER NOT NULL,
    "sealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyCheck_pkey" PRIMARY KEY ("id")
);

-- Rows in flight under the old meaning of "sentVia" (written before the reply was tried).
UPDATE "OutboxMessage" SET "attemptVia" = "sentVia", "sentVia" = NULL
WHERE status IN ('pending', 'sending') AND "sentVia" IS NOT NULL;
