-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('BOOKINGS_OPEN', 'NEW_VISIT_NEAR', 'NEXT_EDITION');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED');

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "alertSubscriptionId" TEXT,
ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "AlertSubscription" (
    "id" TEXT NOT NULL,
    "editionId" TEXT,
    "email" TEXT NOT NULL,
    "locale" VARCHAR(5) NOT NULL DEFAULT 'fr',
    "kinds" "AlertKind"[],
    "postalCode" CHAR(5),
    "departmentCode" VARCHAR(3),
    "status" "AlertStatus" NOT NULL DEFAULT 'PENDING',
    "confirmTokenHash" CHAR(64),
    "unsubscribeTokenHash" CHAR(64) NOT NULL,
    "unsubscribeTokenSealed" TEXT,
    "consentedAt" TIMESTAMPTZ(3) NOT NULL,
    "consentTextVersion" VARCHAR(40) NOT NULL,
    "consentText" TEXT NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "lastDigestAt" TIMESTAMPTZ(3),
    "unsubscribedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertSubscription_confirmTokenHash_key" ON "AlertSubscription"("confirmTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "AlertSubscription_unsubscribeTokenHash_key" ON "AlertSubscription"("unsubscribeTokenHash");

-- CreateIndex
CREATE INDEX "AlertSubscription_status_lastDigestAt_idx" ON "AlertSubscription"("status", "lastDigestAt");

-- CreateIndex
CREATE INDEX "AlertSubscription_email_idx" ON "AlertSubscription"("email");

-- CreateIndex
CREATE INDEX "AlertSubscription_editionId_idx" ON "AlertSubscription"("editionId");

-- CreateIndex
CREATE INDEX "EmailOutbox_alertSubscriptionId_idx" ON "EmailOutbox"("alertSubscriptionId");

-- AddForeignKey
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_alertSubscriptionId_fkey" FOREIGN KEY ("alertSubscriptionId") REFERENCES "AlertSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertSubscription" ADD CONSTRAINT "AlertSubscription_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One confirmed subscription per address: at most one digest a day per person.
CREATE UNIQUE INDEX "AlertSubscription_confirmed_email_key" ON "AlertSubscription"("email") WHERE "status" = 'CONFIRMED';

-- Something to be told about, and a department for nearby visits.
ALTER TABLE "AlertSubscription" ADD CONSTRAINT "AlertSubscription_kinds_check" CHECK (coalesce(cardinality("kinds"), 0) > 0);
ALTER TABLE "AlertSubscription" ADD CONSTRAINT "AlertSubscription_near_check" CHECK (NOT ('NEW_VISIT_NEAR' = ANY("kinds")) OR "departmentCode" IS NOT NULL);
