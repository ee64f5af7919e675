import "server-only";
import { db } from "@/lib/db";
import { CONFIRM_VALID_DAYS } from "./consent";

export interface AlertPurgeResult {
  // Subscriptions of editions whose retention period is over, whatever their status.
  retention: number;
  // Requests never confirmed within CONFIRM_VALID_DAYS.
  unconfirmed: number;
}

/**
 * Erases alert subscriptions with the rest of the personal data: those of an edition whose retention
 * period is over (the same date as its bookings, lib/privacy/erase.ts purgeDate), and requests left
 * unconfirmed. Rows are deleted; their e-mails go with them (foreign key ON DELETE CASCADE).
 */
export async function purgeAlertSubscriptions(now: Date): Promise<AlertPurgeResult> {
  const retention = await db.$executeRaw`
    DELETE FROM "AlertSubscription" a USING "Edition" e
    WHERE a."editionId" = e.id
      AND (((e."lastDay" + e."dataRetentionDays" + 1)::timestamp) AT TIME ZONE 'Europe/Paris') <= ${now}`;
  const { count: unconfirmed } = await db.alertSubscription.deleteMany({
    where: { status: "PENDING", createdAt: { lte: new Date(now.getTime() - CONFIRM_VALID_DAYS * 86_400_000) } },
  });
  return { retention, unconfirmed };
}
