import "server-only";
import { db } from "@/lib/db";
import { getCurrentEdition } from "./edition";

/** The factory pages visitors can open now: the APPROVED factories of the current edition, with when each last changed. */
export async function publicFactoryPages(): Promise<{ id: string; updatedAt: Date }[]> {
  const edition = await getCurrentEdition();
  if (!edition) return [];
  return db.factory.findMany({
    where: { editionId: edition.id, status: "APPROVED" },
    select: { id: true, updatedAt: true },
    orderBy: { id: "asc" },
  });
}
