import { db } from "@/lib/db";
import { now as clockNow } from "@/lib/clock";
import { inTransaction } from "./transaction";
import { promoteWaitlist, type PromotedEntry } from "./waitlist";

export interface SchoolReleaseResult {
  /** Slots whose release this call handled. */
  slots: number;
  promoted: PromotedEntry[];
}

/**
 * When a slot's school reservation ends, its held seats open to individuals without anyone touching
 * the slot: this offers them to the waiting list (in arrival order, through promoteWaitlist, which
 * also enqueues the "promoted" e-mails). Run by the scheduler.
 *
 * Each release is handled once across instances: a slot is claimed by a conditional UPDATE that sets
 * `schoolReleaseHandledFor` to the `schoolReservedUntil` it handles, in the same transaction as the
 * promotion. A concurrent run waits for the row lock, then finds the release handled and skips it;
 * a crash rolls both back, so the next run handles it. Moving the reservation date makes the slot
 * due again when the new date passes.
 */
export async function promoteAfterSchoolRelease(now: Date = clockNow()): Promise<SchoolReleaseResult> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Slot"
    WHERE status = 'OPEN' AND "schoolReservedUntil" <= ${now} AND "startsAt" > ${now}
      AND "schoolReleaseHandledFor" IS DISTINCT FROM "schoolReservedUntil"
    ORDER BY "schoolReservedUntil", id`;
  const result: SchoolReleaseResult = { slots: 0, promoted: [] };
  for (const { id } of due) {
    const promoted = await inTransaction(async (tx) => {
      // The claim takes the slot's row lock first, as every seat change does (lib/booking/seats.ts).
      const claimed = await tx.$executeRaw`
        UPDATE "Slot" SET "schoolReleaseHandledFor" = "schoolReservedUntil"
        WHERE id = ${id} AND status = 'OPEN' AND "schoolReservedUntil" <= ${now}
          AND "schoolReleaseHandledFor" IS DISTINCT FROM "schoolReservedUntil"`;
      return claimed === 1 ? promoteWaitlist(tx, id, now) : null;
    });
    if (promoted === null) continue;
    result.slots += 1;
    result.promoted.push(...promoted);
  }
  return result;
}
