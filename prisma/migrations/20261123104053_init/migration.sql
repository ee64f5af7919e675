-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ORGANISER');

-- CreateEnum
CREATE TYPE "ApprovalMode" AS ENUM ('AUTOMATIC', 'MANUAL');

-- CreateEnum
CREATE TYPE "SizeBand" AS ENUM ('TPE', 'PME', 'ETI', 'GE');

-- CreateEnum
CREATE TYPE "FactoryStatus" AS ENUM ('PENDING', 'APPROVED', 'WAITLISTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('PUBLIC', 'SCHOOL', 'BOTH');

-- CreateEnum
CREATE TYPE "SlotFormat" AS ENUM ('GUIDED_TOUR', 'WORKSHOP', 'TALK', 'DEMONSTRATION');

-- CreateEnum
CREATE TYPE "SlotStatus" AS ENUM ('OPEN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BookingKind" AS ENUM ('INDIVIDUAL', 'GROUP');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'CHECKED_IN');

-- CreateEnum
CREATE TYPE "QuotaDimension" AS ENUM ('REGION', 'SECTOR', 'SIZE');

-- CreateEnum
CREATE TYPE "PhaseRule" AS ENUM ('UNDER_TARGET_ONLY');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "emailVerified" TIMESTAMPTZ(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "Edition" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "firstDay" DATE NOT NULL,
    "lastDay" DATE NOT NULL,
    "factoryRegistrationOpensAt" TIMESTAMPTZ(3) NOT NULL,
    "factoryRegistrationClosesAt" TIMESTAMPTZ(3) NOT NULL,
    "bookingOpensAt" TIMESTAMPTZ(3) NOT NULL,
    "bookingClosesAt" TIMESTAMPTZ(3) NOT NULL,
    "maxActiveBookingsPerEmail" INTEGER NOT NULL DEFAULT 3,
    "defaultMaxSeatsPerBooking" INTEGER NOT NULL DEFAULT 6,
    "approvalMode" "ApprovalMode" NOT NULL DEFAULT 'AUTOMATIC',
    "dataRetentionDays" INTEGER NOT NULL DEFAULT 180,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Edition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Factory" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "siret" CHAR(14) NOT NULL,
    "companyName" TEXT NOT NULL,
    "siteName" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postalCode" CHAR(5) NOT NULL,
    "communeCode" VARCHAR(5) NOT NULL,
    "communeName" TEXT NOT NULL,
    "departmentCode" VARCHAR(3) NOT NULL,
    "regionCode" VARCHAR(2) NOT NULL,
    "sectorCode" CHAR(2) NOT NULL,
    "headcount" INTEGER NOT NULL,
    "sizeBand" "SizeBand" NOT NULL,
    "description" TEXT NOT NULL,
    "minAge" INTEGER,
    "closedShoesRequired" BOOLEAN NOT NULL DEFAULT false,
    "idRequired" BOOLEAN NOT NULL DEFAULT false,
    "pacemakerWarning" BOOLEAN NOT NULL DEFAULT false,
    "otherConditions" TEXT,
    "wheelchairAccessible" BOOLEAN NOT NULL DEFAULT false,
    "accessibilityNotes" TEXT,
    "studentsPerAdult" INTEGER,
    "status" "FactoryStatus" NOT NULL DEFAULT 'PENDING',
    "statusReason" TEXT,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "arrival" BIGSERIAL NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Factory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactoryContact" (
    "factoryId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactoryContact_pkey" PRIMARY KEY ("factoryId","userId")
);

-- CreateTable
CREATE TABLE "FactoryPhoto" (
    "id" TEXT NOT NULL,
    "factoryId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "alt" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactoryPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slot" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "factoryId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,
    "takenBySchools" INTEGER NOT NULL DEFAULT 0,
    "audience" "Audience" NOT NULL DEFAULT 'BOTH',
    "schoolReservedSeats" INTEGER NOT NULL DEFAULT 0,
    "schoolReservedUntil" TIMESTAMPTZ(3),
    "maxSeatsPerBooking" INTEGER NOT NULL DEFAULT 6,
    "minAge" INTEGER,
    "language" VARCHAR(5) NOT NULL DEFAULT 'fr',
    "format" "SlotFormat" NOT NULL DEFAULT 'GUIDED_TOUR',
    "status" "SlotStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "userId" TEXT,
    "kind" "BookingKind" NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "seats" INTEGER NOT NULL,
    "students" INTEGER,
    "adults" INTEGER,
    "schoolUai" CHAR(8),
    "schoolName" TEXT,
    "classLevel" TEXT,
    "contactName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "participantNames" TEXT,
    "locale" VARCHAR(5) NOT NULL DEFAULT 'fr',
    "manageTokenHash" CHAR(64) NOT NULL,
    "ticketTokenHash" CHAR(64) NOT NULL,
    "ticketCode" VARCHAR(10) NOT NULL,
    "idempotencyKey" VARCHAR(100),
    "queue" BIGSERIAL NOT NULL,
    "checkedInCount" INTEGER,
    "checkedInAt" TIMESTAMPTZ(3),
    "promotedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "consentAt" TIMESTAMPTZ(3) NOT NULL,
    "personalDataErasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quota" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "dimension" "QuotaDimension" NOT NULL,
    "value" TEXT NOT NULL,
    "cap" INTEGER,
    "target" INTEGER,

    CONSTRAINT "Quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationPhase" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "rule" "PhaseRule" NOT NULL DEFAULT 'UNDER_TARGET_ONLY',

    CONSTRAINT "RegistrationPhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "satisfaction" INTEGER NOT NULL,
    "recommendBefore" INTEGER NOT NULL,
    "recommendAfter" INTEGER NOT NULL,
    "surprise" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailOutbox" (
    "id" BIGSERIAL NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attachments" JSONB,
    "template" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevMail" (
    "id" BIGSERIAL NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "raw" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "Edition_slug_key" ON "Edition"("slug");

-- CreateIndex
CREATE INDEX "Factory_editionId_status_idx" ON "Factory"("editionId", "status");

-- CreateIndex
CREATE INDEX "Factory_editionId_regionCode_departmentCode_idx" ON "Factory"("editionId", "regionCode", "departmentCode");

-- CreateIndex
CREATE INDEX "Factory_editionId_sectorCode_idx" ON "Factory"("editionId", "sectorCode");

-- CreateIndex
CREATE UNIQUE INDEX "Factory_editionId_siret_key" ON "Factory"("editionId", "siret");

-- CreateIndex
CREATE INDEX "FactoryContact_userId_idx" ON "FactoryContact"("userId");

-- CreateIndex
CREATE INDEX "FactoryPhoto_factoryId_position_idx" ON "FactoryPhoto"("factoryId", "position");

-- CreateIndex
CREATE INDEX "Slot_editionId_startsAt_idx" ON "Slot"("editionId", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_factoryId_startsAt_idx" ON "Slot"("factoryId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_manageTokenHash_key" ON "Booking"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_ticketTokenHash_key" ON "Booking"("ticketTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_idempotencyKey_key" ON "Booking"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Booking_slotId_status_queue_idx" ON "Booking"("slotId", "status", "queue");

-- CreateIndex
CREATE INDEX "Booking_editionId_email_status_idx" ON "Booking"("editionId", "email", "status");

-- CreateIndex
CREATE INDEX "Booking_userId_idx" ON "Booking"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_editionId_ticketCode_key" ON "Booking"("editionId", "ticketCode");

-- CreateIndex
CREATE UNIQUE INDEX "Quota_editionId_dimension_value_key" ON "Quota"("editionId", "dimension", "value");

-- CreateIndex
CREATE INDEX "RegistrationPhase_editionId_startsAt_idx" ON "RegistrationPhase"("editionId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_bookingId_key" ON "SurveyResponse"("bookingId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE UNIQUE INDEX "EmailOutbox_dedupeKey_key" ON "EmailOutbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailOutbox_status_nextAttemptAt_idx" ON "EmailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "DevMail_to_idx" ON "DevMail"("to");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Factory" ADD CONSTRAINT "Factory_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactoryContact" ADD CONSTRAINT "FactoryContact_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Factory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactoryContact" ADD CONSTRAINT "FactoryContact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactoryPhoto" ADD CONSTRAINT "FactoryPhoto_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Factory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Factory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quota" ADD CONSTRAINT "Quota_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationPhase" ADD CONSTRAINT "RegistrationPhase_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
