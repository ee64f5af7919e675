import "server-only";
import { inTransaction } from "@/lib/booking/transaction";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { alertConfirmEmail } from "@/lib/email/templates/alerts";
import { langOf } from "@/lib/email/templates/common";
import { AppError } from "@/lib/errors";
import { departmentOfPostalCode, resolvePostalCode } from "@/lib/geo/communes";
import { departmentName } from "@/lib/geo/regions";
import { consumeRateLimits } from "@/lib/rate-limit";
import { hashToken, newToken, sealToken } from "@/lib/tokens";
import { ALERT_CONSENT_VERSION, CONFIRM_VALID_DAYS } from "./consent";
import type { ParsedAlertSubscription } from "./schemas";

const DAY_MS = 86_400_000;

/** The communes to choose from when a postal code spans several departments (the form's select). */
export function communeChoices(postalCode: string) {
  const resolution = resolvePostalCode(postalCode);
  if (resolution.ok || resolution.reason !== "AMBIGUOUS") return [];
  return resolution.candidates.map((c) => ({ code: c.inseeCode, label: `${c.name} (${c.departmentName})` }));
}

/**
 * « Prévenez-moi »: records a PENDING request and e-mails its confirmation link (double opt-in: no
 * digest before the link is used). Returns nothing, and the caller answers the same whether or not
 * the address already has alerts: only the address's owner learns it, by reading the mail. An older
 * unconfirmed request of the address is replaced; a confirmed one stays until this one is confirmed.
 * Rate-limited per client address and per target address (each request sends an e-mail). `input`
 * is alertSubscriptionInput's output (the action parses the form with it).
 */
export async function requestAlerts(input: ParsedAlertSubscription, ctx: { clientAddress: string; consentText: string; now?: Date }): Promise<void> {
  const departmentCode = input.postalCode ? departmentOfPostalCode(input.postalCode, "postalCode", input.commune) : null;
  await consumeRateLimits([
    ["alertPerIp", ctx.clientAddress],
    ["alertPerEmail", input.email],
  ]);
  const now = ctx.now ?? clockNow();
  const edition = await getCurrentEdition(now);
  const confirmToken = newToken();
  const unsubscribeToken = newToken();
  await inTransaction(async (tx) => {
    await tx.alertSubscription.deleteMany({ where: { email: input.email, status: "PENDING" } });
    const created = await tx.alertSubscription.create({
      data: {
        editionId: edition?.id ?? null,
        email: input.email,
        locale: input.locale,
        kinds: input.kinds,
        postalCode: departmentCode ? input.postalCode : null,
        departmentCode,
        confirmTokenHash: hashToken(confirmToken),
        unsubscribeTokenHash: hashToken(unsubscribeToken),
        unsubscribeTokenSealed: sealToken(unsubscribeToken),
        consentedAt: now,
        consentTextVersion: ALERT_CONSENT_VERSION,
        consentText: ctx.consentText,
      },
      select: { id: true },
    });
    await enqueueEmail(
      tx,
      alertConfirmEmail({
        subscriptionId: created.id,
        to: input.email,
        lang: langOf(input.locale),
        kinds: input.kinds,
        departmentName: departmentCode ? `${departmentName(departmentCode)} (${departmentCode})` : null,
        confirmToken,
      }),
    );
  });
}

const pendingWhere = (token: string, now: Date) => ({
  confirmTokenHash: hashToken(token),
  status: "PENDING" as const,
  createdAt: { gt: new Date(now.getTime() - CONFIRM_VALID_DAYS * DAY_MS) },
});

/** Whether a confirmation link is still usable (the page that shows its button). */
export async function isConfirmLinkValid(token: string, now: Date = clockNow()): Promise<boolean> {
  if (!token || token.length > 100) return false;
  return (await db.alertSubscription.count({ where: pendingWhere(token, now) })) > 0;
}

/**
 * Confirms a request from its e-mailed link (by a POST: mail scanners fetch links). The address's
 * previously confirmed alerts, if any, are replaced, keeping when the last digest went (one a day).
 * `alerts.link_invalid` when the link is unknown, used or expired.
 */
export async function confirmAlerts(token: string, now: Date = clockNow()): Promise<void> {
  if (!token || token.length > 100) throw new AppError("alerts.link_invalid", 404);
  await inTransaction(async (tx) => {
    const pending = await tx.alertSubscription.findFirst({ where: pendingWhere(token, now), select: { id: true, email: true } });
    if (!pending) throw new AppError("alerts.link_invalid", 404);
    const previous = await tx.alertSubscription.findMany({ where: { email: pending.email, status: "CONFIRMED" }, select: { id: true, lastDigestAt: true } });
    await tx.alertSubscription.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
    const { count } = await tx.alertSubscription.updateMany({
      where: { id: pending.id, status: "PENDING" },
      data: { status: "CONFIRMED", confirmedAt: now, confirmTokenHash: null, lastDigestAt: previous[0]?.lastDigestAt ?? null },
    });
    if (count === 0) throw new AppError("alerts.link_invalid", 404);
  });
}

/**
 * Unsubscribes, from the link of any alert e-mail: the address and postal code are erased at once,
 * with the e-mails about the subscription; what remains (kinds, department, dates) holds nothing
 * personal and goes with the edition's purge. Idempotent, and silent: an unknown or already used
 * link does the same (nothing), so the answer reveals nothing.
 */
export async function unsubscribeAlerts(token: string, now: Date = clockNow()): Promise<void> {
  if (!token || token.length > 100) return;
  await inTransaction(async (tx) => {
    const found = await tx.alertSubscription.findUnique({ where: { unsubscribeTokenHash: hashToken(token) }, select: { id: true, status: true } });
    if (!found || found.status === "UNSUBSCRIBED") return;
    await tx.$executeRaw`
      UPDATE "AlertSubscription" SET status = 'UNSUBSCRIBED', "unsubscribedAt" = ${now}, email = 'deleted+' || id || '@invalid',
        "postalCode" = NULL, "confirmTokenHash" = NULL, "unsubscribeTokenSealed" = NULL
      WHERE id = ${found.id}`;
    await tx.emailOutbox.deleteMany({ where: { alertSubscriptionId: found.id } });
  });
}
