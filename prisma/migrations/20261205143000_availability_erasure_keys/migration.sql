-- Erasure by key: an outbox row names the booking it is about.
ALTER TABLE "EmailOutbox" ADD COLUMN "bookingId" TEXT;
CREATE INDEX "EmailOutbox_bookingId_idx" ON "EmailOutbox"("bookingId");
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rows written before this migration: reminders and survey invitations name their booking in the
-- dedupe key (other rows keep no key and are left to the retention purge by address)
UPDATE "EmailOutbox" o SET "bookingId" = b.id
FROM "Booking" b
WHERE o."bookingId" IS NULL
  AND o."dedupeKey" IN ('reminder:' || b.id, 'survey:' || b.id);

-- Why a registration waits: code + params instead of a French sentence, and the organiser's own
-- comment in a column of its own
ALTER TABLE "Factory" ADD COLUMN "statusComment" TEXT,
ADD COLUMN "statusReasonData" JSONB;

-- The automatic reasons were also written, as data, in the registration's audit entry
UPDATE "Factory" f SET "statusReasonData" = a.after -> 'statusReasonData'
FROM (
  SELECT DISTINCT ON ("entityId") "entityId", after
  FROM "AuditLog"
  WHERE "entityType" = 'Factory' AND after -> 'statusReasonData' IS NOT NULL
  ORDER BY "entityId", at DESC, id DESC
) a
WHERE a."entityId" = f.id AND f.status = 'WAITLISTED'
  AND jsonb_typeof(a.after -> 'statusReasonData') = 'object';

UPDATE "Factory" SET "statusComment" = "statusReason"
WHERE "statusReason" IS NOT NULL AND "statusReasonData" IS NULL;

ALTER TABLE "Factory" DROP COLUMN "statusReason";

-- The scheduler promotes the waiting list once per end of a school reservation
ALTER TABLE "Slot" ADD COLUMN "schoolReleaseHandledFor" TIMESTAMPTZ(3);
