-- CreateTable
CREATE TABLE "CrisisSignal" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "plan" BOOLEAN NOT NULL DEFAULT false,
    "transcriptId" BIGINT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrisisSignal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CrisisSignal_conversationId_idx" ON "CrisisSignal"("conversationId");
