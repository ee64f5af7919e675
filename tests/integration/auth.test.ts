import { createHash } from "node:crypto";
import NextAuth from "next-auth";
import { describe, expect, it } from "vitest";
import { sendMagicLink } from "@/lib/auth/magic-link";
import { authOptions } from "@/lib/auth/options";
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
    const known = await db.user.create({ data: { email: `known-${uid()}@example.org` } });
    const [forUnknown, forKnown] = await Promise.all([sendMagicLink(email, `ip-${uid()}`), sendMagicLink(known.email, `ip-${uid()}`)]);
    expect(forUnknown.remaining).toBe(forKnown.remaining);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  // The link of the nth e-mail sent to `email`, oldest first.
  async function links(email: string) {
    const mails = await db.emailOutbox.findMany({ where: { to: email, template: "auth.magic-link" }, orderBy: { createdAt: "asc" } });
    return mails.map((mail) => mail.text.match(/https?:\/\/\S+/)![0]);
  }
  // Follows a link through next-auth's own e-mail callback (its API-route form, which needs no Next
  // request scope) with our options and adapter: whether it sets a session, and where it redirects.
  async function follow(link: string) {
    const url = new URL(link);
    const headers = new Map<string, string | string[]>();
    const req = { method: "GET", query: { nextauth: ["callback", "email"], ...Object.fromEntries(url.searchParams) }, cookies: {}, headers: { host: url.host }, body: {} };
    const res = {
      status: () => res,
      setHeader: (name: string, value: string | string[]) => headers.set(name.toLowerCase(), value),
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      end: () => undefined,
      send: () => undefined,
      json: () => undefined,
    };
    await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, authOptions);
    const cookies = [headers.get("set-cookie") ?? []].flat();
    return { signedIn: cookies.some((c) => /next-auth\.session-token=[^;]+/.test(c)), redirect: headers.get("location") };
  }

  it("signs in with the newest of three links; older ones stay valid until they expire, each once", async () => {
    const email = `thrice-${uid()}@example.org`;
    const left = [];
    for (let i = 0; i < 3; i++) left.push((await sendMagicLink(email, `ip-${uid()}`, "/mes-reservations")).remaining);
    // The form says how many more the address may ask for this hour.
    expect(left).toEqual([4, 3, 2]);
    const [first, , newest] = await links(email);
    expect(await follow(newest)).toEqual({ signedIn: true, redirect: `${env.APP_URL}/mes-reservations` });
    // Used once: the same link no longer signs in.
    expect((await follow(newest)).signedIn).toBe(false);
    // Decision: an older link still works until it expires (e-mails can arrive out of order).
    expect((await follow(first)).signedIn).toBe(true);
  });

  it("refuses the sixth link of the hour saying when the limit reopens, and the fifth link still signs in", async () => {
    const email = `locked-${uid()}@example.org`;
    for (let i = 0; i < 5; i++) await sendMagicLink(email, `ip-${uid()}`);
    const error = (await sendMagicLink(email, `ip-${uid()}`).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    const window = await db.rateLimit.findFirstOrThrow({ where: { key: `magicLinkPerEmail:${email}` } });
    expect(Math.abs(error.retryAt.getTime() - Number(window.expire))).toBeLessThan(1000);
    expect((await follow((await links(email))[4])).signedIn).toBe(true);
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
