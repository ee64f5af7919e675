// The authorisation matrix of the whole app: every exported server action and every route handler,
// called as each of six identities — anonymous, a signed-in visitor (no role), a teacher (with a class
// booking), a contact of another factory, a contact of the factory concerned, an organiser — each in
// a fresh world, asserting who is let in and who is refused (with the code the app's convention
// gives: auth.required / auth.forbidden in an action's state or as 401 / 403 from a handler, 404
// where even existence is not disclosed), that a refusal writes nothing anywhere in the database, and
// that an allowed call really does its work. Links with a secret token (booking management, survey,
// calendar, personal data) are open to whoever holds the token, whoever they are signed in as; a
// wrong token is refused, and writes nothing either.
//
// The matrix cannot go stale: the first test lists every "use server" module and route handler on
// disk and fails on any exported function that has no row here.
//
// Only what exists solely inside a Next.js request is stood in for (tests/fixtures/request-scope.ts):
// next-auth's getServerSession (read by lib/auth/policy's real checks), headers, cookies, the locale,
// revalidatePath and redirect.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextAuth }));
vi.mock("next/cache", async () => (await import("../fixtures/request-scope")).nextCache);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);
vi.mock("next-intl/server", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextIntlServer }));

import { setLocale } from "@/lib/i18n/actions";
import { requestMagicLink } from "@/app/connexion/actions";
import { submitSurveyAction } from "@/app/enquete/[token]/actions";
import { answerHostSurveyAction } from "@/app/enquete-usine/[token]/actions";
import { doorAction, walkInAction } from "@/app/espace-usine/[factoryId]/accueil/actions";
import { cancelSlotAction, createSlotsAction, updateSlotAction } from "@/app/espace-usine/[factoryId]/creneaux/actions";
import { addPhotoAction, removePhotoAction, updateJobsAction, updatePhotoAltAction, updateProfileAction } from "@/app/espace-usine/[factoryId]/profil/actions";
import { lookupPostalCode, registerFactoryAction } from "@/app/espace-usine/inscription/actions";
import { createNextEditionAction, updateEditionAction } from "@/app/organisation/edition/actions";
import { reregisterAction } from "@/app/espace-usine/reinscription/actions";
import * as quotaActions from "@/app/organisation/quotas/actions";
import * as partnerActions from "@/app/organisation/partenaires/actions";
import * as circuitActions from "@/app/organisation/circuits/actions";
import { refuseCircuitLegAction } from "@/app/espace-usine/[factoryId]/circuits/actions";
import { departureCheckInAction } from "@/app/organisation/circuits/[circuitId]/depart/actions";
import * as roleActions from "@/app/organisation/roles/actions";
import * as validationActions from "@/app/organisation/validations/actions";
import * as transportActions from "@/app/organisation/transports/actions";
import { cancelAction, changeSeatsAction, confirmAttendanceAction } from "@/app/reservation/[token]/actions";
import { deleteDataAction } from "@/app/reservation/[token]/donnees/actions";
import { findBookingsAction } from "@/app/reservations/retrouver/actions";
import { confirmAlertsAction, requestAlertsAction } from "@/app/alertes/actions";
import { bookAction } from "@/app/visites/[slotId]/reserver/actions";
import { bookCircuitAction } from "@/app/circuits/[circuitId]/actions";
import { cancelCircuitAction } from "@/app/circuits/reservation/[token]/actions";
import { applyToDrawAction } from "@/app/tirages/[drawId]/actions";
import * as drawResultRoute from "@/app/tirages/[drawId]/resultat.json/route";
import { changeWishesAction, withdrawApplicationAction } from "@/app/tirages/demande/[token]/actions";
import * as drawActions from "@/app/organisation/tirages/actions";
import { runDraw } from "@/lib/draw/run";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import * as challengeRoute from "@/app/api/challenge/route";
import * as departmentOutlinesRoute from "@/app/carte/departements.svg/route";
import * as unsubscribeRoute from "@/app/alertes/desabonnement/[token]/route";
import * as pictogramsRoute from "@/app/pictogrammes.svg/route";
import * as healthRoute from "@/app/api/health/route";
import * as bookingRoute from "@/app/api/v1/bookings/[token]/route";
import * as bookingsRoute from "@/app/api/v1/bookings/route";
import * as circuitBookingRoute from "@/app/api/v1/circuit-bookings/[token]/route";
import * as circuitBookingsRoute from "@/app/api/v1/circuit-bookings/route";
import * as circuitsRoute from "@/app/api/v1/circuits/route";
import * as attendeesCsvRoute from "@/app/api/v1/factories/[factoryId]/bookings.csv/route";
import * as attendeesXlsxRoute from "@/app/api/v1/factories/[factoryId]/bookings.xlsx/route";
import * as doorCopyRoute from "@/app/espace-usine/[factoryId]/accueil/copie-locale/route";
import * as doorSyncRoute from "@/app/espace-usine/[factoryId]/accueil/synchronisation/route";
import * as slotsRoute from "@/app/api/v1/slots/route";
import * as organiserExportRoute from "@/app/organisation/exports/[kind]/route";
import * as quotaExportRoute from "@/app/organisation/quotas/export.csv/route";
import * as photoRoute from "@/app/photos/[id]/route";
import * as calendarRoute from "@/app/reservation/[token]/calendrier.ics/route";
import * as ticketCalendarRoute from "@/app/billet/[token]/calendrier.ics/route";
import * as clockRoute from "@/app/dev/horloge/route";
import * as myDataRoute from "@/app/reservation/[token]/donnees/mes-donnees.json/route";
import { bookCircuit } from "@/lib/circuit/book";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { paris, parisDay, parisDayRange, parisIsoDateTime } from "@/lib/paris-time";
import { hashToken, newToken, ticketTokenFor } from "@/lib/tokens";
import {
  authzWorld,
  backOffice,
  classBookingFields,
  databaseFingerprint,
  endpointFiles,
  exportedFunctions,
  IDENTITIES,
  individualBooking,
  individualBookingFields,
  retireEditions,
  storedPhoto,
  surveyInvitation,
  viaAction,
  viaRoute,
  visitToday,
  type AuthzWorld,
  type Identity,
  type Outcome,
} from "../fixtures/authz";
import { solvedChallenge } from "../fixtures/challenge";
import { partnerKey } from "../fixtures/api-keys";
import { circuitInput, createCircuit } from "../fixtures/circuits";
import { applyFor, createDraw, wishesInput } from "../fixtures/draws";
import { createEdition, createFactory, createSlot, newSiret, slotSettingsForm, uid } from "../fixtures/factories";
import { form, newRequestScope, request, requestScope, signInAs } from "../fixtures/request-scope";

// ───────────────────────────── Who may call what ─────────────────────────────

type Policy =
  | { who: "anyone" }
  /** Whoever holds the link's secret token, signed in as anyone or not; another token gets `wrongToken`. */
  | { who: "token holder"; wrongToken: string }
  | { who: "signed-in user"; anonymousGets?: string }
  /** Contacts of the factory concerned, and organisers. */
  | { who: "factory staff"; othersGet?: string }
  | { who: "organiser" }
  | { who: "nobody"; everyoneGets: string };

const ANYONE: Policy = { who: "anyone" };
const SIGNED_IN: Policy = { who: "signed-in user" };
const STAFF: Policy = { who: "factory staff" };
const ORGANISER: Policy = { who: "organiser" };

/** null when the identity is let in, else the refusal code it must get. */
function refusalFor(policy: Policy, identity: Identity): string | null {
  const byRole = identity === "anonymous" ? "auth.required" : "auth.forbidden";
  switch (policy.who) {
    case "anyone":
    case "token holder":
      return null;
    case "signed-in user":
      return identity === "anonymous" ? (policy.anonymousGets ?? "auth.required") : null;
    case "factory staff":
      return identity === "ownFactoryContact" || identity === "organiser" ? null : (policy.othersGet ?? byRole);
    case "organiser":
      return identity === "organiser" ? null : byRole;
    case "nobody":
      return policy.everyoneGets;
  }
}

interface Prepared {
  call: () => Promise<Outcome>;
  /** The same call with a well-formed token that opens nothing. */
  withWrongToken?: () => Promise<Outcome>;
  /** After an allowed call: what it did, beyond "no error". */
  verify?: () => Promise<void> | void;
}

interface Row {
  /** `file#export`, as the app exposes it. */
  endpoint: string;
  label: string;
  policy: Policy;
  /** Whether an allowed call writes to the database (an allowed read must write nothing). */
  writes: boolean;
  arrange: (w: AuthzWorld) => Promise<Prepared>;
}

// Exported, but not called here (with the reason).
const NOT_CALLED: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts#GET":
    "next-auth's own public endpoints (session, csrf, providers, the e-mailed link's callback); next-auth reads next/headers through require(), outside what a test can stand in for",
};

// ───────────────────────────── Inputs ─────────────────────────────

const DAY = 24 * 3600 * 1000;
const strings = (fields: object) => Object.fromEntries(Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", "idempotency-key": `idem-${uid()}`, ...headers },
  body: JSON.stringify(body),
});
const day = (d: Date) => d.toISOString().slice(0, 10);
let nextEditionYear = 0;

let png: Uint8Array = new Uint8Array(64);

/** Rows for what a visitor's booking link opens: the token is the visitor's private manage link. */
function manageLinkRow(endpoint: string, label: string, writes: boolean, wrongToken: string, call: (token: string) => Promise<Outcome>): Row {
  return {
    endpoint,
    label,
    policy: { who: "token holder", wrongToken },
    writes,
    arrange: async (w) => {
      const { manageToken } = await individualBooking(w.slot.id);
      return { call: () => call(manageToken), withWrongToken: () => call(newToken()) };
    },
  };
}

/** Rows for what a circuit booking's link opens: the token is the visitor's private manage link. */
function circuitLinkRow(endpoint: string, label: string, writes: boolean, wrongToken: string, call: (token: string) => Promise<Outcome>): Row {
  return {
    endpoint,
    label,
    policy: { who: "token holder", wrongToken },
    writes,
    arrange: async (w) => {
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      const { manageToken } = await bookCircuit(circuitInput(circuit.id));
      if (!manageToken) throw new Error("unexpected replay");
      return { call: () => call(manageToken), withWrongToken: () => call(newToken()) };
    },
  };
}

/** Two visits of the own factory, in a fresh draw (open, or closed and not drawn yet). */
async function drawOfTwo(w: AuthzWorld, options: { closed?: boolean } = {}) {
  const slots = [await createSlot(w.ownFactory, {}), await createSlot(w.ownFactory, { startsAt: new Date(Date.now() + 31 * DAY) })];
  return { slots, draw: await createDraw(w.edition.id, slots, options) };
}

/** Rows for what a draw application's link opens: the token is the applicant's private link. */
function drawLinkRow(endpoint: string, label: string, call: (token: string, slotIds: string[]) => Promise<Outcome>): Row {
  return {
    endpoint,
    label,
    policy: { who: "token holder", wrongToken: "draw.application_not_found" },
    writes: true,
    arrange: async (w) => {
      const { draw, slots } = await drawOfTwo(w);
      const ids = slots.map((slot) => slot.id);
      const token = await applyFor(draw.id, ids);
      return { call: () => call(token, ids), withWrongToken: () => call(newToken(), ids) };
    },
  };
}

/** A visit booking's REST body, for a circuit instead of a slot. */
const forCircuit = (fields: { slotId: string }, circuitId: string) => ({ ...fields, slotId: undefined, circuitId });

const organiserExport = (kind: string, format: string): Row => ({
  endpoint: "app/organisation/exports/[kind]/route.ts#GET",
  label: `an edition's ${kind} as ${format}`,
  policy: ORGANISER,
  writes: false,
  arrange: async (w) => ({
    call: () => viaRoute(organiserExportRoute.GET(request(`/organisation/exports/${kind}?format=${format}&edition=${w.edition.id}`), params({ kind }))),
  }),
});

/**
 * Two visits a coach can chain, in two days: the own factory's at 9:30, then at 14:00 another site
 * of the same commune (Cluses, 74). The first is the own factory's, so its staff may decline it.
 */
async function circuitStops(w: AuthzWorld) {
  const day = parisDay(new Date(Date.now() + 2 * DAY));
  const [y, m, d] = day.split("-").map(Number);
  const neighbour = await createFactory(w.edition.id, { siteName: `Voisin ${uid()}` });
  const slots = [await createSlot(w.ownFactory, { startsAt: paris(y, m, d, 9, 30) }), await createSlot(neighbour, { startsAt: paris(y, m, d, 14, 0) })];
  return { day, slots };
}

const CIRCUIT_FORM = {
  name: "Circuit de la vallée de l'Arve",
  description: "Deux usines de décolletage en car.",
  audience: "BOTH",
  departureAddress: "Gare de Cluses",
  departurePostalCode: "74300",
  departureCommuneName: "Cluses",
  departureTime: "08:30",
  returnTime: "17:00",
  busCapacity: "40",
  maxSeatsPerBooking: "6",
};

/** An alert subscription of a fresh address (lib/alerts), with the given token hashes. */
function alertSubscription(data: { status: "PENDING" | "CONFIRMED"; confirmTokenHash?: string; unsubscribeTokenHash?: string }) {
  const now = new Date();
  return db.alertSubscription.create({
    data: {
      email: `abonne-${uid()}@example.org`,
      kinds: ["NEW_VISIT_NEAR"],
      postalCode: "69003",
      departmentCode: "69",
      unsubscribeTokenHash: hashToken(newToken()),
      consentedAt: now,
      consentTextVersion: "test",
      consentText: "J'accepte.",
      confirmedAt: data.status === "CONFIRMED" ? now : null,
      ...data,
    },
  });
}

/** A coach request on the world's class booking, in an edition with a transport budget; its id. */
async function coachRequest(w: AuthzWorld): Promise<string> {
  await db.edition.update({ where: { id: w.edition.id }, data: { transportBudgetEuros: 5_000 } });
  const request = await db.transportRequest.create({
    data: { bookingId: w.classVisit.booking.id, editionId: w.edition.id, pupils: 8, departureCommuneCode: "69123", departureCommuneName: "Lyon", departureDepartment: "69", distanceKm: 110 },
  });
  return request.id;
}

// ───────────────────────────── The matrix ─────────────────────────────

const ROWS: Row[] = [
  // ── Anyone ──
  {
    endpoint: "lib/i18n/actions.ts#setLocale",
    label: "language choice (a cookie)",
    policy: ANYONE,
    writes: false,
    arrange: async () => ({
      call: () => viaAction(() => setLocale(undefined, form({ locale: "en" }))),
      verify: () => expect(requestScope.cookies.get(LOCALE_COOKIE)).toBe("en"),
    }),
  },
  {
    endpoint: "app/connexion/actions.ts#requestMagicLink",
    label: "sign-in link by e-mail",
    policy: ANYONE,
    writes: true,
    arrange: async () => {
      const altcha = await solvedChallenge();
      return { call: () => viaAction(() => requestMagicLink({}, form({ email: `someone-${uid()}@example.fr`, callbackUrl: "/", altcha }))) };
    },
  },
  {
    endpoint: "app/reservations/retrouver/actions.ts#findBookingsAction",
    label: "e-mail an address its bookings' private links (Retrouver mes réservations)",
    policy: ANYONE,
    writes: true,
    arrange: async (w) => {
      const { booking } = await individualBooking(w.slot.id);
      const altcha = await solvedChallenge();
      return {
        call: () => viaAction(() => findBookingsAction({}, form({ email: booking.email, locale: "fr", altcha }))),
        // The links go to the booking's address, never to the caller.
        verify: async () => expect(await db.emailOutbox.count({ where: { to: booking.email, template: "booking.lookup" } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/alertes/actions.ts#requestAlertsAction",
    label: "ask for « Prévenez-moi » alerts (a confirmation e-mail to the address)",
    policy: ANYONE,
    writes: true,
    arrange: async () => {
      const email = `alerte-${uid()}@example.org`;
      const altcha = await solvedChallenge();
      return {
        call: () => viaAction(() => requestAlertsAction({}, form({ email, locale: "fr", newVisitNear: "on", postalCode: "69003", consent: "on", altcha }))),
        // The link goes to the address, never to the caller; nothing is confirmed yet.
        verify: async () => {
          expect(await db.emailOutbox.count({ where: { to: email, template: "alerts.confirm" } })).toBe(1);
          expect(await db.alertSubscription.findFirst({ where: { email } })).toMatchObject({ status: "PENDING", departmentCode: "69" });
        },
      };
    },
  },
  // The List-Unsubscribe link (RFC 8058): its secret token is the authorisation. No Origin check on
  // its POST, on purpose: mail providers send the one-click POST cross-site. An unknown or used token
  // gets the same answer and writes nothing (tests/integration/alerts.test.ts), so it is not a refusal.
  {
    endpoint: "app/alertes/desabonnement/[token]/route.ts#POST",
    label: "one-click unsubscribe from alerts (cross-site POST from a mail provider)",
    policy: ANYONE,
    writes: true,
    arrange: async () => {
      const token = newToken();
      const sub = await alertSubscription({ status: "CONFIRMED", unsubscribeTokenHash: hashToken(token) });
      const init = { method: "POST", headers: { origin: "https://mail.example.net", "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" };
      return {
        call: () => viaRoute(unsubscribeRoute.POST(request(`/alertes/desabonnement/${token}`, init), params({ token }))),
        verify: async () => expect(await db.alertSubscription.findUnique({ where: { id: sub.id } })).toMatchObject({ status: "UNSUBSCRIBED", email: `deleted+${sub.id}@invalid` }),
      };
    },
  },
  {
    endpoint: "app/alertes/desabonnement/[token]/route.ts#GET",
    label: "the unsubscribe link opened in a browser (sent on to its page; changes nothing)",
    policy: ANYONE,
    writes: false,
    arrange: async () => ({
      call: async () => {
        const res = await unsubscribeRoute.GET(request("/alertes/desabonnement/abc"), params({ token: "abc" }));
        const location = res.headers.get("location");
        return { ok: res.status === 303 && location === "/alertes/desabonnement/abc/confirmer", code: null, status: res.status, detail: `${res.status} ${location}` };
      },
    }),
  },
  {
    endpoint: "app/espace-usine/inscription/actions.ts#lookupPostalCode",
    label: "postal code to communes (public reference data)",
    policy: ANYONE,
    writes: false,
    arrange: async () => {
      let result: unknown;
      return {
        call: () => viaAction(async () => (result = await lookupPostalCode("74300"))),
        verify: () => expect(result).toMatchObject({ ok: true, communes: expect.arrayContaining([expect.objectContaining({ name: "Cluses" })]) }),
      };
    },
  },
  {
    endpoint: "app/visites/[slotId]/reserver/actions.ts#bookAction",
    label: "individual booking",
    policy: ANYONE,
    writes: true,
    arrange: async (w) => {
      const altcha = await solvedChallenge();
      return { call: () => viaAction(() => bookAction({}, form({ ...strings(individualBookingFields(w.slot.id)), altcha }))) };
    },
  },
  {
    endpoint: "app/visites/[slotId]/reserver/actions.ts#bookAction",
    label: "class booking (a signed-in teacher)",
    policy: { who: "signed-in user", anonymousGets: "group.sign_in_required" },
    writes: true,
    arrange: async (w) => {
      const altcha = await solvedChallenge();
      return { call: () => viaAction(() => bookAction({}, form({ ...strings(classBookingFields(w.slot.id)), altcha }))) };
    },
  },
  {
    endpoint: "app/api/v1/bookings/route.ts#POST",
    label: "individual booking (REST, a partner's key)",
    policy: ANYONE,
    writes: true,
    arrange: async (w) => {
      const { authorization } = await partnerKey();
      return { call: () => viaRoute(bookingsRoute.POST(request("/api/v1/bookings", json(individualBookingFields(w.slot.id), { authorization })), undefined as never)) };
    },
  },
  {
    endpoint: "app/api/v1/bookings/route.ts#POST",
    label: "class booking (REST, a partner's key, a signed-in teacher)",
    policy: { who: "signed-in user", anonymousGets: "group.sign_in_required" },
    writes: true,
    arrange: async (w) => {
      const { authorization } = await partnerKey();
      return { call: () => viaRoute(bookingsRoute.POST(request("/api/v1/bookings", json(classBookingFields(w.slot.id), { authorization })), undefined as never)) };
    },
  },
  {
    endpoint: "app/circuits/[circuitId]/actions.ts#bookCircuitAction",
    label: "individual circuit booking",
    policy: ANYONE,
    writes: true,
    arrange: async (w) => {
      const altcha = await solvedChallenge();
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      const fields = strings(forCircuit(individualBookingFields(w.slot.id), circuit.id));
      return {
        call: () => viaAction(() => bookCircuitAction({}, form({ ...fields, altcha }))),
        verify: async () => expect(await db.circuitBooking.count({ where: { circuitId: circuit.id, status: "CONFIRMED" } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/circuits/[circuitId]/actions.ts#bookCircuitAction",
    label: "class circuit booking (a signed-in teacher)",
    policy: { who: "signed-in user", anonymousGets: "group.sign_in_required" },
    writes: true,
    arrange: async (w) => {
      const altcha = await solvedChallenge();
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      const fields = strings(forCircuit(classBookingFields(w.slot.id), circuit.id));
      return { call: () => viaAction(() => bookCircuitAction({}, form({ ...fields, altcha }))) };
    },
  },
  {
    endpoint: "app/api/v1/circuit-bookings/route.ts#POST",
    label: "individual circuit booking (REST, a partner's key)",
    policy: ANYONE,
    writes: true,
    arrange: async (w) => {
      const { authorization } = await partnerKey();
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      const body = forCircuit(individualBookingFields(w.slot.id), circuit.id);
      return {
        call: () => viaRoute(circuitBookingsRoute.POST(request("/api/v1/circuit-bookings", json(body, { authorization })), undefined as never)),
        verify: async () => expect(await db.circuitBooking.count({ where: { circuitId: circuit.id, status: "CONFIRMED" } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/api/v1/circuit-bookings/route.ts#POST",
    label: "class circuit booking (REST, a partner's key, a signed-in teacher)",
    policy: { who: "signed-in user", anonymousGets: "group.sign_in_required" },
    writes: true,
    arrange: async (w) => {
      const { authorization } = await partnerKey();
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      const body = forCircuit(classBookingFields(w.slot.id), circuit.id);
      return { call: () => viaRoute(circuitBookingsRoute.POST(request("/api/v1/circuit-bookings", json(body, { authorization })), undefined as never)) };
    },
  },
  {
    endpoint: "app/api/challenge/route.ts#GET",
    label: "a proof-of-work challenge for the public forms",
    policy: ANYONE,
    writes: false,
    arrange: async () => {
      let body: { parameters?: object; signature?: string } = {};
      return {
        call: async () => {
          const res = await challengeRoute.GET(request("/api/challenge"), undefined as never);
          body = await res.clone().json();
          return viaRoute(res);
        },
        verify: () => expect(body).toMatchObject({ parameters: expect.any(Object), signature: expect.any(String) }),
      };
    },
  },
  {
    endpoint: "app/api/v1/slots/route.ts#GET",
    label: "catalogue (REST)",
    policy: ANYONE,
    writes: false,
    arrange: async (w) => {
      let body: { edition?: { slug: string }; items?: { id: string }[] } = {};
      return {
        call: async () => {
          const res = await slotsRoute.GET(request("/api/v1/slots"), undefined as never);
          body = await res.clone().json();
          return viaRoute(res);
        },
        verify: () => {
          expect(body.edition?.slug).toBe(w.edition.slug);
          expect(body.items?.map((s) => s.id)).toContain(w.slot.id);
        },
      };
    },
  },
  {
    endpoint: "app/api/v1/circuits/route.ts#GET",
    label: "coach circuits (REST)",
    policy: ANYONE,
    writes: false,
    arrange: async (w) => {
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      let body: { edition?: { slug: string }; items?: { id: string }[] } = {};
      return {
        call: async () => {
          const res = await circuitsRoute.GET(request("/api/v1/circuits"), undefined as never);
          body = await res.clone().json();
          return viaRoute(res);
        },
        verify: () => {
          expect(body.edition?.slug).toBe(w.edition.slug);
          expect(body.items?.map((c) => c.id)).toContain(circuit.id);
        },
      };
    },
  },
  {
    endpoint: "app/api/health/route.ts#GET",
    label: "liveness probe",
    policy: ANYONE,
    writes: false,
    arrange: async () => ({ call: () => viaRoute(healthRoute.GET()) }),
  },
  {
    endpoint: "app/carte/departements.svg/route.ts#GET",
    label: "the catalogue map's department outlines (built with the app)",
    policy: ANYONE,
    writes: false,
    arrange: async () => ({ call: () => viaRoute(departmentOutlinesRoute.GET()) }),
  },
  {
    endpoint: "app/pictogrammes.svg/route.ts#GET",
    label: "the practical information's pictograms (built with the app)",
    policy: ANYONE,
    writes: false,
    arrange: async () => ({ call: () => viaRoute(pictogramsRoute.GET()) }),
  },
  {
    endpoint: "app/photos/[id]/route.ts#GET",
    label: "photo of an approved site",
    policy: ANYONE,
    writes: false,
    arrange: async (w) => {
      const photo = await storedPhoto(w.ownFactory.id, png);
      return { call: () => viaRoute(photoRoute.GET(new NextRequest(request(`/photos/${photo.id}?w=320`)), params({ id: photo.id }))) };
    },
  },
  {
    endpoint: "app/photos/[id]/route.ts#GET",
    label: "photo of a site not yet approved (404 to strangers: not even its existence)",
    policy: { who: "factory staff", othersGet: "404" },
    writes: false,
    arrange: async (w) => {
      const { pending } = await backOffice(w);
      const photo = await storedPhoto(pending.id, png);
      return { call: () => viaRoute(photoRoute.GET(new NextRequest(request(`/photos/${photo.id}?w=320`)), params({ id: photo.id }))) };
    },
  },
  {
    endpoint: "app/dev/horloge/route.ts#POST",
    label: "move the app's clock, in a process started with TEST_CLOCK=1 (the browser tests' server only)",
    policy: ANYONE,
    writes: false,
    arrange: async () => {
      const at = "2027-03-01T09:00:00+01:00";
      let body: { now?: string } = {};
      return {
        call: async () => {
          const res = await clockRoute.POST(request("/dev/horloge", json({ iso: at })), undefined as never);
          body = await res.clone().json();
          await clockRoute.POST(request("/dev/horloge", json({ iso: null })), undefined as never);
          return viaRoute(res);
        },
        verify: () => expect(Math.abs(Date.parse(body.now ?? "") - Date.parse(at))).toBeLessThan(60_000),
      };
    },
  },
  {
    endpoint: "app/dev/horloge/route.ts#POST",
    label: "move the app's clock anywhere else (404: the route does not exist)",
    policy: { who: "nobody", everyoneGets: "404" },
    writes: false,
    arrange: async () => ({
      call: async () => {
        const settable = env.testClock;
        Object.assign(env, { testClock: false });
        try {
          return await viaRoute(clockRoute.POST(request("/dev/horloge", json({ iso: "2027-03-01T09:00:00+01:00" })), undefined as never));
        } finally {
          Object.assign(env, { testClock: settable });
        }
      },
    }),
  },
  {
    endpoint: "app/api/auth/[...nextauth]/route.ts#POST",
    label: "next-auth's own sign-in endpoint (closed: links go through /connexion, rate-limited)",
    policy: { who: "nobody", everyoneGets: "not_found" },
    writes: false,
    arrange: async () => ({
      call: () => viaRoute(nextAuthRoute.POST(request("/api/auth/signin/email", { method: "POST" }), params({ nextauth: ["signin", "email"] }))),
    }),
  },

  // ── Any signed-in user ──
  {
    endpoint: "app/espace-usine/inscription/actions.ts#registerFactoryAction",
    label: "register a factory",
    policy: SIGNED_IN,
    writes: true,
    arrange: async () => ({
      call: () =>
        viaAction(() =>
          registerFactoryAction(
            {},
            form({
              siret: newSiret(),
              companyName: "Verrerie d'essai",
              siteName: "Atelier verre",
              address: "3 rue du Four",
              postalCode: "74300",
              communeCode: "74081",
              sectorCode: "23",
              headcount: "40",
              description: "Soufflage du verre devant les visiteurs, puis recuisson.",
            }),
          ),
        ),
    }),
  },

  {
    endpoint: "app/espace-usine/reinscription/actions.ts#reregisterAction",
    label: "re-register a site from its record of an earlier edition",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      // The own site's record of last year, whose contact is the own factory's contact.
      const lastYear = await createEdition({
        firstDay: new Date(w.edition.firstDay.getTime() - 364 * DAY),
        lastDay: new Date(w.edition.firstDay.getTime() - 363 * DAY),
        factoryRegistrationOpensAt: new Date(Date.now() - 500 * DAY),
        factoryRegistrationClosesAt: new Date(Date.now() - 400 * DAY),
        bookingOpensAt: new Date(Date.now() - 450 * DAY),
        bookingClosesAt: new Date(Date.now() - 370 * DAY),
      });
      const record = await createFactory(lastYear.id, { siret: newSiret(), siteName: `Site de l'an dernier ${uid()}` });
      await db.factoryContact.create({ data: { factoryId: record.id, userId: w.users.ownFactoryContact!.id } });
      return {
        call: () => viaAction(() => reregisterAction({}, form({ previousFactoryId: record.id, copySlots: "on" }))),
        verify: async () => expect(await db.factory.count({ where: { editionId: w.edition.id, siret: record.siret } })).toBe(1),
      };
    },
  },

  // ── Whoever holds the link ──
  manageLinkRow("app/reservation/[token]/actions.ts#changeSeatsAction", "change the seats of a booking", true, "booking.not_found", (token) =>
    viaAction(() => changeSeatsAction({}, form({ manageToken: token, seats: "3" }))),
  ),
  manageLinkRow("app/reservation/[token]/actions.ts#cancelAction", "cancel a booking", true, "booking.not_found", (token) =>
    viaAction(() => cancelAction({}, form({ manageToken: token }))),
  ),
  manageLinkRow("app/reservation/[token]/actions.ts#confirmAttendanceAction", "answer « je viens »", true, "booking.not_found", (token) =>
    viaAction(() => confirmAttendanceAction({}, form({ manageToken: token }))),
  ),
  manageLinkRow("app/reservation/[token]/donnees/actions.ts#deleteDataAction", "erase a booking's personal data", true, "booking.not_found", (token) =>
    viaAction(() => deleteDataAction({}, form({ manageToken: token, confirm: "on" }))),
  ),
  manageLinkRow("app/api/v1/bookings/[token]/route.ts#GET", "a booking (REST)", false, "booking.not_found", (token) =>
    viaRoute(bookingRoute.GET(request(`/api/v1/bookings/${token}`), params({ token }))),
  ),
  manageLinkRow("app/api/v1/bookings/[token]/route.ts#DELETE", "cancel a booking (REST)", true, "booking.not_found", (token) =>
    viaRoute(bookingRoute.DELETE(request(`/api/v1/bookings/${token}`, { method: "DELETE" }), params({ token }))),
  ),
  drawLinkRow("app/tirages/demande/[token]/actions.ts#changeWishesAction", "change one's wishes in a draw", (token, [a, b]) =>
    viaAction(() => changeWishesAction({}, form({ manageToken: token, wish1: b, wish2: a }))),
  ),
  drawLinkRow("app/tirages/demande/[token]/actions.ts#withdrawApplicationAction", "withdraw from a draw", (token) =>
    viaAction(() => withdrawApplicationAction({}, form({ manageToken: token, confirm: "on" }))),
  ),
  {
    endpoint: "app/tirages/[drawId]/actions.ts#applyToDrawAction",
    label: "apply to a draw (ranked wishes)",
    policy: ANYONE,
    writes: true,
    arrange: async (w) => {
      const altcha = await solvedChallenge();
      const { draw, slots } = await drawOfTwo(w);
      const fields = strings(wishesInput(draw.id, slots.map((slot) => slot.id)));
      return {
        call: () => viaAction(() => applyToDrawAction({}, form({ ...fields, altcha }))),
        verify: async () => expect(await db.drawApplication.count({ where: { drawId: draw.id } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/tirages/[drawId]/resultat.json/route.ts#GET",
    label: "a drawn draw's published record",
    policy: ANYONE,
    writes: false,
    arrange: async (w) => {
      const { draw, slots } = await drawOfTwo(w);
      await applyFor(draw.id, [slots[0].id]);
      await runDraw(draw.id, new Date(draw.wishesCloseAt.getTime() + 1000));
      return { call: () => viaRoute(drawResultRoute.GET(request(`/tirages/${draw.id}/resultat.json`), params({ drawId: draw.id }))) };
    },
  },
  circuitLinkRow("app/circuits/reservation/[token]/actions.ts#cancelCircuitAction", "cancel a circuit booking", true, "booking.not_found", (token) =>
    viaAction(() => cancelCircuitAction({}, form({ manageToken: token }))),
  ),
  circuitLinkRow("app/api/v1/circuit-bookings/[token]/route.ts#GET", "a circuit booking (REST)", false, "booking.not_found", (token) =>
    viaRoute(circuitBookingRoute.GET(request(`/api/v1/circuit-bookings/${token}`), params({ token }))),
  ),
  circuitLinkRow("app/api/v1/circuit-bookings/[token]/route.ts#DELETE", "cancel a circuit booking (REST)", true, "booking.not_found", (token) =>
    viaRoute(circuitBookingRoute.DELETE(request(`/api/v1/circuit-bookings/${token}`, { method: "DELETE" }), params({ token }))),
  ),
  manageLinkRow("app/reservation/[token]/calendrier.ics/route.ts#GET", "the visit as an .ics", false, "404", (token) =>
    viaRoute(calendarRoute.GET(request(`/reservation/${token}/calendrier.ics`), params({ token }))),
  ),
  // The ticket's own link (derived from the manage link) serves its .ics.
  manageLinkRow("app/billet/[token]/calendrier.ics/route.ts#GET", "the visit as an .ics, from the ticket", false, "404", (token) => {
    const ticket = ticketTokenFor(token);
    return viaRoute(ticketCalendarRoute.GET(request(`/billet/${ticket}/calendrier.ics`), params({ token: ticket })));
  }),
  manageLinkRow("app/reservation/[token]/donnees/mes-donnees.json/route.ts#GET", "download my data", false, "404", (token) =>
    viaRoute(myDataRoute.GET(request(`/reservation/${token}/donnees/mes-donnees.json`), params({ token }))),
  ),
  {
    endpoint: "app/enquete/[token]/actions.ts#submitSurveyAction",
    label: "answer the post-visit survey",
    policy: { who: "token holder", wrongToken: "survey.not_found" },
    writes: true,
    arrange: async (w) => {
      const token = await surveyInvitation(w);
      const answer = async (t: string) => {
        const altcha = await solvedChallenge();
        return viaAction(() => submitSurveyAction({}, form({ token: t, satisfaction: "5", recommendBefore: "2", recommendAfter: "4", surprise: "", altcha })));
      };
      return { call: () => answer(token), withWrongToken: () => answer(newToken()) };
    },
  },

  {
    endpoint: "app/enquete-usine/[token]/actions.ts#answerHostSurveyAction",
    label: "answer the hosts' questionnaire (a factory's link)",
    policy: { who: "token holder", wrongToken: "token.invalid" },
    writes: true,
    arrange: async (w) => {
      const token = newToken();
      const factory = await createFactory(w.edition.id);
      const survey = await db.hostSurvey.create({ data: { factoryId: factory.id, tokenHash: hashToken(token), invitedAt: new Date() } });
      const answer = (t: string) => viaAction(() => answerHostSurveyAction({}, form({ token: t, visitorsCame: "40", openAgain: "YES" })));
      return {
        call: () => answer(token),
        withWrongToken: () => answer(newToken()),
        verify: async () => expect((await db.hostSurvey.findUniqueOrThrow({ where: { id: survey.id } })).visitorsCame).toBe(40),
      };
    },
  },
  {
    endpoint: "app/alertes/actions.ts#confirmAlertsAction",
    label: "confirm « Prévenez-moi » alerts (the e-mailed link's button)",
    policy: { who: "token holder", wrongToken: "alerts.link_invalid" },
    writes: true,
    arrange: async () => {
      const token = newToken();
      const sub = await alertSubscription({ status: "PENDING", confirmTokenHash: hashToken(token) });
      const confirm = (t: string) => viaAction(() => confirmAlertsAction({}, form({ token: t })));
      return {
        call: () => confirm(token),
        withWrongToken: () => confirm(newToken()),
        verify: async () => expect((await db.alertSubscription.findUnique({ where: { id: sub.id } }))?.status).toBe("CONFIRMED"),
      };
    },
  },

  // ── The factory's contacts and organisers ──
  {
    endpoint: "app/espace-usine/[factoryId]/creneaux/actions.ts#createSlotsAction",
    label: "publish a visit",
    policy: STAFF,
    writes: true,
    arrange: async (w) => ({
      call: () =>
        viaAction(() =>
          createSlotsAction(
            {},
            form({
              factoryId: w.ownFactory.id,
              mode: "single",
              days: [parisDay(new Date(Date.now() + 12 * DAY))],
              firstStart: "14:00",
              durationMinutes: "60",
              capacity: "10",
              audience: "BOTH",
            }),
          ),
        ),
    }),
  },
  {
    endpoint: "app/espace-usine/[factoryId]/creneaux/actions.ts#updateSlotAction",
    label: "edit a visit",
    policy: STAFF,
    writes: true,
    arrange: async (w) => ({ call: () => viaAction(() => updateSlotAction({}, form(slotSettingsForm(w.ownFactory.id, w.slot.id)))) }),
  },
  {
    endpoint: "app/espace-usine/[factoryId]/creneaux/actions.ts#cancelSlotAction",
    label: "cancel a visit (and its bookings)",
    policy: STAFF,
    writes: true,
    arrange: async (w) => ({ call: () => viaAction(() => cancelSlotAction({}, form({ factoryId: w.ownFactory.id, slotId: w.slot.id, reason: "Panne", confirm: "on" }))) }),
  },
  {
    endpoint: "app/espace-usine/[factoryId]/profil/actions.ts#updateProfileAction",
    label: "edit the site's profile",
    policy: STAFF,
    writes: true,
    arrange: async (w) => ({
      call: () =>
        viaAction(() =>
          updateProfileAction({}, form({ factoryId: w.ownFactory.id, description: "Une visite de l'atelier de découpe, de la tôle à la pièce.", minAge: "14" })),
        ),
      verify: async () => expect((await db.factory.findUniqueOrThrow({ where: { id: w.ownFactory.id } })).minAge).toBe(14),
    }),
  },
  {
    endpoint: "app/espace-usine/[factoryId]/profil/actions.ts#updateJobsAction",
    label: "edit the jobs the site showcases",
    policy: STAFF,
    writes: true,
    arrange: async (w) => ({
      call: () =>
        viaAction(() =>
          updateJobsAction({}, form({ factoryId: w.ownFactory.id, "jobs.0.romeCode": "I1310", "jobs.0.sentence": "Nos techniciens dépannent les presses.", takesApprentices: "on" })),
        ),
      verify: async () => expect(await db.factoryJob.count({ where: { factoryId: w.ownFactory.id, romeCode: "I1310" } })).toBe(1),
    }),
  },
  {
    endpoint: "app/espace-usine/[factoryId]/profil/actions.ts#addPhotoAction",
    label: "add a photo to the site",
    policy: STAFF,
    writes: true,
    arrange: async (w) => ({
      call: () => viaAction(() => addPhotoAction({}, form({ factoryId: w.ownFactory.id, alt: "L'atelier", photo: new Blob([new Uint8Array(png)], { type: "image/png" }) }))),
      verify: async () => expect(await db.factoryPhoto.count({ where: { factoryId: w.ownFactory.id, alt: "L'atelier" } })).toBe(1),
    }),
  },
  {
    endpoint: "app/espace-usine/[factoryId]/profil/actions.ts#updatePhotoAltAction",
    label: "describe a photo of the site",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      const photo = await storedPhoto(w.ownFactory.id, png);
      return {
        call: () => viaAction(() => updatePhotoAltAction({}, form({ factoryId: w.ownFactory.id, photoId: photo.id, alt: "Le four" }))),
        verify: async () => expect((await db.factoryPhoto.findUniqueOrThrow({ where: { id: photo.id } })).alt).toBe("Le four"),
      };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/profil/actions.ts#removePhotoAction",
    label: "remove a photo of the site",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      const photo = await storedPhoto(w.ownFactory.id, png);
      return {
        call: () => viaAction(() => removePhotoAction({}, form({ factoryId: w.ownFactory.id, photoId: photo.id }))),
        verify: async () => expect(await db.factoryPhoto.count({ where: { id: photo.id } })).toBe(0),
      };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/accueil/actions.ts#doorAction",
    label: "check a visitor in at the door",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      const { booking } = await visitToday(w);
      return { call: () => viaAction(() => doorAction({}, form({ intent: "checkin", factoryId: w.ownFactory.id, bookingId: booking.id }))) };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/accueil/actions.ts#doorAction",
    label: "look a ticket up at the door (a visitor's name and party)",
    policy: STAFF,
    writes: false,
    arrange: async (w) => {
      const { booking } = await visitToday(w);
      let state: { booking?: { id: string } } = {};
      return {
        call: () => viaAction(async () => (state = await doorAction({}, form({ intent: "lookup", factoryId: w.ownFactory.id, query: booking.ticketCode })))),
        verify: () => expect(state.booking?.id).toBe(booking.id),
      };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/accueil/actions.ts#walkInAction",
    label: "let people in without a booking",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      // A visit of the whole Paris day: under way whenever the test runs.
      const { start, end } = parisDayRange(parisDay(new Date()));
      const slot = await createSlot(w.ownFactory, { startsAt: start, durationMinutes: (end.getTime() - start.getTime()) / 60_000, capacity: 10 });
      return {
        call: () => viaAction(() => walkInAction({}, form({ factoryId: w.ownFactory.id, slotId: slot.id, people: "2" }))),
        verify: async () => expect(await db.walkIn.count({ where: { slotId: slot.id } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/accueil/copie-locale/route.ts#GET",
    label: "the door desk's copy of the day's tickets (short names, hashes)",
    policy: STAFF,
    writes: false,
    arrange: async (w) => {
      const { booking } = await visitToday(w);
      let body: { tickets?: { bookingId: string }[] } = {};
      return {
        call: () => viaRoute(doorCopyRoute.GET(request(`/espace-usine/${w.ownFactory.id}/accueil/copie-locale`), params({ factoryId: w.ownFactory.id })).then(async (res) => {
          if (res.ok) body = await res.clone().json();
          return res;
        })),
        verify: () => expect(body.tickets?.map((t) => t.bookingId)).toEqual([booking.id]),
      };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/accueil/synchronisation/route.ts#POST",
    label: "sync the check-ins the door desk recorded offline",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      const { booking } = await visitToday(w);
      const entries = [{ id: randomUUID(), at: new Date().toISOString(), bookingId: booking.id }];
      return {
        call: () => viaRoute(doorSyncRoute.POST(request(`/espace-usine/${w.ownFactory.id}/accueil/synchronisation`, json({ deviceId: randomUUID(), entries })), params({ factoryId: w.ownFactory.id }))),
        verify: async () => expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CHECKED_IN"),
      };
    },
  },
  {
    endpoint: "app/api/v1/factories/[factoryId]/bookings.csv/route.ts#GET",
    label: "who is coming, as CSV",
    policy: STAFF,
    writes: false,
    arrange: async (w) => ({ call: () => viaRoute(attendeesCsvRoute.GET(request(`/api/v1/factories/${w.ownFactory.id}/bookings.csv`), params({ factoryId: w.ownFactory.id }))) }),
  },
  {
    endpoint: "app/api/v1/factories/[factoryId]/bookings.xlsx/route.ts#GET",
    label: "who is coming, as XLSX",
    policy: STAFF,
    writes: false,
    arrange: async (w) => ({ call: () => viaRoute(attendeesXlsxRoute.GET(request(`/api/v1/factories/${w.ownFactory.id}/bookings.xlsx`), params({ factoryId: w.ownFactory.id }))) }),
  },

  // ── Organisers ──
  {
    endpoint: "app/organisation/edition/actions.ts#updateEditionAction",
    label: "edition settings",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => ({
      call: () =>
        viaAction(() =>
          updateEditionAction(
            {},
            form({
              editionId: w.edition.id,
              name: "Édition renommée",
              // Same days (visits are published on them); everything else changes.
              firstDay: day(w.edition.firstDay),
              lastDay: day(w.edition.lastDay),
              factoryRegistrationOpensAt: "2020-01-15T09:00",
              factoryRegistrationClosesAt: `${day(w.edition.firstDay)}T08:00`,
              catalogueOpensAt: "2020-04-15T10:00",
              bookingOpensAt: "2020-05-01T10:00",
              bookingClosesAt: `${day(w.edition.lastDay)}T12:00`,
              maxActiveBookingsPerEmail: "20",
              defaultMaxSeatsPerBooking: "50",
              approvalMode: "AUTOMATIC",
              dataRetentionDays: "1000",
              reconfirmDaysBefore: "3",
              releaseUnconfirmed: "on",
              transportBudgetEuros: "5000",
            }),
          ),
        ),
    }),
  },
  {
    endpoint: "app/organisation/edition/actions.ts#createNextEditionAction",
    label: "make the next edition",
    policy: ORGANISER,
    writes: true,
    arrange: async () => {
      // The newest edition of this database, made for this call.
      const year = 3000 + (nextEditionYear += 2);
      const from = await createEdition({ firstDay: new Date(`${year}-03-20`), lastDay: new Date(`${year}-03-21`), bookingClosesAt: new Date(`${year}-03-19`) });
      const slug = `next-${uid()}`;
      return {
        call: () => viaAction(() => createNextEditionAction({}, form({ fromEditionId: from.id, name: `Édition ${year + 1}`, slug, firstDay: `${year + 1}-03-19` }))),
        verify: async () => expect(await db.edition.findUnique({ where: { slug } })).toMatchObject({ name: `Édition ${year + 1}` }),
      };
    },
  },
  {
    endpoint: "app/organisation/quotas/actions.ts#saveQuotasAction",
    label: "quota table",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      await backOffice(w);
      return { call: () => viaAction(() => quotaActions.saveQuotasAction({}, form({ editionId: w.edition.id, "REGION.84.cap": "50", "REGION.84.target": "", approveWaitlisted: "on" }))) };
    },
  },
  {
    endpoint: "app/organisation/quotas/actions.ts#importQuotasAction",
    label: "quota CSV import",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      await backOffice(w);
      const file = () => new Blob(["dimension;value;label;cap;target\nREGION;84;;60;\n"], { type: "text/csv" });
      return { call: () => viaAction(() => quotaActions.importQuotasAction({}, form({ editionId: w.edition.id, approveWaitlisted: "on", file: file() }))) };
    },
  },
  {
    endpoint: "app/organisation/quotas/actions.ts#reevaluateAction",
    label: "waiting-list re-evaluation (nothing fits the cap yet; the run is logged)",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      await backOffice(w);
      return { call: () => viaAction(() => quotaActions.reevaluateAction({}, form({ editionId: w.edition.id }))) };
    },
  },
  {
    endpoint: "app/organisation/quotas/actions.ts#addPhaseAction",
    label: "add a registration phase",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => ({
      call: () => viaAction(() => quotaActions.addPhaseAction({}, form({ editionId: w.edition.id, name: "Phase ajoutée", startsAt: "2031-02-01T00:00", endsAt: "" }))),
    }),
  },
  {
    endpoint: "app/organisation/quotas/actions.ts#removePhaseAction",
    label: "remove a registration phase",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { phase } = await backOffice(w);
      return { call: () => viaAction(() => quotaActions.removePhaseAction({}, form({ editionId: w.edition.id, phaseId: phase.id }))) };
    },
  },
  {
    endpoint: "app/organisation/validations/actions.ts#decideAction",
    label: "approve a site (its own contact included)",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { pending } = await backOffice(w);
      return { call: () => viaAction(() => validationActions.decideAction({}, form({ factoryId: pending.id, decision: "APPROVE", comment: "OK" }))) };
    },
  },
  {
    endpoint: "app/organisation/validations/actions.ts#decideAction",
    label: "reject a site",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { pending } = await backOffice(w);
      return { call: () => viaAction(() => validationActions.decideAction({}, form({ factoryId: pending.id, decision: "REJECT", comment: "Non" }))) };
    },
  },
  {
    endpoint: "app/organisation/transports/actions.ts#acceptTransportAction",
    label: "accept a class's coach request within the budget",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const requestId = await coachRequest(w);
      return {
        call: () => viaAction(() => transportActions.acceptTransportAction({}, form({ requestId, costEuros: "900" }))),
        verify: async () => expect(await db.transportRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "ACCEPTED", costEuros: 900 }),
      };
    },
  },
  {
    endpoint: "app/organisation/transports/actions.ts#refuseTransportAction",
    label: "refuse a class's coach request",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const requestId = await coachRequest(w);
      return {
        call: () => viaAction(() => transportActions.refuseTransportAction({}, form({ requestId, refusalReason: "Budget épuisé" }))),
        verify: async () => expect(await db.transportRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "REFUSED" }),
      };
    },
  },
  {
    endpoint: "app/organisation/validations/actions.ts#approveSelectionAction",
    label: "approve several sites at once",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { pending } = await backOffice(w);
      return {
        call: () => viaAction(() => validationActions.approveSelectionAction({}, form({ factoryIds: [pending.id] }))),
        verify: async () => expect((await db.factory.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("APPROVED"),
      };
    },
  },
  {
    endpoint: "app/organisation/validations/actions.ts#overrideAction",
    label: "approve a site over a cap",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { waitlisted } = await backOffice(w);
      return { call: () => viaAction(() => validationActions.overrideAction({}, form({ factoryId: waitlisted.id, reason: "Parce que", confirm: "on" }))) };
    },
  },
  {
    endpoint: "app/organisation/roles/actions.ts#grantOrganiserAction",
    label: "grant the organiser role",
    policy: ORGANISER,
    writes: true,
    arrange: async () => ({ call: () => viaAction(() => roleActions.grantOrganiserAction({}, form({ email: `nouvel-organisateur-${uid()}@example.fr` }))) }),
  },
  {
    endpoint: "app/organisation/roles/actions.ts#revokeOrganiserAction",
    label: "revoke the organiser role",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { otherOrganiser } = await backOffice(w);
      return { call: () => viaAction(() => roleActions.revokeOrganiserAction({}, form({ userId: otherOrganiser.id }))) };
    },
  },
  {
    endpoint: "app/organisation/roles/actions.ts#attachContactAction",
    label: "attach a contact to a site",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { pending } = await backOffice(w);
      return { call: () => viaAction(() => roleActions.attachContactAction({}, form({ factoryId: pending.id, email: `collegue-${uid()}@example.fr` }))) };
    },
  },
  {
    endpoint: "app/organisation/roles/actions.ts#detachContactAction",
    label: "detach a contact from a site",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { pending, colleague } = await backOffice(w);
      return { call: () => viaAction(() => roleActions.detachContactAction({}, form({ factoryId: pending.id, userId: colleague.id }))) };
    },
  },
  {
    endpoint: "app/organisation/partenaires/actions.ts#issueApiKeyAction",
    label: "issue a partner's API key",
    policy: ORGANISER,
    writes: true,
    arrange: async () => {
      let state: { issued?: { secret: string } } = {};
      return {
        call: () => viaAction(async () => (state = await partnerActions.issueApiKeyAction({}, form({ name: `Partenaire ${uid()}`, scopes: ["READ", "BOOK"] })))),
        verify: () => expect(state.issued?.secret).toMatch(/^uo_/),
      };
    },
  },
  {
    endpoint: "app/organisation/partenaires/actions.ts#revokeApiKeyAction",
    label: "revoke a partner's API key",
    policy: ORGANISER,
    writes: true,
    arrange: async () => {
      const key = await partnerKey();
      return { call: () => viaAction(() => partnerActions.revokeApiKeyAction({}, form({ keyId: key.id, confirm: "on" }))) };
    },
  },
  {
    endpoint: "app/organisation/circuits/actions.ts#createCircuitAction",
    label: "create a coach circuit (a draft)",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { day, slots } = await circuitStops(w);
      return {
        call: () => viaAction(() => circuitActions.createCircuitAction({}, form({ ...CIRCUIT_FORM, day, slotIds: slots.map((slot) => slot.id) }))),
        verify: async () => expect(await db.circuit.count({ where: { legs: { some: { slotId: slots[0].id } } } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/organisation/circuits/actions.ts#setCircuitStatusAction",
    label: "publish a coach circuit",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots, { status: "DRAFT" });
      return {
        call: () => viaAction(() => circuitActions.setCircuitStatusAction({}, form({ circuitId: circuit.id, status: "PUBLISHED" }))),
        verify: async () => expect((await db.circuit.findUniqueOrThrow({ where: { id: circuit.id } })).status).toBe("PUBLISHED"),
      };
    },
  },
  {
    endpoint: "app/organisation/tirages/actions.ts#createDrawAction",
    label: "put visits in a draw",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const slot = await createSlot(w.ownFactory, {});
      const local = (offset: number) => parisIsoDateTime(new Date(Date.now() + offset)).slice(0, 16);
      return {
        call: () => viaAction(() => drawActions.createDrawAction({}, form({ name: "Tirage", scope: "VISITS", opensAt: local(0), closesAt: local(DAY), slotIds: [slot.id] }))),
        verify: async () => expect(await db.drawOffer.count({ where: { slotId: slot.id } })).toBe(1),
      };
    },
  },
  {
    endpoint: "app/organisation/tirages/actions.ts#runDrawAction",
    label: "run a closed draw",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const { draw, slots } = await drawOfTwo(w);
      await applyFor(draw.id, [slots[0].id]);
      await db.draw.update({ where: { id: draw.id }, data: { wishesCloseAt: new Date(Date.now() - 1000) } });
      return {
        call: () => viaAction(() => drawActions.runDrawAction({}, form({ drawId: draw.id }))),
        verify: async () => expect((await db.draw.findUniqueOrThrow({ where: { id: draw.id } })).completedAt).not.toBeNull(),
      };
    },
  },
  {
    endpoint: "app/organisation/circuits/[circuitId]/depart/actions.ts#departureCheckInAction",
    label: "board a circuit booking at the departure",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => {
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots);
      const { booking } = await bookCircuit(circuitInput(circuit.id));
      return {
        call: () => viaAction(() => departureCheckInAction({}, form({ circuitId: circuit.id, ticketCode: booking.ticketCode, count: "1" }))),
        verify: async () => expect((await db.circuitBooking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CHECKED_IN"),
      };
    },
  },
  {
    endpoint: "app/espace-usine/[factoryId]/circuits/actions.ts#refuseCircuitLegAction",
    label: "decline to be a stop of a draft circuit",
    policy: STAFF,
    writes: true,
    arrange: async (w) => {
      const circuit = await createCircuit(w.edition.id, (await circuitStops(w)).slots, { status: "DRAFT" });
      const leg = circuit.legs.find((l) => l.position === 1)!;
      return {
        call: () => viaAction(() => refuseCircuitLegAction({}, form({ factoryId: w.ownFactory.id, legId: leg.id }))),
        verify: async () => expect((await db.circuitLeg.findUniqueOrThrow({ where: { id: leg.id } })).refusedAt).not.toBeNull(),
      };
    },
  },
  {
    endpoint: "app/organisation/quotas/export.csv/route.ts#GET",
    label: "quota CSV export",
    policy: ORGANISER,
    writes: false,
    arrange: async (w) => ({ call: () => viaRoute(quotaExportRoute.GET(request(`/organisation/quotas/export.csv?edition=${w.edition.id}`), undefined as never)) }),
  },
  organiserExport("factories", "csv"),
  organiserExport("slots", "xlsx"),
  organiserExport("bookings", "csv"),
  {
    endpoint: "app/organisation/exports/[kind]/route.ts#POST",
    label: "bookings export with the contacts' names and addresses (logged)",
    policy: ORGANISER,
    writes: true,
    arrange: async (w) => ({
      call: () =>
        viaRoute(
          organiserExportRoute.POST(
            request("/organisation/exports/bookings", { method: "POST", body: form({ format: "csv", contacts: "1", reason: "Relance des classes", edition: w.edition.id }) }),
            params({ kind: "bookings" }),
          ),
        ),
    }),
  },
];

// ───────────────────────────── Running it ─────────────────────────────

beforeAll(async () => {
  const sharp = (await import("sharp").catch(() => null))?.default;
  if (sharp) png = new Uint8Array(await sharp({ create: { width: 120, height: 100, channels: 3, background: "#808080" } }).png().toBuffer());
});
beforeEach(() => newRequestScope());
afterEach(() => retireEditions());

describe("the authorisation matrix", () => {
  it("has a row for every server action and route handler the app exports", async () => {
    const { actions, routes, inline } = endpointFiles();
    expect(inline, "inline 'use server' functions escape this matrix: move them to an actions.ts").toEqual([]);
    const exported = (await Promise.all([...actions, ...routes].map((file) => exportedFunctions(file)))).flat();
    const covered = new Set([...ROWS.map((row) => row.endpoint), ...Object.keys(NOT_CALLED)]);
    expect(exported.filter((e) => !covered.has(e)), "exported but missing from the matrix").toEqual([]);
    expect([...covered].filter((e) => !exported.includes(e)), "in the matrix but not exported (renamed or removed?)").toEqual([]);
  });
});

for (const row of ROWS) describe(`${row.endpoint} — ${row.label}`, () => {
  it.each(IDENTITIES.map((identity) => [identity, refusalFor(row.policy, identity) ?? "allowed"] as const))("%s → %s", async (identity, expected) => {
    const w = await authzWorld();
    const prepared = await row.arrange(w);
    signInAs(w.users[identity]);

    if (row.policy.who === "token holder") {
      const before = await databaseFingerprint();
      const wrong = await prepared.withWrongToken!();
      expect(wrong.code, `wrong token: ${wrong.detail}`).toBe(row.policy.wrongToken);
      expect(wrong.ok).toBe(false);
      expect(await databaseFingerprint(), "a wrong token wrote to the database").toEqual(before);
    }

    const before = await databaseFingerprint();
    const outcome = await prepared.call();
    const after = await databaseFingerprint();
    if (expected === "allowed") {
      expect(outcome.code, outcome.detail).toBeNull();
      expect(outcome.ok).toBe(true);
      if (row.writes) expect(after, "an allowed call should have written").not.toEqual(before);
      else expect(after, "a read wrote to the database").toEqual(before);
      await prepared.verify?.();
    } else {
      expect(outcome.code, outcome.detail).toBe(expected);
      expect(outcome.ok).toBe(false);
      if (outcome.status !== undefined) expect([401, 403, 404]).toContain(outcome.status);
      expect(outcome.attachment ?? null, "a refusal came with the file").toBeNull();
      expect(after, "a refusal wrote to the database").toEqual(before);
    }
  });
});

describe("identity is read fresh on every call", () => {
  it("a role revoked a moment ago no longer opens anything", async () => {
    const w = await authzWorld();
    const { pending, otherOrganiser } = await backOffice(w);
    await db.user.update({ where: { id: otherOrganiser.id }, data: { role: "USER" } });
    signInAs(otherOrganiser);
    const before = await databaseFingerprint();
    const outcome = await viaAction(() => validationActions.decideAction({}, form({ factoryId: pending.id, decision: "APPROVE" })));
    expect(outcome.code).toBe("auth.forbidden");
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("a contact detached a moment ago no longer reaches the factory", async () => {
    const w = await authzWorld();
    const contact = w.users.ownFactoryContact!;
    await db.factoryContact.delete({ where: { factoryId_userId: { factoryId: w.ownFactory.id, userId: contact.id } } });
    signInAs(contact);
    const before = await databaseFingerprint();
    const outcome = await viaAction(() => cancelSlotAction({}, form({ factoryId: w.ownFactory.id, slotId: w.slot.id, reason: "Panne", confirm: "on" })));
    expect(outcome.code).toBe("auth.forbidden");
    expect(await databaseFingerprint()).toEqual(before);
  });
});
