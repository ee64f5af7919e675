-- AlterTable
ALTER TABLE "DrawOffer" ADD COLUMN     "circuitId" TEXT,
ALTER COLUMN "slotId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "DrawOffer_circuitId_key" ON "DrawOffer"("circuitId");

-- AddForeignKey
ALTER TABLE "DrawOffer" ADD CONSTRAINT "DrawOffer_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An offer is a visit or a circuit, never both nor neither.
ALTER TABLE "DrawOffer" ADD CONSTRAINT "DrawOffer_one_offer" CHECK (("slotId" IS NULL) <> ("circuitId" IS NULL));
