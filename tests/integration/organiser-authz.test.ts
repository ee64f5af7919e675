// Authorisation matrix of the organisers' back office: every organiser server action and route
// handler, called as an anonymous visitor, a signed-in visitor (no role), a teacher (with a class
// booking), a contact of the very factory concerned, and an organiser. Everyone but the organiser is
// refused (auth.required / auth.forbidden, 401 / 403), and a refusal changes nothing in the database.
// Only the identity source is mocked (next-auth's getServerSession, read by lib/auth/session's real
// requireRole), plus Next's request-scope helpers (revalidatePath, redirect).
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { url });
  }),
  notFound: vi.fn(() => {
    throw new Error("NEXT_NOT_FOUND");
  }),
}));

import { existsSync } from "node:fs";
import path from "node:path";
import type { AdminFormState } from "@/lib/organiser/schemas";
import { db } from "@/lib/db";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const editionActions = await import("@/app/organisation/edition/actions");
const quotaActions = await import("@/app/organisation/quotas/actions");
const validationActions = await import("@/app/organisation/validations/actions");
const roleActions = await import("@/app/organisation/roles/actions");
const quotaExport = await import("@/app/organisation/quotas/export.csv/route");

// The exports are another feature's; they are in the matrix when present.
const EXPORTS_ROUTE = path.join(process.cwd(), "app/organisation/exports/[kind]/route.ts");
const exportsRoute = existsSync(EXPORTS_ROUTE)
  ? ((await import(/* @vite-ignore */ EXPORTS_ROUTE)) as {
      GET?: (request: Request, context: { params: Promise<{ kind: string }> }) => Promise<Response>;
      POST?: (request: Request, context: { params: Promise<{ kind: string }> }) => Promise<Response>;
    })
  : null;

// ───────────────────────────── The world ─────────────────────────────

type Identity = "anonymous" | "visitor" | "teacher" | "factoryContact" | "organiser";
const IDENTITIES: Identity[] = ["anonymous", "visitor", "teacher", "factoryContact", "organiser"];

const newUser = (role: "USER" | "ORGANISER" = "USER") => db.user.create({ data: { email: `authz-${uid()}@example.fr`, role }, select: { id: true, email: true } });

let siretCounter = 0;
const siret = () => `${String(Date.now() % 1e7).padStart(7, "0")}${String(process.pid % 1000).padStart(3, "0")}${String(siretCounter++ % 10000).padStart(4, "0")}`;

/** One edition with everything an action can touch, and the five identities. */
async function world() {
  const edition = await createEdition({ approvalMode: "MANUAL" });
  await db.quota.create({ data: { editionId: edition.id, dimension: "REGION", value: "84", cap: 1 } });
  const approved = await createFactory(edition.id, { siret: siret(), status: "APPROVED" });
  // Pending, in a region without a cap: the organiser can approve it.
  const pending = await createFactory(edition.id, { siret: siret(), status: "PENDING", regionCode: "11", siteName: "Site en attente" });
  // Waitlisted over the region's cap: the organiser can only override.
  const waitlisted = await createFactory(edition.id, { siret: siret(), status: "WAITLISTED", statusReason: "Plafond atteint." });
  const slot = await createSlot(approved, { capacity: 40 });
  const phase = await db.registrationPhase.create({ data: { editionId: edition.id, name: "Rééquilibrage", startsAt: new Date(Date.now() + 86_400_000) } });

  const visitor = await newUser();
  const teacher = await newUser();
  await db.booking.create({
    data: {
      editionId: edition.id,
      slotId: slot.id,
      userId: teacher.id,
      kind: "GROUP",
      status: "CONFIRMED",
      seats: 26,
      students: 24,
      adults: 2,
      schoolUai: "0740001A",
      schoolName: "Collège des Allobroges",
      classLevel: "4e",
      contactName: "Claire Enseignante",
      email: teacher.email,
      manageTokenHash: randomBytes(32).toString("hex"),
      ticketTokenHash: randomBytes(32).toString("hex"),
      ticketCode: uid().slice(0, 8).toUpperCase(),
      consentAt: new Date(),
    },
  });
  // A contact of the very factories the decisions are about; a second contact that can be detached.
  const factoryContact = await newUser();
  const colleague = await newUser();
  await db.factoryContact.createMany({
    data: [
      { factoryId: pending.id, userId: factoryContact.id },
      { factoryId: waitlisted.id, userId: factoryContact.id },
      { factoryId: approved.id, userId: factoryContact.id },
      { factoryId: pending.id, userId: colleague.id },
    ],
  });
  const organiser = await newUser("ORGANISER");
  const otherOrganiser = await newUser("ORGANISER");
  const users: Record<Identity, { id: string } | null> = { anonymous: null, visitor, teacher, factoryContact, organiser };
  return { edition, approved, pending, waitlisted, phase, colleague, otherOrganiser, users };
}
type World = Awaited<ReturnType<typeof world>>;

/** Everything an organiser action could change in the world (and the global tables it writes to). */
async function footprint(w: World) {
  const editionId = w.edition.id;
  const [edition, quotas, phases, factories, contacts, organisers, users, audit, outbox] = await Promise.all([
    db.edition.findUniqueOrThrow({ where: { id: editionId } }),
    db.quota.findMany({ where: { editionId }, orderBy: { id: "asc" } }),
    db.registrationPhase.findMany({ where: { editionId }, orderBy: { id: "asc" } }),
    db.factory.findMany({ where: { editionId }, orderBy: { id: "asc" }, select: { id: true, status: true, statusReason: true, updatedAt: true } }),
    db.factoryContact.findMany({ where: { factory: { editionId } }, orderBy: [{ factoryId: "asc" }, { userId: "asc" }] }),
    db.user.findMany({ where: { role: "ORGANISER" }, orderBy: { id: "asc" }, select: { id: true } }),
    db.user.count(),
    db.auditLog.count(),
    db.emailOutbox.count(),
  ]);
  return { edition, quotas, phases, factories, contacts, organisers, users, audit, outbox };
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

type Outcome = { refused: string | null; succeeded: boolean; detail: string };
type Action = (state: AdminFormState, data: FormData) => Promise<AdminFormState>;

async function callAction(action: Action, fields: Record<string, string | Blob>): Promise<Outcome> {
  try {
    const state = await action({}, form(fields));
    const refused = state.formError === "auth.required" || state.formError === "auth.forbidden" ? state.formError : null;
    return { refused, succeeded: state.ok === true, detail: JSON.stringify(state) };
  } catch (error) {
    const url = (error as { url?: string }).url;
    if (url) return { refused: null, succeeded: true, detail: `redirect ${url}` };
    const code = (error as { code?: string }).code;
    if (code === "auth.required" || code === "auth.forbidden") return { refused: code, succeeded: false, detail: String(error) };
    throw error;
  }
}

async function callRoute(response: Promise<Response>): Promise<Outcome> {
  const res = await response;
  if (res.status === 401 || res.status === 403) {
    const body = await res.json();
    return { refused: body.error?.code ?? String(res.status), succeeded: false, detail: `${res.status} ${JSON.stringify(body)}` };
  }
  return { refused: null, succeeded: res.ok, detail: `${res.status}` };
}

// ───────────────────────────── The matrix ─────────────────────────────

interface Case {
  name: string;
  mutates: boolean;
  call: (w: World) => Promise<Outcome>;
}

const APP = "http://localhost:3000";

const CASES: Case[] = [
  {
    name: "edition settings (updateEditionAction)",
    mutates: true,
    call: (w) =>
      callAction(editionActions.updateEditionAction, {
        editionId: w.edition.id,
        name: "Édition piratée",
        // Same days (a visit is published on them); everything else changes.
        firstDay: w.edition.firstDay.toISOString().slice(0, 10),
        lastDay: w.edition.lastDay.toISOString().slice(0, 10),
        factoryRegistrationOpensAt: "2020-01-15T09:00",
        factoryRegistrationClosesAt: `${w.edition.firstDay.toISOString().slice(0, 10)}T08:00`,
        bookingOpensAt: "2020-05-01T10:00",
        bookingClosesAt: `${w.edition.lastDay.toISOString().slice(0, 10)}T12:00`,
        maxActiveBookingsPerEmail: "20",
        defaultMaxSeatsPerBooking: "50",
        approvalMode: "AUTOMATIC",
        dataRetentionDays: "1000",
      }),
  },
  {
    name: "quota table (saveQuotasAction)",
    mutates: true,
    call: (w) => callAction(quotaActions.saveQuotasAction, { editionId: w.edition.id, "REGION.84.cap": "50", "REGION.84.target": "", approveWaitlisted: "on" }),
  },
  {
    name: "CSV import (importQuotasAction)",
    mutates: true,
    call: (w) =>
      callAction(quotaActions.importQuotasAction, {
        editionId: w.edition.id,
        approveWaitlisted: "on",
        file: new Blob(["dimension;value;label;cap;target\nREGION;84;;60;\n"], { type: "text/csv" }),
      }),
  },
  {
    name: "waiting-list re-evaluation (reevaluateAction)",
    mutates: false, // nothing fits the cap of 1 yet: the organiser's run only writes its summary
    call: (w) => callAction(quotaActions.reevaluateAction, { editionId: w.edition.id }),
  },
  {
    name: "add a phase (addPhaseAction)",
    mutates: true,
    call: (w) => callAction(quotaActions.addPhaseAction, { editionId: w.edition.id, name: "Phase pirate", startsAt: "2031-02-01T00:00", endsAt: "" }),
  },
  {
    name: "remove a phase (removePhaseAction)",
    mutates: true,
    call: (w) => callAction(quotaActions.removePhaseAction, { editionId: w.edition.id, phaseId: w.phase.id }),
  },
  {
    name: "approve a factory (decideAction)",
    mutates: true,
    call: (w) => callAction(validationActions.decideAction, { factoryId: w.pending.id, decision: "APPROVE", comment: "OK" }),
  },
  {
    name: "reject a factory (decideAction)",
    mutates: true,
    call: (w) => callAction(validationActions.decideAction, { factoryId: w.pending.id, decision: "REJECT", comment: "Non" }),
  },
  {
    name: "override a cap (overrideAction)",
    mutates: true,
    call: (w) => callAction(validationActions.overrideAction, { factoryId: w.waitlisted.id, reason: "Parce que", confirm: "on" }),
  },
  {
    name: "grant the organiser role (grantOrganiserAction)",
    mutates: true,
    call: () => callAction(roleActions.grantOrganiserAction, { email: `intrus-${uid()}@example.fr` }),
  },
  {
    name: "revoke the organiser role (revokeOrganiserAction)",
    mutates: true,
    call: (w) => callAction(roleActions.revokeOrganiserAction, { userId: w.otherOrganiser.id }),
  },
  {
    name: "attach a factory contact (attachContactAction)",
    mutates: true,
    call: (w) => callAction(roleActions.attachContactAction, { factoryId: w.pending.id, email: `complice-${uid()}@example.fr` }),
  },
  {
    name: "detach a factory contact (detachContactAction)",
    mutates: true,
    call: (w) => callAction(roleActions.detachContactAction, { factoryId: w.pending.id, userId: w.colleague.id }),
  },
  {
    name: "quota CSV export (GET /organisation/quotas/export.csv)",
    mutates: false,
    call: (w) => callRoute(quotaExport.GET(new Request(`${APP}/organisation/quotas/export.csv?edition=${w.edition.id}`), undefined as never)),
  },
];

if (exportsRoute?.GET) {
  const GET = exportsRoute.GET;
  for (const [kind, format] of [
    ["factories", "csv"],
    ["slots", "xlsx"],
    ["bookings", "csv"],
  ] as const) {
    CASES.push({
      name: `organiser export (GET /organisation/exports/${kind}?format=${format})`,
      mutates: false,
      call: (w) =>
        callRoute(GET(new Request(`${APP}/organisation/exports/${kind}?format=${format}&edition=${w.edition.id}`), { params: Promise.resolve({ kind }) })),
    });
  }
}
if (exportsRoute?.POST) {
  const POST = exportsRoute.POST;
  CASES.push({
    name: "organiser export with contacts (POST /organisation/exports/bookings)",
    mutates: true, // logged
    call: (w) =>
      callRoute(
        POST(
          new Request(`${APP}/organisation/exports/bookings`, {
            method: "POST",
            body: form({ format: "csv", contacts: "1", reason: "Relance des classes", edition: w.edition.id }),
          }),
          { params: Promise.resolve({ kind: "bookings" }) },
        ),
      ),
  });
}

beforeEach(() => {
  session.userId = null;
});

describe("organiser back office: authorisation matrix", () => {
  it("covers every organiser server action this feature exports", () => {
    const exported = [editionActions, quotaActions, validationActions, roleActions].flatMap((m) => Object.keys(m));
    const tested = CASES.map((c) => /\((\w+Action)\)/.exec(c.name)?.[1]).filter(Boolean);
    expect(new Set(exported)).toEqual(new Set(tested));
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s: refused for all but the organiser, and a refusal changes nothing", async (_, testCase) => {
    const w = await world();
    for (const identity of IDENTITIES.filter((i) => i !== "organiser")) {
      session.userId = w.users[identity]?.id ?? null;
      const before = await footprint(w);
      const outcome = await testCase.call(w);
      expect(outcome.refused, `${identity}: ${outcome.detail}`).toBe(identity === "anonymous" ? "auth.required" : "auth.forbidden");
      expect(outcome.succeeded).toBe(false);
      expect(await footprint(w), `${identity} changed something`).toEqual(before);
    }

    session.userId = w.users.organiser!.id;
    const before = await footprint(w);
    const outcome = await testCase.call(w);
    expect(outcome.refused, outcome.detail).toBeNull();
    expect(outcome.succeeded, outcome.detail).toBe(true);
    if (testCase.mutates) expect(await footprint(w)).not.toEqual(before);
  });

  it("a role revoked a moment ago no longer opens anything", async () => {
    const w = await world();
    await db.user.update({ where: { id: w.otherOrganiser.id }, data: { role: "USER" } });
    session.userId = w.otherOrganiser.id;
    const before = await footprint(w);
    const outcome = await callAction(validationActions.decideAction, { factoryId: w.pending.id, decision: "APPROVE" });
    expect(outcome.refused).toBe("auth.forbidden");
    expect(await footprint(w)).toEqual(before);
  });
});
