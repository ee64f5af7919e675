-- Attendance reconfirmation (docs/decisions/0014-attendance-reconfirmation.md): the edition asks
-- visitors N days before their visit whether they still come, and may release the seats of those
-- who never answer.
ALTER TABLE "Edition" ADD COLUMN "reconfirmDaysBefore" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "releaseUnconfirmed" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "Booking" ADD COLUMN "attendanceRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN "attendanceRemindedAt" TIMESTAMPTZ(3),
ADD COLUMN "attendanceConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN "attendanceReleasedAt" TIMESTAMPTZ(3);

-- 0 = no request, and a release needs a request (the form says so too).
ALTER TABLE "Edition"
  ADD CONSTRAINT "Edition_reconfirmDaysBefore_check" CHECK ("reconfirmDaysBefore" = 0 OR "reconfirmDaysBefore" BETWEEN 3 AND 14),
  ADD CONSTRAINT "Edition_releaseUnconfirmed_check" CHECK (NOT "releaseUnconfirmed" OR "reconfirmDaysBefore" > 0);
