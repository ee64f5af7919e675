// The proof of work against the real database: a solution is accepted once (even when sent twice at
// the same moment), an expired, tampered, foreign or missing one is refused; GET /api/challenge gives
// solvable challenges, uncached and rate-limited per address; and each public form's action refuses
// a submission without a valid solution and then changes nothing.
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextAuth }));
vi.mock("next/cache", async () => (await import("../fixtures/request-scope")).nextCache);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);
vi.mock("next-intl/server", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextIntlServer }));

import { requestMagicLink } from "@/app/connexion/actions";
import { submitSurveyAction } from "@/app/enquete/[token]/actions";
import { bookAction } from "@/app/visites/[slotId]/reserver/actions";
import { GET as challengeRoute } from "@/app/api/challenge/route";
import { purgeSpentChallenges, verifyChallenge } from "@/lib/challenge";
import { newChallenge, solve, type Challenge } from "@/lib/challenge/pow";
import { db } from "@/lib/db";
import { authzWorld, databaseFingerprint, individualBookingFields, retireEditions, surveyInvitation } from "../fixtures/authz";
import { caught } from "../fixtures/bookings";
import { decoded, encoded, expiredSolution, solvedChallenge } from "../fixtures/challenge";
import { uid } from "../fixtures/factories";
import { form, newRequestScope, request } from "../fixtures/request-scope";

const spent = () => db.spentChallenge.count();
const code = async (payload: unknown) => (await caught(verifyChallenge(payload))).code;

afterEach(() => retireEditions());

describe("verifyChallenge", () => {
  it("accepts a solution once, and keeps it spent until its challenge expires", async () => {
    const solution = await solvedChallenge();
    const { challenge } = decoded(solution);
    await verifyChallenge(solution);
    const row = await db.spentChallenge.findUnique({ where: { signature: challenge.signature! } });
    expect(row?.expiresAt.getTime()).toBe(challenge.parameters.expiresAt! * 1000);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 19 * 60_000);
    expect(await code(solution)).toBe("challenge.invalid");
  });

  it("accepts one of the same solution sent many times at once", async () => {
    const solution = await solvedChallenge();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => verifyChallenge(solution)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "challenge.invalid", status: 422 });
  });

  it("accepts the JSON object an API client sends instead of the widget's base64", async () => {
    await verifyChallenge(decoded(await solvedChallenge()));
  });

  it("refuses a missing solution as required", async () => {
    for (const missing of [undefined, null, ""]) expect(await code(missing)).toBe("challenge.required");
  });

  it("refuses an expired, tampered, foreign or malformed solution, and records none of them", async () => {
    const before = await spent();
    const valid = decoded(await solvedChallenge());
    const withParameters = (over: Partial<Challenge["parameters"]>) =>
      encoded({ ...valid, challenge: { ...valid.challenge, parameters: { ...valid.challenge.parameters, ...over } } });
    const refused = {
      expired: await expiredSolution(),
      "expiry pushed back": withParameters({ expiresAt: valid.challenge.parameters.expiresAt! + 3600 }),
      "easier prefix": withParameters({ keyPrefix: "00" }),
      "wrong key": encoded({ ...valid, solution: { ...valid.solution, derivedKey: "ab".repeat(32) } }),
      "no signature": encoded({ ...valid, challenge: { parameters: valid.challenge.parameters } }),
      "signed with another secret": await solve(await newChallenge("another secret, not this server's", 3)),
      "the widget's test mode": encoded({ challenge: null, solution: null, test: true }),
      "not base64 JSON": "not a payload",
      "a number": 42,
      "an array": [valid],
      "deeply nested parameters": withParameters({ data: JSON.parse("[".repeat(700) + "]".repeat(700)) }),
      "too long": "A".repeat(100_000),
    };
    for (const [label, payload] of Object.entries(refused)) expect(await code(payload), label).toBe("challenge.invalid");
    expect(await spent()).toBe(before);
  });

  it("purges only the spent solutions whose challenge has expired", async () => {
    const past = `past-${uid()}`;
    const future = `future-${uid()}`;
    await db.spentChallenge.createMany({
      data: [
        { signature: past, expiresAt: new Date(Date.now() - 1000) },
        { signature: future, expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    expect(await purgeSpentChallenges()).toBeGreaterThanOrEqual(1);
    expect(await db.spentChallenge.findMany({ where: { signature: { in: [past, future] } }, select: { signature: true } })).toEqual([{ signature: future }]);
  });
});

describe("GET /api/challenge", () => {
  it("answers a fresh, uncached challenge that solves and verifies", async () => {
    newRequestScope();
    const res = await challengeRoute(request("/api/challenge"), undefined as never);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const challenge = (await res.json()) as Challenge;
    expect(challenge.parameters).toMatchObject({ algorithm: "PBKDF2/SHA-256", cost: 1000 });
    expect(challenge.parameters.keySignature).toBeTruthy();
    await verifyChallenge(await solve(challenge));
    const next = (await (await challengeRoute(request("/api/challenge"), undefined as never)).json()) as Challenge;
    expect(next.signature).not.toBe(challenge.signature);
  });

  it("is rate-limited per client address", async () => {
    newRequestScope();
    let status = 200;
    let res: Response | undefined;
    for (let i = 0; i < 121 && status === 200; i++) {
      res = await challengeRoute(request("/api/challenge"), undefined as never);
      status = res.status;
    }
    expect(status).toBe(429);
    expect(Number(res!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    newRequestScope();
    expect((await challengeRoute(request("/api/challenge"), undefined as never)).status).toBe(200);
  });
});

describe("the public forms refuse a submission without a valid solution, and change nothing", () => {
  const strings = (fields: object) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));

  // Each form's action, with its fields filled in, given the proof-of-work field (or none).
  const forms = {
    "booking (bookAction)": async () => {
      const w = await authzWorld();
      return (altcha: Record<string, string>) => bookAction({}, form({ ...strings(individualBookingFields(w.slot.id)), ...altcha }));
    },
    "sign-in link (requestMagicLink)": async () => (altcha: Record<string, string>) =>
      requestMagicLink({}, form({ email: `someone-${uid()}@example.fr`, callbackUrl: "/", ...altcha })),
    "survey (submitSurveyAction)": async () => {
      const token = await surveyInvitation(await authzWorld());
      return (altcha: Record<string, string>) =>
        submitSurveyAction({}, form({ token, satisfaction: "5", recommendBefore: "2", recommendAfter: "4", surprise: "", ...altcha }));
    },
  };

  it.each(Object.entries(forms))("%s", async (_, arrange) => {
    newRequestScope();
    const submit = await arrange();
    const used = await solvedChallenge();
    await verifyChallenge(used);
    const refusals: [Record<string, string>, string][] = [
      [{}, "challenge.required"],
      [{ altcha: "" }, "challenge.required"],
      [{ altcha: used }, "challenge.invalid"],
      [{ altcha: await expiredSolution() }, "challenge.invalid"],
      [{ altcha: "forged" }, "challenge.invalid"],
    ];
    for (const [altcha, expected] of refusals) {
      const before = { db: await databaseFingerprint(), spent: await spent() };
      const state = await submit(altcha);
      expect(state, JSON.stringify(altcha).slice(0, 40)).toMatchObject({ formError: expected });
      expect({ db: await databaseFingerprint(), spent: await spent() }).toEqual(before);
    }
    // The same submission with a solution goes through (a booking redirects to its page).
    const before = await databaseFingerprint();
    const outcome = (await submit({ altcha: await solvedChallenge() }).catch((error: { url?: string }) => ({
      ok: error.url?.startsWith("/reservation/"),
    }))) as { ok?: boolean };
    expect(outcome).toMatchObject({ ok: true });
    expect(await databaseFingerprint()).not.toEqual(before);
  });
});
