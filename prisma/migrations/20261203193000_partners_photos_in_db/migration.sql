-- Photos move from the upload directory into PostgreSQL. Rows that point at files cannot be carried
-- over in SQL, and no deployment holds any yet: they are removed rather than left without bytes.
DELETE FROM "FactoryPhoto";

-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('READ', 'BOOK');

-- AlterTable
ALTER TABLE "DevMail" ADD COLUMN     "messageId" TEXT;

-- AlterTable
ALTER TABLE "FactoryPhoto" DROP COLUMN "fileName",
ADD COLUMN     "data" BYTEA NOT NULL;

-- CreateTable
CREATE TABLE "FactoryPhotoVariant" (
    "photoId" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "FactoryPhotoVariant_pkey" PRIMARY KEY ("photoId","width","format")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" "ApiScope"[],
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpentChallenge" (
    "signature" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpentChallenge_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "SpentChallenge_expiresAt_idx" ON "SpentChallenge"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DevMail_messageId_key" ON "DevMail"("messageId");

-- AddForeignKey
ALTER TABLE "FactoryPhotoVariant" ADD CONSTRAINT "FactoryPhotoVariant_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "FactoryPhoto"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

