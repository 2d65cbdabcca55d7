-- CreateTable
CREATE TABLE "ResidentMessage" (
    "id" BIGSERIAL NOT NULL,
    "referralId" UUID NOT NULL,
    "transcriptId" BIGINT,
    "language" TEXT NOT NULL,
    "textEnc" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResidentMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResidentMessage_referralId_id_idx" ON "ResidentMessage"("referralId", "id");
