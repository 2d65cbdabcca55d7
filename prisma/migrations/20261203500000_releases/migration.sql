-- CreateTable
CREATE TABLE "Release" (
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    "publishedBy" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "ReleaseDraft" (
    "id" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "revision" INTEGER NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReleaseDraft_pkey" PRIMARY KEY ("id")
);
