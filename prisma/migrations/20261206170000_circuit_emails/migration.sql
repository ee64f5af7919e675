-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "circuitBookingId" TEXT;

-- CreateIndex
CREATE INDEX "EmailOutbox_circuitBookingId_idx" ON "EmailOutbox"("circuitBookingId");

-- AddForeignKey
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_circuitBookingId_fkey" FOREIGN KEY ("circuitBookingId") REFERENCES "CircuitBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

