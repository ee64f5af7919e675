import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendMagicLink } from "@/lib/auth/magic-link";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { RateLimitError } from "@/lib/rate-limit";
import { uid } from "../fixtures/factories";

describe("magic-link sign-in", () => {
  it("stores only the hashed token and e-mails a link next-auth can verify", async () => {
    const email = `user-${uid()}@example.org`;
    await sendMagicLink(email, `ip-${uid()}`, "/organisation", "fr");
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: email, template: "auth.magic-link" } });
    const url = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    expect(url.pathname).toBe("/api/auth/callback/email");
    expect(url.searchParams.get("email")).toBe(email);
    expect(url.searchParams.get("callbackUrl")).toBe(`${env.APP_URL}/organisation`);
    const token = url.searchParams.get("token")!;
    const stored = await db.verificationToken.findFirstOrThrow({ where: { identifier: email } });
    expect(stored.token).not.toBe(token);
    expect(stored.token).toBe(createHash("sha256").update(`${token}${env.AUTH_SECRET}`).digest("hex"));
    expect(mail.subject).toMatch(/lien de connexion/);
  });

  it("answers the same for an unknown address (no account needed, nothing revealed)", async () => {
    const email = `nobody-${uid()}@example.org`;
    await expect(sendMagicLink(email, `ip-${uid()}`)).resolves.toBeUndefined();
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("limits links per e-mail address, shared through PostgreSQL", async () => {
    const email = `spam-${uid()}@example.org`;
    for (let i = 0; i < 5; i++) await sendMagicLink(email, `ip-${uid()}`);
    const error = await sendMagicLink(email, `ip-${uid()}`).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMinutes).toBeGreaterThan(0);
    expect(await db.emailOutbox.count({ where: { to: email } })).toBe(5);
    expect(await db.rateLimit.count({ where: { key: `magicLinkPerEmail:${email}` } })).toBe(1);
  });
});
