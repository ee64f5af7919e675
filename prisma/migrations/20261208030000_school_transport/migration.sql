-- CreateEnum
CREATE TYPE "TransportStatus" AS ENUM ('REQUESTED', 'ACCEPTED', 'REFUSED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "transportBudgetEuros" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "TransportRequest" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "pupils" INTEGER NOT NULL,
    "departureCommuneCode" VARCHAR(5) NOT NULL,
    "departureCommuneName" TEXT NOT NULL,
    "departureDepartment" VARCHAR(3) NOT NULL,
    "distanceKm" INTEGER,
    "status" "TransportStatus" NOT NULL DEFAULT 'REQUESTED',
    "costEuros" INTEGER,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "refusalReason" VARCHAR(300),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TransportRequest_bookingId_key" ON "TransportRequest"("bookingId");

-- CreateIndex
CREATE INDEX "TransportRequest_editionId_status_idx" ON "TransportRequest"("editionId", "status");

-- AddForeignKey
ALTER TABLE "TransportRequest" ADD CONSTRAINT "TransportRequest_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransportRequest" ADD CONSTRAINT "TransportRequest_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransportRequest" ADD CONSTRAINT "TransportRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Guards (docs/decisions/0020-school-transport.md): a budget is never negative, a request carries at
-- least one pupil, and an accepted request always has its cost.
ALTER TABLE "Edition" ADD CONSTRAINT "Edition_transportBudget_check" CHECK ("transportBudgetEuros" >= 0);
ALTER TABLE "TransportRequest"
  ADD CONSTRAINT "TransportRequest_pupils_check" CHECK ("pupils" >= 1),
  ADD CONSTRAINT "TransportRequest_distance_check" CHECK ("distanceKm" IS NULL OR "distanceKm" >= 0),
  ADD CONSTRAINT "TransportRequest_cost_check" CHECK ("costEuros" IS NULL OR "costEuros" >= 0),
  ADD CONSTRAINT "TransportRequest_accepted_check" CHECK ("status" <> 'ACCEPTED' OR "costEuros" IS NOT NULL);
