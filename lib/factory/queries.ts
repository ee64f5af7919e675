import "server-only";
import { editionNotOver, factoriesOfContactWhere } from "@/lib/auth/policy";
import { db } from "@/lib/db";

// The sites a user is a contact of in the editions not over yet (this year's, and next year's once
// registered: during the event, the desk's site comes first). Organisers reach any site from their pages.
export function factoriesOfContact(userId: string, now: Date) {
  return db.factory.findMany({
    where: { ...editionNotOver(now), ...factoriesOfContactWhere(userId) },
    orderBy: [{ edition: { firstDay: "asc" } }, { registeredAt: "asc" }],
    select: {
      id: true,
      siteName: true,
      companyName: true,
      communeName: true,
      status: true,
      statusReasonData: true,
      statusComment: true,
      edition: { select: { name: true } },
    },
  });
}
