-- DropForeignKey
ALTER TABLE "CircuitLeg" DROP CONSTRAINT "CircuitLeg_slotId_fkey";

-- AddForeignKey
ALTER TABLE "CircuitLeg" ADD CONSTRAINT "CircuitLeg_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

