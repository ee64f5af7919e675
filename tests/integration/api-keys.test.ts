// Partners' API keys end to end, through the organisers' real server actions and the REST API's real
// route handlers on a real database: a key is issued (its secret shown once, only its hash stored,
// the audit log told without either), books without a proof of work, is limited per key, and stops
// opening anything once revoked. Anonymous API bookings must carry a solved challenge.
// Only what exists solely inside a Next.js request is stood in for (tests/fixtures/request-scope.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextAuth }));
vi.mock("next/cache", async () => (await import("../fixtures/request-scope")).nextCache);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);

import { POST as createBooking } from "@/app/api/v1/bookings/route";
import { GET as listSlots } from "@/app/api/v1/slots/route";
import { issueApiKeyAction, revokeApiKeyAction } from "@/app/organisation/partenaires/actions";
import { createChallenge } from "@/lib/challenge";
import { solve } from "@/lib/challenge/pow";
import { db } from "@/lib/db";
import { hashApiKey } from "@/lib/partners/api-key-format";
import { authenticateApiKey, listApiKeys } from "@/lib/partners/api-keys";
import { consumeRateLimits } from "@/lib/rate-limit";
import { partnerKey } from "../fixtures/api-keys";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { form, newRequestScope, request, requestScope, signInAs } from "../fixtures/request-scope";

beforeEach(() => newRequestScope());

const organiser = () => db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true } });

async function openSlot(slot: Record<string, unknown> = {}) {
  return createSlot(await createFactory((await createEdition()).id), slot);
}

const individual = (slotId: string, over: Record<string, unknown> = {}) => ({
  kind: "INDIVIDUAL",
  slotId,
  seats: 1,
  contactName: "Camille Martin",
  email: `partenaire-${uid()}@example.fr`,
  consent: true,
  locale: "fr",
  idempotencyKey: `k-${uid()}`,
  ...over,
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return createBooking(request("/api/v1/bookings", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), undefined as never);
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toBe(code); // translated
  return body.error as { code: string; message: string };
}

/** Issues a key through the organisers' action, as the page does; returns what the page shows. */
async function issue(name: string, scopes: string[]) {
  signInAs(await organiser());
  const state = await issueApiKeyAction({}, form({ name, scopes }));
  expect(state.formError, JSON.stringify(state)).toBeUndefined();
  signInAs(null);
  return state.issued!;
}

async function revoke(keyId: string) {
  signInAs(await organiser());
  await expect(revokeApiKeyAction({}, form({ keyId, confirm: "on" }))).rejects.toMatchObject({ url: "/organisation/partenaires?fait=revoked" });
  signInAs(null);
}

// What a booking writes: the booking, its e-mail, and (for an anonymous one) its spent challenge.
const written = async () => ({ bookings: await db.booking.count(), mails: await db.emailOutbox.count(), challenges: await db.spentChallenge.count() });

describe("issuing a key", () => {
  it("shows the secret once, stores only its hash, and logs the issue without either", async () => {
    const issued = await issue("Office de tourisme de Cluses", ["BOOK", "READ", "BOOK"]);
    expect(issued.secret).toMatch(/^uo_[A-Za-z0-9_-]{43}$/);
    expect(issued.prefix).toBe(issued.secret.slice(0, issued.prefix.length));

    const stored = await db.apiKey.findUniqueOrThrow({ where: { prefix: issued.prefix }, omit: { hash: false } });
    expect(stored).toMatchObject({ name: "Office de tourisme de Cluses", scopes: ["READ", "BOOK"], hash: hashApiKey(issued.secret), lastUsedAt: null, revokedAt: null });
    const [raw] = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(k)::text AS row FROM "ApiKey" k WHERE id = ${stored.id}`;
    expect(raw.row).not.toContain(issued.secret);
    expect(raw.row).not.toContain(issued.secret.slice(issued.prefix.length));

    const audit = await db.auditLog.findMany({ where: { entityType: "ApiKey", entityId: stored.id } });
    expect(audit.map((a) => a.action)).toEqual(["api_key.issued"]);
    expect(audit[0].after).toEqual({ name: "Office de tourisme de Cluses", prefix: issued.prefix, scopes: ["READ", "BOOK"] });
    const logged = JSON.stringify(audit, (_, v) => (typeof v === "bigint" ? String(v) : v));
    expect(logged).not.toContain(issued.secret.slice(issued.prefix.length));
    expect(logged).not.toContain(stored.hash);

    const listed = (await listApiKeys()).find((k) => k.id === stored.id);
    expect(listed).toMatchObject({ name: "Office de tourisme de Cluses", prefix: issued.prefix });
    expect(listed).not.toHaveProperty("hash");
  });

  it("refuses a key without a name or a scope, with a code per field, and writes nothing", async () => {
    signInAs(await organiser());
    const before = await db.apiKey.count();
    const state = await issueApiKeyAction({}, form({ name: " ", scopes: ["ADMIN"] }));
    expect(state).toMatchObject({ formError: "validation.failed", fieldErrors: { name: "name.required", scopes: "scopes.invalid" } });
    expect((await issueApiKeyAction({}, form({ name: "Partenaire" }))).fieldErrors).toEqual({ scopes: "scopes.required" });
    expect(await db.apiKey.count()).toBe(before);
  });
});

describe("booking with a key", () => {
  it("books without a challenge (201); once revoked the same key gets 401 api_key.invalid with WWW-Authenticate", async () => {
    const slot = await openSlot();
    const issued = await issue("Plateforme de sorties scolaires", ["BOOK"]);
    const authorization = `Bearer ${issued.secret}`;

    const booked = await post(individual(slot.id), { authorization });
    expect(booked.status).toBe(201);
    expect((await booked.json()).booking).toMatchObject({ status: "CONFIRMED", slotId: slot.id });
    const key = await db.apiKey.findUniqueOrThrow({ where: { prefix: issued.prefix } });
    expect(key.lastUsedAt).not.toBeNull();

    await revoke(key.id);
    const refused = await post(individual(slot.id), { authorization });
    await expectError(refused, 401, "api_key.invalid");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(1);

    // Revoking again changes nothing and logs nothing more.
    await revoke(key.id);
    expect((await db.auditLog.findMany({ where: { entityId: key.id }, orderBy: { id: "asc" } })).map((a) => a.action)).toEqual(["api_key.issued", "api_key.revoked"]);
  });

  it("refuses a READ-only key on bookings (403 api_key.scope) and writes nothing; READ lists the catalogue", async () => {
    const slot = await openSlot();
    const reader = await partnerKey(["READ"]);
    const before = await written();
    const refused = await post(individual(slot.id), { authorization: reader.authorization });
    await expectError(refused, 403, "api_key.scope");
    expect(refused.headers.get("www-authenticate")).toMatch(/insufficient_scope/);
    expect(await written()).toEqual(before);

    expect((await listSlots(request("/api/v1/slots", { headers: { authorization: reader.authorization } }), undefined as never)).status).toBe(200);
    const booker = await partnerKey(["BOOK"]);
    await expectError(await listSlots(request("/api/v1/slots", { headers: { authorization: booker.authorization } }), undefined as never), 403, "api_key.scope");
  });

  it("refuses malformed and unknown keys with 401 api_key.invalid", async () => {
    const slot = await openSlot();
    for (const authorization of ["Bearer", "Bearer pas-une-cle", `Bearer uo_${"A".repeat(43)}`]) {
      const response = await post(individual(slot.id), { authorization });
      await expectError(response, 401, "api_key.invalid");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    }
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(0);
  });

  it("validates the body before the key: a bad body is 422 validation.failed whatever the key", async () => {
    const slot = await openSlot();
    const error = await post(individual(slot.id, { seats: 0 }), { authorization: "Bearer pas-une-cle" });
    await expectError(error, 422, "validation.failed");
  });

  it("refreshes lastUsedAt at most once a minute", async () => {
    const key = await partnerKey(["READ"]);
    const read = () => authenticateApiKey(new Request("http://localhost/api/v1/slots", { headers: { authorization: key.authorization } }), "READ");
    const stamp = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt!.getTime();
    const first = await stamp();
    expect(await read()).toEqual({ id: key.id, name: key.name });
    expect(await stamp()).toBe(first);
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await read();
    expect(await stamp()).toBeGreaterThan(Date.now() - 5_000);
  });
});

describe("per-key limits", () => {
  it("cuts a key's bookings at its allowance (300 per 10 minutes), for that key only, and instead of the per-address limit", async () => {
    const slot = await openSlot({ capacity: 1000 });
    const [heavy, other] = await Promise.all([partnerKey(), partnerKey()]);
    // The key has spent 299 of its 300 bookings; the client address has spent all of its own (60).
    for (let i = 0; i < 299; i += 50) await Promise.all(Array.from({ length: Math.min(50, 299 - i) }, () => consumeRateLimits([["bookingPerKey", heavy.id]])));
    for (let i = 0; i < 60; i++) await consumeRateLimits([["bookingPerIp", requestScope.ip]]);
    await expectError(await post(individual(slot.id)), 429, "rate_limited"); // anonymous: the address's limit

    expect((await post(individual(slot.id), { authorization: heavy.authorization })).status).toBe(201);
    const cut = await post(individual(slot.id), { authorization: heavy.authorization });
    await expectError(cut, 429, "rate_limited");
    expect(Number(cut.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(individual(slot.id), { authorization: other.authorization })).status).toBe(201);
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(2);
  });
});

describe("anonymous bookings", () => {
  it("are refused without a solved challenge (422 challenge.required) or with a forged one (challenge.invalid), and write nothing", async () => {
    const slot = await openSlot();
    const before = await written();
    const refused = await expectError(await post(individual(slot.id)), 422, "challenge.required");
    expect(refused.message).toMatch(/anti-robot/);
    const forged = Buffer.from(JSON.stringify({ algorithm: "SHA-256", challenge: "x", number: 1, salt: "y", signature: "z" })).toString("base64");
    await expectError(await post(individual(slot.id, { altcha: forged })), 422, "challenge.invalid");
    expect(await written()).toEqual(before);
  });

  it("book with a solved challenge (201), which cannot be used twice", async () => {
    const slot = await openSlot();
    const altcha = await solve(await createChallenge());
    expect((await post(individual(slot.id, { altcha }))).status).toBe(201);
    await expectError(await post(individual(slot.id, { altcha })), 422, "challenge.invalid");
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(1);
  });
});
