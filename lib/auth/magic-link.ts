import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { emailLayout, html } from "@/lib/email/layout";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n/messages";
import { type Allowance, consumeRateLimits } from "@/lib/rate-limit";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "./options";

// next-auth v4 stores sha256(token + secret) and verifies the link at /api/auth/callback/email.
const hashForNextAuth = (token: string) => createHash("sha256").update(`${token}${env.AUTH_SECRET}`).digest("hex");

// Sends a sign-in link through the outbox. Answers the same whether or not the address has an
// account (next-auth creates it on first sign-in), so the form reveals nothing. Returns how many more
// links the address may ask for before its limit, and when that resets: the form says it before the
// limit bites. Earlier links stay valid until they expire (each once): e-mails may arrive out of
// order, and the newest is then no better than the one in hand.
export async function sendMagicLink(email: string, ip: string, callbackPath = "/", locale: "fr" | "en" = "fr"): Promise<Allowance> {
  const left = await consumeRateLimits([
    ["magicLinkPerEmail", email],
    ["magicLinkPerIp", ip],
  ]);
  const token = randomBytes(32).toString("hex");
  const params = new URLSearchParams({ callbackUrl: `${env.APP_URL}${callbackPath}`, token, email });
  const url = `${env.APP_URL}/api/auth/callback/email?${params}`;
  const t = await translator(locale, "auth.email");
  await db.$transaction(async (tx) => {
    await tx.verificationToken.create({
      data: { identifier: email, token: hashForNextAuth(token), expires: new Date(Date.now() + MAGIC_LINK_MAX_AGE_SECONDS * 1000) },
    });
    await enqueueEmail(tx, {
      to: email,
      template: "auth.magic-link",
      subject: t("subject"),
      text: t("body", { url }),
      html: emailLayout({
        lang: locale,
        title: t("subject"),
        body: html`<p><a href="${url}" style="display:inline-block;padding:12px 20px;background:#1e40af;color:#ffffff;text-decoration:none;border-radius:6px">${t("button")}</a></p>`,
        footer: t("footer"),
      }),
    });
  });
  return left.magicLinkPerEmail!;
}
