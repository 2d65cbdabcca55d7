-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "statusAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "ReferralNote" (
    "id" BIGSERIAL NOT NULL,
    "referralId" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "bodyEnc" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReferralNote_referralId_id_idx" ON "ReferralNote"("referralId", "id");
