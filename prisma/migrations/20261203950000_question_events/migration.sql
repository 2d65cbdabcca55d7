-- AlterTable
ALTER TABLE "ReferralEvent" ADD COLUMN "windowId" TEXT;

-- CreateTable
CREATE TABLE "QuestionEvent" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "answersSoFar" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuestionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuestionEvent_conversationId_id_idx" ON "QuestionEvent"("conversationId", "id");

-- CreateIndex
CREATE INDEX "QuestionEvent_at_idx" ON "QuestionEvent"("at");
