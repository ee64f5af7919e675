-- CreateEnum
CREATE TYPE "CircuitStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "circuitBookingId" TEXT;

-- CreateTable
CREATE TABLE "Circuit" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" TEXT NOT NULL,
    "audience" "Audience" NOT NULL DEFAULT 'BOTH',
    "departureAddress" VARCHAR(200) NOT NULL,
    "departurePostalCode" CHAR(5) NOT NULL,
    "departureCommuneName" TEXT NOT NULL,
    "departureDepartmentCode" VARCHAR(3) NOT NULL,
    "departsAt" TIMESTAMPTZ(3) NOT NULL,
    "returnsAt" TIMESTAMPTZ(3) NOT NULL,
    "busCapacity" INTEGER NOT NULL,
    "busTaken" INTEGER NOT NULL DEFAULT 0,
    "maxSeatsPerBooking" INTEGER NOT NULL DEFAULT 6,
    "status" "CircuitStatus" NOT NULL DEFAULT 'DRAFT',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Circuit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircuitLeg" (
    "id" TEXT NOT NULL,
    "circuitId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "refusedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CircuitLeg_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircuitBooking" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "circuitId" TEXT NOT NULL,
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
    "locale" VARCHAR(5) NOT NULL DEFAULT 'fr',
    "manageTokenHash" CHAR(64) NOT NULL,
    "ticketTokenHash" CHAR(64) NOT NULL,
    "manageTokenSealed" TEXT,
    "ticketCode" VARCHAR(10) NOT NULL,
    "idempotencyKey" VARCHAR(100),
    "queue" BIGSERIAL NOT NULL,
    "checkedInCount" INTEGER,
    "checkedInAt" TIMESTAMPTZ(3),
    "promotedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "calendarSequence" INTEGER NOT NULL DEFAULT 0,
    "consentAt" TIMESTAMPTZ(3) NOT NULL,
    "personalDataErasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CircuitBooking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Circuit_editionId_departsAt_idx" ON "Circuit"("editionId", "departsAt");

-- CreateIndex
CREATE INDEX "CircuitLeg_slotId_idx" ON "CircuitLeg"("slotId");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitLeg_circuitId_position_key" ON "CircuitLeg"("circuitId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitLeg_circuitId_slotId_key" ON "CircuitLeg"("circuitId", "slotId");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitBooking_manageTokenHash_key" ON "CircuitBooking"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitBooking_ticketTokenHash_key" ON "CircuitBooking"("ticketTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitBooking_idempotencyKey_key" ON "CircuitBooking"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CircuitBooking_circuitId_status_queue_idx" ON "CircuitBooking"("circuitId", "status", "queue");

-- CreateIndex
CREATE INDEX "CircuitBooking_editionId_email_status_idx" ON "CircuitBooking"("editionId", "email", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitBooking_editionId_ticketCode_key" ON "CircuitBooking"("editionId", "ticketCode");

-- CreateIndex
CREATE INDEX "Booking_circuitBookingId_idx" ON "Booking"("circuitBookingId");

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_circuitBookingId_fkey" FOREIGN KEY ("circuitBookingId") REFERENCES "CircuitBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitLeg" ADD CONSTRAINT "CircuitLeg_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitLeg" ADD CONSTRAINT "CircuitLeg_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitBooking" ADD CONSTRAINT "CircuitBooking_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitBooking" ADD CONSTRAINT "CircuitBooking_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Guards (CHECK constraints are invisible to `migrate diff`: hand-written, see docs/decisions/0006-prisma-offline-shims.md)
ALTER TABLE "Circuit"
  ADD CONSTRAINT "Circuit_busCapacity_check" CHECK ("busCapacity" > 0),
  ADD CONSTRAINT "Circuit_busTaken_check" CHECK ("busTaken" >= 0 AND "busTaken" <= "busCapacity"),
  ADD CONSTRAINT "Circuit_times_check" CHECK ("returnsAt" > "departsAt"),
  ADD CONSTRAINT "Circuit_maxSeatsPerBooking_check" CHECK ("maxSeatsPerBooking" >= 1);
ALTER TABLE "CircuitLeg"
  ADD CONSTRAINT "CircuitLeg_position_check" CHECK ("position" BETWEEN 1 AND 5);
ALTER TABLE "CircuitBooking"
  ADD CONSTRAINT "CircuitBooking_seats_check" CHECK ("seats" >= 1);
