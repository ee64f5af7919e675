-- Seats a slot holds for circuits until a date, as it holds seats for schools.
ALTER TABLE "Slot" ADD COLUMN "circuitReservedSeats" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "circuitReservedUntil" TIMESTAMPTZ(3),
ADD COLUMN "takenByCircuits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "circuitReleaseHandledFor" TIMESTAMPTZ(3);

-- The seats circuits' legs already hold.
UPDATE "Slot" s SET "takenByCircuits" = held.seats
FROM (SELECT "slotId", sum(seats)::int AS seats FROM "Booking"
      WHERE "circuitBookingId" IS NOT NULL AND status = 'CONFIRMED' GROUP BY "slotId") held
WHERE held."slotId" = s.id;

-- Guards, as for the school-reserved seats (20261123104220_guards).
ALTER TABLE "Slot"
  ADD CONSTRAINT "Slot_takenByCircuits_check" CHECK ("takenByCircuits" >= 0 AND "takenByCircuits" <= "taken"),
  ADD CONSTRAINT "Slot_circuitReservedSeats_check" CHECK ("circuitReservedSeats" >= 0 AND "circuitReservedSeats" <= "capacity");
