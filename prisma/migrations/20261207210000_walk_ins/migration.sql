-- People admitted at the door without a booking: counted in the slot's seats like bookings.
ALTER TABLE "Slot" ADD COLUMN "takenByWalkIns" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "WalkIn" (
    "id" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "admittedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalkIn_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WalkIn_slotId_idx" ON "WalkIn"("slotId");

ALTER TABLE "WalkIn" ADD CONSTRAINT "WalkIn_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WalkIn" ADD CONSTRAINT "WalkIn_admittedById_fkey" FOREIGN KEY ("admittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Guards, as for the other parts of `taken`.
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_takenByWalkIns_check" CHECK ("takenByWalkIns" >= 0 AND "takenByWalkIns" <= "taken");
ALTER TABLE "WalkIn" ADD CONSTRAINT "WalkIn_people_check" CHECK ("people" > 0);
