import type { Tx } from "@/lib/db";

/**
 * A cancelled class booking cancels its coach request, in the cancellation's transaction: a waiting
 * request leaves the organisers' list, an accepted one stops counting against the budget (its cost
 * stays, for the record). Lowers what is spent, so it needs no budget lock
 * (docs/decisions/0020-school-transport.md).
 */
export async function cancelTransportRequests(tx: Tx, bookingIds: string[]): Promise<void> {
  if (bookingIds.length === 0) return;
  await tx.transportRequest.updateMany({
    where: { bookingId: { in: bookingIds }, status: { in: ["REQUESTED", "ACCEPTED"] } },
    data: { status: "CANCELLED" },
  });
}
