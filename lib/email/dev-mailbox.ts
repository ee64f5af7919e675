import "server-only";
import { db } from "@/lib/db";

export function listDevMails(to?: string) {
  return db.devMail.findMany({
    where: to ? { to: { contains: to.toLowerCase() } } : undefined,
    orderBy: { id: "desc" },
    take: 100,
    select: { id: true, to: true, subject: true, receivedAt: true },
  });
}

export function getDevMail(id: string) {
  if (!/^\d{1,18}$/.test(id)) return null;
  return db.devMail.findUnique({ where: { id: BigInt(id) }, select: { id: true, to: true, subject: true, text: true, receivedAt: true } });
}
