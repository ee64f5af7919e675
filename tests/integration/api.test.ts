// The REST API v1, through its real route handlers and a real database: every error code the API
// documents is produced by an actual request. Only the session lookup is replaced (no cookies here).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "USER"; locale: string } }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentUser: async () => session.user,
}));

import { POST as createBooking } from "@/app/api/v1/bookings/route";
import { DELETE as cancelBookingRoute, GET as getBooking } from "@/app/api/v1/bookings/[token]/route";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import { partnerKey } from "../fixtures/api-keys";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const APP = process.env.APP_URL ?? "http://localhost:3000";
const DAY = 24 * 3600_000;

// Bookings here come from a partner's key (BOOK): anonymous ones need a solved proof of work, which
// tests/integration/api-keys.test.ts covers.
let authorization = "";
beforeAll(async () => {
  authorization = (await partnerKey()).authorization;
});

beforeEach(() => {
  session.user = null;
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return createBooking(
    new Request(`${APP}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization, [CLIENT_ADDRESS_HEADER]: `10.0.0.${Math.floor(Math.random() * 250)}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    undefined as never,
  );
}

const byToken = (method: "GET" | "DELETE", token: string, headers: Record<string, string> = {}) => {
  const request = new Request(`${APP}/api/v1/bookings/${token}`, { method, headers });
  const context = { params: Promise.resolve({ token }) };
  return method === "GET" ? getBooking(request, context) : cancelBookingRoute(request, context);
};

const individual = (slotId: string, over: Record<string, unknown> = {}) => ({
  kind: "INDIVIDUAL",
  slotId,
  seats: 2,
  contactName: "Camille Martin",
  email: `api-${uid()}@example.fr`,
  consent: true,
  locale: "fr",
  ...over,
});

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error as { code: string; message: string; fields: Record<string, string> };
}

async function openSlot(slot: Record<string, unknown> = {}, edition: Record<string, unknown> = {}) {
  const e = await createEdition(edition);
  return createSlot(await createFactory(e.id), slot);
}

describe("POST /api/v1/bookings", () => {
  it("201: books, returns the private tokens, and a retry with the same Idempotency-Key returns the same booking (200)", async () => {
    const slot = await openSlot();
    const key = `key-${uid()}`;
    const body = individual(slot.id);
    const first = await post(body, { "idempotency-key": key });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ booking: { status: "CONFIRMED", seats: 2, slotId: slot.id }, replayed: false });
    expect(created.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const retry = await post(body, { "idempotency-key": key });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ booking: { id: created.booking.id }, replayed: true, manageToken: null });
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(1);
  });

  it("201 with WAITLISTED when the slot is full", async () => {
    const slot = await openSlot({ capacity: 2 });
    expect((await (await post(individual(slot.id, { idempotencyKey: `k-${uid()}` }))).json()).booking.status).toBe("CONFIRMED");
    const second = await post(individual(slot.id, { idempotencyKey: `k-${uid()}` }));
    expect(second.status).toBe(201);
    expect((await second.json()).booking.status).toBe("WAITLISTED");
  });

  it("400 invalid_json, 415 json_required", async () => {
    await expectError(await post("{not json"), 400, "request.invalid_json");
    const response = await createBooking(
      new Request(`${APP}/api/v1/bookings`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }),
      undefined as never,
    );
    await expectError(response, 415, "request.json_required");
  });

  it("422 validation.failed with a code per field, and nothing written", async () => {
    const slot = await openSlot();
    const error = await expectError(
      await post({ ...individual(slot.id), seats: -3, email: "pas-un-email", consent: false, idempotencyKey: `k-${uid()}` }),
      422,
      "validation.failed",
    );
    expect(error.fields).toMatchObject({ seats: "seats.too_few", email: "email.invalid", consent: "consent.required" });
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(0);
  });

  it("404 slot.not_found", async () => {
    await expectError(await post(individual("does-not-exist", { idempotencyKey: `k-${uid()}` })), 404, "slot.not_found");
  });

  it("409 booking.window_closed and slot.closed", async () => {
    const closed = await openSlot({}, { bookingOpensAt: new Date(Date.now() + DAY), bookingClosesAt: new Date(Date.now() + 2 * DAY) });
    await expectError(await post(individual(closed.id, { idempotencyKey: `k-${uid()}` })), 409, "booking.window_closed");
    const cancelled = await openSlot({ status: "CANCELLED" });
    await expectError(await post(individual(cancelled.id, { idempotencyKey: `k-${uid()}` })), 409, "slot.closed");
  });

  it("422 audience and per-booking limits", async () => {
    const schoolOnly = await openSlot({ audience: "SCHOOL" });
    await expectError(await post(individual(schoolOnly.id, { idempotencyKey: `k-${uid()}` })), 422, "audience.school_only");
    const small = await openSlot({ maxSeatsPerBooking: 2 });
    await expectError(await post(individual(small.id, { seats: 5, idempotencyKey: `k-${uid()}` })), 422, "seats.too_many");
  });

  it("401 group.sign_in_required for a class without a signed-in teacher", async () => {
    const slot = await openSlot({ capacity: 40 });
    await expectError(
      await post({
        kind: "GROUP",
        slotId: slot.id,
        students: 24,
        adults: 2,
        schoolUai: "0740003B",
        schoolName: "Collège de Cluses",
        classLevel: "4e",
        contactName: "Mme Prof",
        email: `prof-${uid()}@example.fr`,
        phone: "06 12 34 56 78",
        consent: true,
        locale: "fr",
        idempotencyKey: `k-${uid()}`,
      }),
      401,
      "group.sign_in_required",
    );
  });

  it("409 limit.max_active and limit.overlap for one address", async () => {
    const edition = await createEdition({ maxActiveBookingsPerEmail: 1 });
    const factory = await createFactory(edition.id);
    const start = Date.now() + 30 * DAY;
    const [a, b] = await Promise.all([createSlot(factory, { startsAt: new Date(start) }), createSlot(factory, { startsAt: new Date(start + 3 * 3600_000) })]);
    const email = `limit-${uid()}@example.fr`;
    expect((await post(individual(a.id, { email, idempotencyKey: `k-${uid()}` }))).status).toBe(201);
    await expectError(await post(individual(b.id, { email, idempotencyKey: `k-${uid()}` })), 409, "limit.max_active");

    const e2 = await createEdition();
    const f2 = await createFactory(e2.id);
    const [c, d] = await Promise.all([createSlot(f2, { startsAt: new Date(start) }), createSlot(f2, { startsAt: new Date(start + 30 * 60_000) })]);
    const other = `overlap-${uid()}@example.fr`;
    expect((await post(individual(c.id, { email: other, idempotencyKey: `k-${uid()}` }))).status).toBe(201);
    await expectError(await post(individual(d.id, { email: other, idempotencyKey: `k-${uid()}` })), 409, "limit.overlap");
  });

  it("403 origin.forbidden for a cross-site browser request; allowed without Origin", async () => {
    const slot = await openSlot();
    await expectError(await post(individual(slot.id, { idempotencyKey: `k-${uid()}` }), { origin: "https://evil.example" }), 403, "origin.forbidden");
    expect(await db.booking.count({ where: { slotId: slot.id } })).toBe(0);
    expect((await post(individual(slot.id, { idempotencyKey: `k-${uid()}` }), { origin: new URL(APP).origin })).status).toBe(201);
  });

  it("429 rate_limited with Retry-After once an address books too often", async () => {
    const slot = await openSlot({ capacity: 500, maxSeatsPerBooking: 1 });
    const email = `rl-${uid()}@example.fr`;
    // 20 attempts per address and hour (all refused here by the per-address limit after the first
    // 3 bookings, but each attempt counts), then 429.
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await post(individual(slot.id, { email, seats: 1, idempotencyKey: `k-${uid()}` }));
    const error = await expectError(last!, 429, "rate_limited");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(error.message).toMatch(/Réessayez dans \d+ minute/);
  });
});

describe("GET and DELETE /api/v1/bookings/{token}", () => {
  it("reads and cancels a booking by its private token; 404 for a wrong one; 409 when cancelled twice", async () => {
    const slot = await openSlot();
    const { manageToken } = await (await post(individual(slot.id, { idempotencyKey: `k-${uid()}` }))).json();

    const read = await byToken("GET", manageToken);
    expect(read.status).toBe(200);
    const { booking, conditions } = await read.json();
    expect(booking).toMatchObject({ status: "CONFIRMED", seats: 2 });
    expect(conditions).toContainEqual({ code: "minors" });
    expect(booking).not.toHaveProperty("manageTokenHash");

    await expectError(await byToken("GET", "x".repeat(43)), 404, "booking.not_found");
    await expectError(await byToken("GET", "short"), 422, "validation.failed");

    const cancelled = await byToken("DELETE", manageToken);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ cancelled: true });
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).taken).toBe(0);
    await expectError(await byToken("DELETE", manageToken), 409, "booking.already_cancelled");
    await expectError(await byToken("DELETE", manageToken, { origin: "https://evil.example" }), 403, "origin.forbidden");
  });
});

describe("GET /api/v1/slots", () => {
  it("lists the current edition's visits with availability, filtered", async () => {
    // The soonest edition is the current one: this one starts tomorrow.
    const edition = await createEdition({ firstDay: new Date(Date.now() + DAY), lastDay: new Date(Date.now() + 2 * DAY) });
    const factory = await createFactory(edition.id, { siteName: `Site API ${uid()}` });
    const startsAt = new Date(Date.now() + 1.5 * DAY);
    const open = await createSlot(factory, { startsAt, capacity: 10, taken: 4, audience: "BOTH" });
    await createSlot(factory, { startsAt, capacity: 5, taken: 5, audience: "PUBLIC" });
    await createSlot(factory, { startsAt, capacity: 5, audience: "SCHOOL" });
    const { GET: listSlots } = await import("@/app/api/v1/slots/route");
    const response = await listSlots(new Request(`${APP}/api/v1/slots?audience=PUBLIC&available=1`), undefined as never);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.total).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: open.id, seatsLeft: 6, audience: "BOTH", factory: { siteName: factory.siteName } });

    // A validator: the same answer is a 304 without a body; once a seat is taken it is the new list.
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(response.headers.get("cache-control")).toBe("public, no-cache");
    const list = (headers: Record<string, string>) => listSlots(new Request(`${APP}/api/v1/slots?audience=PUBLIC&available=1`, { headers }), undefined as never);
    const unchanged = await list({ "if-none-match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    await db.slot.update({ where: { id: open.id }, data: { taken: 5 } });
    const changed = await list({ "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await changed.json()).items[0].seatsLeft).toBe(5);
  });
});
