import "server-only";
import { factoriesOfContactWhere } from "@/lib/auth/policy";
import { db } from "@/lib/db";

// The sites a user is a contact of in an edition (organisers reach any site from their own pages).
export function factoriesOfContact(userId: string, editionId: string) {
  return db.factory.findMany({
    where: { editionId, ...factoriesOfContactWhere(userId) },
    orderBy: { registeredAt: "asc" },
    select: { id: true, siteName: true, companyName: true, communeName: true, status: true, statusReasonData: true, statusComment: true },
  });
}
