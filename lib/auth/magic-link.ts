import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { consumeRateLimits } from "@/lib/rate-limit";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "./options";

// next-auth v4 stores sha256(token + secret) and verifies the link at /api/auth/callback/email.
const hashForNextAuth = (token: string) => createHash("sha256").update(`${token}${env.AUTH_SECRET}`).digest("hex");

// Sends a sign-in link through the outbox. Answers the same whether or not the address has an
// account (next-auth creates it on first sign-in), so the form reveals nothing.
export async function sendMagicLink(email: string, ip: string, callbackPath = "/", locale: "fr" | "en" = "fr") {
  await consumeRateLimits([
    ["magicLinkPerEmail", email],
    ["magicLinkPerIp", ip],
  ]);
  const token = randomBytes(32).toString("hex");
  const params = new URLSearchParams({ callbackUrl: `${env.APP_URL}${callbackPath}`, token, email });
  const url = `${env.APP_URL}/api/auth/callback/email?${params}`;
  const t = await getTranslations({ locale, namespace: "auth.email" });
  await db.$transaction(async (tx) => {
    await tx.verificationToken.create({
      data: { identifier: email, token: hashForNextAuth(token), expires: new Date(Date.now() + MAGIC_LINK_MAX_AGE_SECONDS * 1000) },
    });
    await enqueueEmail(tx, {
      to: email,
      template: "auth.magic-link",
      subject: t("subject"),
      text: t("body", { url }),
      // TODO(layout): switch to the shared e-mail layout once lib/email/layout.ts lands.
      html: `<p><a href="${url.replaceAll("&", "&amp;")}">${t("button")}</a></p>`,
    });
  });
}
