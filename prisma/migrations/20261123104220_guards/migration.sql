-- Database-level guards Prisma's schema language cannot express. They are the last line of defence
-- behind lib/booking's conditional UPDATE: a bug there fails loudly instead of overselling.

ALTER TABLE "Edition"
  ADD CONSTRAINT "Edition_days_check" CHECK ("lastDay" >= "firstDay"),
  ADD CONSTRAINT "Edition_windows_check" CHECK (
    "factoryRegistrationClosesAt" > "factoryRegistrationOpensAt" AND "bookingClosesAt" > "bookingOpensAt"),
  ADD CONSTRAINT "Edition_limits_check" CHECK (
    "maxActiveBookingsPerEmail" >= 1 AND "defaultMaxSeatsPerBooking" >= 1 AND "dataRetentionDays" >= 0);

ALTER TABLE "Factory"
  ADD CONSTRAINT "Factory_headcount_check" CHECK ("headcount" >= 0),
  ADD CONSTRAINT "Factory_studentsPerAdult_check" CHECK ("studentsPerAdult" IS NULL OR "studentsPerAdult" >= 1),
  ADD CONSTRAINT "Factory_siret_check" CHECK ("siret" ~ '^[0-9]{14}$'),
  ADD CONSTRAINT "Factory_postalCode_check" CHECK ("postalCode" ~ '^[0-9]{5}$');

ALTER TABLE "Slot"
  ADD CONSTRAINT "Slot_capacity_check" CHECK ("capacity" > 0),
  ADD CONSTRAINT "Slot_taken_check" CHECK ("taken" >= 0 AND "taken" <= "capacity"),
  ADD CONSTRAINT "Slot_takenBySchools_check" CHECK ("takenBySchools" >= 0 AND "takenBySchools" <= "taken"),
  ADD CONSTRAINT "Slot_schoolReservedSeats_check" CHECK ("schoolReservedSeats" >= 0 AND "schoolReservedSeats" <= "capacity"),
  ADD CONSTRAINT "Slot_maxSeatsPerBooking_check" CHECK ("maxSeatsPerBooking" >= 1),
  ADD CONSTRAINT "Slot_duration_check" CHECK ("durationMinutes" > 0 AND "endsAt" > "startsAt"),
  ADD CONSTRAINT "Slot_minAge_check" CHECK ("minAge" IS NULL OR "minAge" BETWEEN 0 AND 99);

ALTER TABLE "Booking"
  ADD CONSTRAINT "Booking_seats_check" CHECK ("seats" >= 1),
  ADD CONSTRAINT "Booking_group_check" CHECK (
    "kind" = 'INDIVIDUAL'
    OR ("students" >= 0 AND "adults" >= 1 AND "students" + "adults" = "seats" AND "schoolUai" IS NOT NULL)),
  ADD CONSTRAINT "Booking_checkedIn_check" CHECK ("checkedInCount" IS NULL OR "checkedInCount" BETWEEN 0 AND "seats");

ALTER TABLE "Quota"
  ADD CONSTRAINT "Quota_values_check" CHECK (("cap" IS NULL OR "cap" >= 0) AND ("target" IS NULL OR "target" >= 0));

ALTER TABLE "SurveyResponse"
  ADD CONSTRAINT "SurveyResponse_scales_check" CHECK (
    "satisfaction" BETWEEN 1 AND 5 AND "recommendBefore" BETWEEN 1 AND 5 AND "recommendAfter" BETWEEN 1 AND 5);

-- The waiting list of a slot, in arrival order (promotion scans it under the slot's row lock).
CREATE INDEX "Booking_waitlist_idx" ON "Booking" ("slotId", "queue") WHERE "status" = 'WAITLISTED';
-- Active bookings of one e-mail address in an edition (per-person limits).
CREATE INDEX "Booking_active_email_idx" ON "Booking" ("editionId", lower("email"))
  WHERE "status" IN ('CONFIRMED', 'WAITLISTED', 'CHECKED_IN');
-- Outbox rows due for delivery.
CREATE INDEX "EmailOutbox_due_idx" ON "EmailOutbox" ("nextAttemptAt") WHERE "status" = 'PENDING';
