import { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { now as clockNow } from "@/lib/clock";
import { inTransaction } from "./transaction";
import { promoteWaitlist, type PromotedEntry } from "./waitlist";

export interface ReserveReleaseResult {
  /** Slots whose release this call handled. */
  slots: number;
  promoted: PromotedEntry[];
}

// A slot's school or circuit reservation has ended since its end was last handled.
const ended = (now: Date) => Prisma.sql`
  (("schoolReservedUntil" <= ${now} AND "schoolReleaseHandledFor" IS DISTINCT FROM "schoolReservedUntil")
   OR ("circuitReservedUntil" <= ${now} AND "circuitReleaseHandledFor" IS DISTINCT FROM "circuitReservedUntil"))`;

/**
 * When a slot's school or circuit reservation ends, its held seats open to everyone without anyone
 * touching the slot: this offers them to the waiting list (in arrival order, through
 * promoteWaitlist, which also enqueues the "promoted" e-mails). Run by the scheduler.
 *
 * Each release is handled once across instances: a slot is claimed by a conditional UPDATE that sets
 * `schoolReleaseHandledFor` / `circuitReleaseHandledFor` to the reservation end it handles, in the
 * same transaction as the promotion. A concurrent run waits for the row lock, then finds the release
 * handled and skips it; a crash rolls both back, so the next run handles it. Moving a reservation's
 * date makes the slot due again when the new date passes.
 */
export async function promoteAfterReserveRelease(now: Date = clockNow()): Promise<ReserveReleaseResult> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Slot"
    WHERE status = 'OPEN' AND "startsAt" > ${now} AND ${ended(now)}
    ORDER BY LEAST("schoolReservedUntil", "circuitReservedUntil"), id`;
  const result: ReserveReleaseResult = { slots: 0, promoted: [] };
  for (const { id } of due) {
    const promoted = await inTransaction(async (tx) => {
      // The claim takes the slot's row lock first, as every seat change does (lib/booking/seats.ts).
      const claimed = await tx.$executeRaw`
        UPDATE "Slot" SET
          "schoolReleaseHandledFor" = CASE WHEN "schoolReservedUntil" <= ${now} THEN "schoolReservedUntil" ELSE "schoolReleaseHandledFor" END,
          "circuitReleaseHandledFor" = CASE WHEN "circuitReservedUntil" <= ${now} THEN "circuitReservedUntil" ELSE "circuitReleaseHandledFor" END
        WHERE id = ${id} AND status = 'OPEN' AND ${ended(now)}`;
      return claimed === 1 ? promoteWaitlist(tx, id, now) : null;
    });
    if (promoted === null) continue;
    result.slots += 1;
    result.promoted.push(...promoted);
  }
  return result;
}
