import "server-only";
import { db } from "@/lib/db";
import { departmentName } from "@/lib/geo/regions";

/** The organiser's view: subscriptions by status, and confirmed ones by department (no addresses). */
export async function alertSubscriptionStats() {
  const [byStatus, byDepartment] = await Promise.all([
    db.alertSubscription.groupBy({ by: ["status"], _count: { _all: true } }),
    db.alertSubscription.groupBy({
      by: ["departmentCode"],
      where: { status: "CONFIRMED", departmentCode: { not: null } },
      _count: { _all: true },
      orderBy: { departmentCode: "asc" },
    }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    confirmed: count("CONFIRMED"),
    pending: count("PENDING"),
    unsubscribed: count("UNSUBSCRIBED"),
    departments: byDepartment.map((row) => ({ code: row.departmentCode!, name: departmentName(row.departmentCode!) ?? row.departmentCode!, count: row._count._all })),
  };
}
