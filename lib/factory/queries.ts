import "server-only";
import { db } from "@/lib/db";

// The sites a user is a contact of in an edition (organisers reach any site from their own pages).
export function factoriesOfContact(userId: string, editionId: string) {
  return db.factory.findMany({
    where: { editionId, contacts: { some: { userId } } },
    orderBy: { registeredAt: "asc" },
    select: { id: true, siteName: true, companyName: true, communeName: true, status: true, statusReason: true },
  });
}
