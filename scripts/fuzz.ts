// `npm run fuzz -- --requests 10000 [--url http://localhost:3000] [--database-url …] [--concurrency 8] [--seed N]`
//
// HTTP fuzzing of the REST API and of the server actions with malformed requests. Without --url it
// starts the app itself (scripts/start.ts prod: builds if the sources changed, a fresh embedded
// PostgreSQL in .data/pg-fuzz with the demo data, its own ports, RATE_LIMIT_FACTOR huge so limits do
// not mask anything), then sends N requests that are all invalid ON PURPOSE — each booking lacks
// consent or names a slot that does not exist, each sign-in address has no "@", each manage token
// is random — so the only correct outcome is a 4xx (or a form answered with an error) and an
// unchanged database:
//   - POST /api/v1/bookings: random JSON and non-JSON bodies, wrong content types, huge and deeply
//     nested bodies, random Idempotency-Key / Origin / X-Forwarded-For / Accept-Language / Authorization
//     (API keys that open nothing), wrong methods;
//   - GET and DELETE /api/v1/bookings/{token} with random tokens; GET /api/v1/slots with random
//     query strings;
//   - server actions: POST with a `Next-Action` header (ids from .next/server/server-reference-
//     manifest.json) and React's multipart encoding with random fields, or the no-JavaScript form
//     post, or url-encoded / text bodies.
// Asserts zero 5xx, no request left unanswered, and zero rows written in Booking, EmailOutbox,
// Factory, Slot, AuditLog, User and VerificationToken (counted before and after with a pg client on
// the app's database); prints a summary and exits 1 on failure. Failing requests are written to
// .data/fuzz-logs/failures.jsonl (method, path, headers, body preview, response).
//
// Requests the framework itself rejects by design with a 500 (a server-action POST whose Origin
// does not match Host — Next's CSRF check — or whose React payload cannot be decoded) are NOT sent:
// they say nothing about this app. Run with --framework to send them too and see them reported
// apart (they never fail the run).
//
// CI form: `npm run fuzz -- --requests 1000` (about 1–2 minutes with a current build). Nothing it
// asserts is a deadline but the 2 minutes a request may take before it counts as unanswered.
import { type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { bold, daemon, diesWith, dim, freePort, green, healthy, red, request, sleep, stopChild, waitFor, type HttpResponse } from "./lib/stack";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    url: { type: "string" },
    "database-url": { type: "string" },
    concurrency: { type: "string", default: "8" },
    seed: { type: "string" },
    framework: { type: "boolean", default: false },
    "keep-logs": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
  process.exit(0);
}

const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const SEED = Number(args.seed ?? Date.now() % 2 ** 31);
if (!(REQUESTS > 0) || !(CONCURRENCY > 0)) throw new Error("--requests and --concurrency expect positive numbers");
const LOG_DIR = path.join(".data", "fuzz-logs");
// "Unanswered" means hung, not slow: a loaded machine may take seconds over a 3 MB body.
const REQUEST_TIMEOUT_MS = 120_000;
fs.mkdirSync(LOG_DIR, { recursive: true });

// ───────────────────────────── Seeded randomness ─────────────────────────────

let state = SEED >>> 0 || 1;
function random(): number {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
function weighted<T>(entries: [number, () => T][]): T {
  const total = entries.reduce((sum, [w]) => sum + w, 0);
  let roll = random() * total;
  for (const [w, make] of entries) {
    if ((roll -= w) < 0) return make();
  }
  return entries[entries.length - 1][1]();
}

const TRICKY = ["é", "ß", "İ", "𝕏", "🏭", "\u0000", "\u202e", "\u200b", "\ufeff", "\ud800", "\udfff", "\n", "\r\n", "\t", '"', "\\", "'", "<", ">", "&", "%", "%00", "${", "{{", "../", "\u00a0", "Ω", "中"];
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
function length(): number {
  return weighted<number>([
    [60, () => int(0, 12)],
    [25, () => int(13, 120)],
    [10, () => int(121, 2000)],
    [1, () => int(50_000, 200_000)],
  ]);
}
function asciiString(n = length()): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(int(32, 126));
  return s;
}
function alnum(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[int(0, ALNUM.length - 1)];
  return s;
}
function unicodeString(n = length()): string {
  let s = "";
  for (let i = 0; i < Math.min(n, 5000); i++) s += chance(0.3) ? pick(TRICKY) : chance(0.5) ? String.fromCodePoint(int(0x80, 0x2fff)) : String.fromCharCode(int(32, 126));
  return s;
}
const numberString = () => pick(["0", "-1", "1", "2", "6", "7", "50", "51", "1e3", "1e400", "-0", "0x10", "NaN", "Infinity", "2.5", " 3 ", "３", "٣", "", "9007199254740993", "1_000"]);
function randomString(): string {
  return weighted<string>([
    [40, () => asciiString()],
    [25, () => unicodeString()],
    [20, numberString],
    [15, () => pick(["on", "true", "false", "null", "undefined", "INDIVIDUAL", "GROUP", "fr", "en", "4e", "0740003B", "06 12 34 56 78", "[]", "{}", "$K1", "$@1", "$undefined"])],
  ]);
}
function randomNumber(): number {
  return pick([0, -1, 1, 2, 3, 6, 7, 51, 200, 201, -1e9, 1e9, 2 ** 31, 2 ** 53 + 1, 1e308, -0, 0.5, 3.14, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE]);
}
function randomJson(depth = 0): unknown {
  return weighted<unknown>([
    [30, randomString],
    [20, randomNumber],
    [8, () => chance(0.5)],
    [8, () => null],
    [depth < 3 ? 10 : 0, () => Array.from({ length: int(0, 4) }, () => randomJson(depth + 1))],
    [depth < 3 ? 10 : 0, () => Object.fromEntries(Array.from({ length: int(0, 4) }, () => [randomKey(), randomJson(depth + 1)]))],
  ]);
}
const BOOKING_KEYS = ["kind", "slotId", "seats", "minors", "students", "adults", "schoolUai", "schoolName", "classLevel", "contactName", "email", "phone", "participantNames", "consent", "locale", "idempotencyKey"];
const randomKey = () => (chance(0.7) ? pick(BOOKING_KEYS) : chance(0.5) ? asciiString(int(0, 12)) : pick(["__proto__", "constructor", "prototype", "toString", "", " ", "seats ", "Consent"]));
// Header values must be latin-1 without control characters (Node refuses the rest before sending).
const headerValue = (n = int(0, 150)) => asciiString(n).replace(/[\r\n]/g, " ");

// ───────────────────────────── Targets ─────────────────────────────

interface Target {
  base: string;
  slotIds: string[]; // real slot ids (open ones first), used with a poisoned body
  actions: { id: string; filename: string; name: string; pages: string[] }[];
}

// The poison that makes a booking invalid whatever else the body says.
const BAD_CONSENT: unknown[] = [false, null, 0, 1, "no", "false", "", "ON", "on ", " true", "True", [], {}, [true], { value: true }];
function poisonBooking(body: Record<string, unknown>) {
  weighted<void>([
    [50, () => (chance(0.3) ? delete body.consent : (body.consent = pick(BAD_CONSENT)))],
    [40, () => (body.slotId = `fuzz-${alnum(int(1, 20))}`)], // no such slot: valid input, 404
    [10, () => (body.kind = pick(["individual", "", "SOLO", 1, null, ["INDIVIDUAL"]]))],
  ]);
}

function bookingTemplate(target: Target): Record<string, unknown> {
  const slotId = target.slotIds.length > 0 && chance(0.8) ? pick(target.slotIds) : `fuzz-${alnum(12)}`;
  const common = { slotId, contactName: "Camille Fuzz", email: `fuzz-${alnum(8)}@example.org`, consent: true, locale: pick(["fr", "en"]), idempotencyKey: `fuzz-${alnum(16)}` };
  return chance(0.75)
    ? { kind: "INDIVIDUAL", seats: int(1, 6), minors: int(0, 1), ...common }
    : { kind: "GROUP", students: int(1, 30), adults: int(1, 4), schoolUai: "0740003B", schoolName: "Collège Fuzz", classLevel: "4e", phone: "06 12 34 56 78", ...common };
}

/** A booking object: a plausible one, mutated a few times, then made invalid on purpose. */
function bookingObject(target: Target): Record<string, unknown> {
  const body = bookingTemplate(target);
  for (let i = int(0, 4); i > 0; i--) {
    const key = chance(0.8) ? pick(Object.keys(body)) : randomKey();
    weighted<void>([
      [30, () => delete body[key]],
      [40, () => (body[key] = randomJson())],
      [20, () => (body[key] = typeof body[key] === "number" ? String(body[key]) : randomString())],
      [10, () => (body[key] = chance(0.5) ? randomNumber() : pick([Number.NaN, Number.POSITIVE_INFINITY]))], // NaN/Infinity → null in JSON
    ]);
  }
  poisonBooking(body);
  return body;
}

interface FuzzRequest {
  family: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  framework?: boolean; // rejected by Next.js itself by design (reported apart)
}

function apiHeaders(target: Target): Record<string, string> {
  const headers: Record<string, string> = {};
  if (chance(0.7)) headers["x-forwarded-for"] = chance(0.8) ? `203.0.113.${int(1, 254)}` : headerValue(int(0, 60));
  if (chance(0.3)) headers["accept-language"] = pick(["en", "fr", "en-GB,en;q=0.9", "de", "*", headerValue(20)]);
  if (chance(0.15)) headers.origin = pick(["https://evil.example", "null", "not a url", "http://", target.base, `${target.base}:1`]);
  // Partner keys that open nothing (401), or another scheme (treated as anonymous).
  if (chance(0.15)) headers.authorization = pick(["Bearer", "Bearer ", `Bearer uo_${alnum(43)}`, `Bearer ${alnum(int(0, 80))}`, `Basic ${alnum(20)}`, headerValue(int(0, 80))]);
  return headers;
}

// encodeURIComponent throws on lone surrogates; the URL then carries U+FFFD instead.
const encode = (value: string) => encodeURIComponent(value.toWellFormed());

// React's encodeReply writes a string that starts with "$" as "$$…" (a bare "$@1" or "$K1" is a
// reference to another part of the payload). Arguments are escaped the same way, as any real
// client's are; unescaped references are payloads only a forger sends (see --framework).
function reactEscape(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(reactEscape);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reactEscape(v)]));
  return value;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

function postBooking(target: Target): FuzzRequest {
  const headers = apiHeaders(target);
  headers["content-type"] = weighted<string>([
    [80, () => "application/json"],
    [4, () => "application/json; charset=utf-8"],
    [16, () => pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "APPLICATION/JSON", "application/jsonp", "application/json-patch+json", "", "*/*", headerValue(30)])],
  ]);
  if (headers["content-type"] === "" && chance(0.5)) delete headers["content-type"];
  if (chance(0.5)) headers["idempotency-key"] = chance(0.8) ? headerValue() : "";
  const body = weighted<string | Buffer>([
    [55, () => jsonText(bookingObject(target))],
    [8, () => jsonText(randomJson())], // not an object, or an object of junk
    [6, () => jsonText(bookingObject(target)).slice(0, int(0, 40))], // truncated
    [5, () => randomBytes(int(0, 2000))], // binary garbage
    [4, () => asciiString()],
    [3, () => `\ufeff${jsonText(bookingObject(target))}`],
    [3, () => jsonText(bookingObject(target)).replace(/"seats":\d+/, '"seats":1e400')], // Infinity after parsing
    [2, () => "[".repeat(int(1000, 100_000)) + "]".repeat(int(0, 10))], // deep nesting
    [2, () => jsonText({ ...bookingObject(target), contactName: "x".repeat(int(1, 3) * 1_000_000) })], // megabytes
    [2, () => jsonText(Array.from({ length: int(100, 20_000) }, () => bookingObject(target)))],
    [2, () => `{"__proto__":{"consent":true},${jsonText(bookingObject(target)).slice(1)}`],
    [2, () => jsonText(bookingObject(target)).replace(/}$/, ',"consent":false}')], // duplicate key, the last one wins
    [2, () => ""],
    [2, () => pick(["null", "true", "0", '"x"', "[]", "{}", "{", "}", "[1,]", "{'a':1}", "NaN"])],
  ]);
  const method = chance(0.93) ? "POST" : pick(["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]);
  return { family: "POST /api/v1/bookings", method, path: "/api/v1/bookings", headers, body: method === "GET" || method === "HEAD" ? undefined : body };
}

function randomToken(): string {
  return weighted<string>([
    [35, () => randomBytes(32).toString("base64url")], // well-formed, unknown: 404
    [15, () => alnum(int(0, 19))], // too short: 422
    [10, () => alnum(int(201, 3000))], // too long: 422 (still under Node's 16 kB header limit)
    [15, () => encode(unicodeString(int(1, 60)))],
    [10, () => pick(["%00", "%", "%zz", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%20".repeat(30), "null", "undefined", "$K1", "%F0%9F%8F%AD", "%ED%A0%80"])],
    [15, () => encode(asciiString(int(20, 80)))],
  ]);
}

function bookingByToken(target: Target): FuzzRequest {
  const method = weighted<string>([
    [45, () => "GET"],
    [45, () => "DELETE"],
    [10, () => pick(["POST", "PUT", "PATCH", "HEAD"])],
  ]);
  const suffix = chance(0.05) ? pick(["/", "/x", "?a=1", "#frag", "/../../slots"]) : "";
  return { family: `${method} /api/v1/bookings/{token}`, method, path: `/api/v1/bookings/${randomToken()}${suffix}`, headers: apiHeaders(target) };
}

const SLOT_PARAMS = ["q", "region", "department", "postalCode", "sector", "day", "time", "audience", "available", "wheelchair", "maxMinAge", "language", "page"];
function slotsQuery(target: Target): FuzzRequest {
  const pairs: string[] = [];
  for (let i = int(0, 8); i > 0; i--) {
    const key = chance(0.85) ? pick(SLOT_PARAMS) : asciiString(int(0, 10));
    const value = weighted<string>([
      [30, randomString],
      [30, () => pick(["84", "11", "2A", "2a", "974", "99", "25", "10", "2027-03-27", "2027-02-30", "morning", "afternoon", "PUBLIC", "SCHOOL", "BOTH", "1", "on", "0", "-1", "10001", "99999999999999999999", "fr", "en", "74300"])],
      [10, () => "x".repeat(int(100, 1500))],
      [10, () => asciiString(int(0, 40))],
    ]);
    pairs.push(`${encode(key)}=${chance(0.9) ? encode(value) : pick(["%", "%E0%A4%A", "%ZZ", "%00", "+", "&&", "=="])}`);
  }
  // Under Node's 16 kB header limit (beyond it the server answers 431 and closes the connection).
  while (pairs.join("&").length > 12_000) pairs.pop();
  const method = chance(0.95) ? "GET" : pick(["POST", "DELETE", "PUT"]);
  return { family: "GET /api/v1/slots", method, path: `/api/v1/slots${pairs.length || chance(0.5) ? "?" : ""}${pairs.join("&")}`, headers: apiHeaders(target) };
}

// ───────────────────────────── Server actions ─────────────────────────────

function multipart(parts: [string, string][], boundary = `----fuzz${alnum(16)}`) {
  const chunks = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, "_")}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${chunks.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A concrete path of a page that uses the action (dynamic segments filled in). */
function pagePath(target: Target, page: string): string {
  const p = page.replace(/^app/, "").replace(/\/page$/, "") || "/";
  return p.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (name === "slotId" && target.slotIds.length > 0 && chance(0.7)) return pick(target.slotIds);
    if (name === "token") return randomBytes(32).toString("base64url");
    return chance(0.7) ? `fuzz${alnum(int(1, 24))}` : encode(randomString().slice(0, 60));
  });
}

// A proof-of-work field (lib/challenge) that never verifies: junk, JSON that is not a payload, the
// widget's test-mode payload, or a well-formed payload with a signature of nobody's.
function junkChallenge(): string {
  const base64 = (value: unknown) => Buffer.from(jsonText(value)).toString("base64");
  return weighted<string>([
    [30, randomString],
    [25, () => base64(randomJson())],
    [15, () => base64({ challenge: null, solution: null, test: true })],
    [20, () => base64({ challenge: { parameters: { algorithm: "PBKDF2/SHA-256", nonce: alnum(32), salt: alnum(32), cost: 1, keyLength: 32, keyPrefix: "00", expiresAt: 4e9 }, signature: alnum(64) }, solution: { counter: int(0, 9), derivedKey: alnum(64) } })],
    [10, () => "A".repeat(int(4000, 200_000))],
  ]);
}

// What each action gets: its form fields, always invalid for anything that could write.
function actionFields(target: Target, name: string): Record<string, string> {
  const junk = () => {
    const fields: Record<string, string> = {};
    for (let i = int(0, 8); i > 0; i--) fields[randomKey()] = randomString();
    return fields;
  };
  switch (name) {
    case "bookAction": {
      const body = bookingObject(target);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) {
        if (v === undefined) continue;
        fields[k] = typeof v === "string" ? v : typeof v === "object" && v !== null ? jsonText(v) : String(v);
      }
      // FormData carries strings: consent true became "true", which the schema accepts; keep it only
      // when the slot does not exist (then the request is refused with slot.not_found).
      if ((fields.consent === "on" || fields.consent === "true") && !String(fields.slotId ?? "").startsWith("fuzz-")) fields.consent = pick(["off", "", "no"]);
      if (chance(0.6)) fields.altcha = junkChallenge();
      return fields;
    }
    case "requestMagicLink":
      // Never an address: a valid one would (rightly) write a verification token and an e-mail.
      return {
        ...(chance(0.8) ? { email: randomString().replace(/@/g, "") } : {}),
        ...(chance(0.5) ? { callbackUrl: pick(["/", "//evil.example", "https://evil.example", "/espace-usine", randomString()]) } : {}),
        ...(chance(0.6) ? { altcha: junkChallenge() } : {}),
      };
    case "changeSeatsAction":
    case "cancelAction":
      return { manageToken: chance(0.7) ? randomBytes(32).toString("base64url") : randomString(), ...(chance(0.6) ? { seats: randomString() } : {}), ...junk() };
    case "setLocale":
      return { locale: chance(0.5) ? pick(["fr", "en"]) : randomString() };
    default:
      // Factory and organiser actions: not signed in, refused before anything is written.
      return { factoryId: chance(0.5) ? `fuzz${alnum(10)}` : randomString(), intent: pick(["lookup", "pick", "search", "checkin", "undo", randomString()]), ...junk() };
  }
}

function serverAction(target: Target, framework: boolean): FuzzRequest {
  const action = pick(target.actions);
  const path = pagePath(target, pick(action.pages));
  const fields = actionFields(target, action.name);
  const headers: Record<string, string> = { accept: pick(["text/x-component", "text/html", "*/*"]) };
  if (chance(0.5)) headers.origin = target.base; // same origin (a browser); or none (a script)
  if (chance(0.5)) headers["x-forwarded-for"] = `203.0.113.${int(1, 254)}`;
  const twoArgs = action.name !== "lookupPostalCode";

  if (framework) {
    // What Next.js rejects by itself (500 by design): foreign Origin, undecodable payloads.
    const kind = int(0, 3);
    const { body, contentType } = multipart(
      kind === 0 ? [["0", jsonText([{}, "$K1"])]] : kind === 1 ? [["0", asciiString(int(0, 40))]] : [["0", jsonText([randomJson(), pick(["$K9", "$Q1", "$@5", "$F1", "$T", "$undefined"])])]],
    );
    if (kind === 3 || kind === 0) headers.origin = "https://evil.example";
    return { family: "server action (framework-rejected)", method: "POST", path, headers: { ...headers, "next-action": action.id, "content-type": contentType }, body, framework: true };
  }

  return weighted<FuzzRequest>([
    [
      55,
      () => {
        // Fetch call (JavaScript): React's encodeReply — part "0" is the argument list, the FormData
        // argument "$K1" has its fields in parts "1_<name>".
        const args = action.name === "lookupPostalCode" ? [reactEscape(randomString())] : twoArgs ? [chance(0.8) ? {} : reactEscape(randomJson()), "$K1"] : ["$K1"];
        const { body, contentType } = multipart([["0", jsonText(args)], ...Object.entries(fields).map(([k, v]): [string, string] => [`1_${k}`, v])]);
        return { family: `server action ${action.name} (fetch)`, method: "POST", path, headers: { ...headers, "next-action": action.id, "content-type": contentType }, body };
      },
    ],
    [
      25,
      () => {
        // Form post without JavaScript (useActionState forms): React's hidden fields, then the form's.
        const parts: [string, string][] = twoArgs
          ? [
              ["$ACTION_REF_1", ""],
              ["$ACTION_1:0", jsonText({ id: action.id, bound: "$@1" })],
              ["$ACTION_1:1", jsonText([chance(0.8) ? {} : reactEscape(randomJson())])],
            ]
          : [[`$ACTION_ID_${action.id}`, ""]];
        const { body, contentType } = multipart([...parts, ...Object.entries(fields)]);
        return { family: `server action ${action.name} (form post)`, method: "POST", path, headers: { ...headers, "content-type": contentType }, body };
      },
    ],
    [
      10,
      () => {
        // Fetch call with a plain-text argument list (what encodeReply sends when there is no FormData).
        const body = jsonText(reactEscape(action.name === "lookupPostalCode" ? [randomString()] : [randomJson(), randomJson()]));
        return { family: `server action ${action.name} (text)`, method: "POST", path, headers: { ...headers, "next-action": action.id, "content-type": "text/plain;charset=UTF-8" }, body };
      },
    ],
    [
      5,
      () => {
        const params = new URLSearchParams(fields);
        return { family: "server action (url-encoded)", method: "POST", path, headers: { ...headers, "next-action": action.id, "content-type": "application/x-www-form-urlencoded" }, body: params.toString() };
      },
    ],
    [
      5,
      () => {
        // An action id that does not exist (or is not an id at all).
        const id = pick([randomBytes(21).toString("hex"), "00".repeat(21), asciiString(int(0, 60)).replace(/[\r\n]/g, ""), action.id.slice(0, 10)]);
        const { body, contentType } = multipart([["0", jsonText([{}, "$K1"])], ...Object.entries(fields).map(([k, v]): [string, string] => [`1_${k}`, v])]);
        return { family: "server action (unknown id)", method: "POST", path, headers: { ...headers, "next-action": id, "content-type": contentType }, body };
      },
    ],
  ]);
}

function nextRequest(target: Target): FuzzRequest {
  const framework = args.framework && chance(0.05);
  return weighted<FuzzRequest>([
    [35, () => postBooking(target)],
    [20, () => bookingByToken(target)],
    [15, () => slotsQuery(target)],
    [30, () => serverAction(target, framework)],
  ]);
}

// ───────────────────────────── The app ─────────────────────────────

// The tables a rejected request could have written to: their row counts must not change.
const TABLES = ["Booking", "EmailOutbox", "Factory", "Slot", "AuditLog", "User", "VerificationToken"] as const;

async function countRows(client: pg.Client | pg.Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  return counts;
}

interface App {
  base: string;
  databaseUrl?: string;
  log?: string;
  stop: () => Promise<void>;
}

async function startApp(): Promise<App> {
  const [port, pgPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
  const log = path.join(LOG_DIR, "app.log");
  fs.writeFileSync(log, "");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_DIR: path.join(".data", "pg-fuzz"),
    EMBEDDED_PG_FRESH: "1",
    EMBEDDED_PG_PORT: String(pgPort),
    DEV_SMTP_PORT: String(smtpPort),
    RATE_LIMIT_FACTOR: "1000000",
    SCHEDULER: "off", // reminders and purges would write rows of their own
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  console.log(dim(`› starting the app (scripts/start.ts prod, fresh database in .data/pg-fuzz, port ${port}); log: ${log}`));
  const child: ChildProcess = daemon("tsx", ["scripts/start.ts", "prod"], env, log);
  const died = diesWith(child, (exit) => `the app exited with ${exit} during start-up; see ${log}`);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(() => healthy(base), 15 * 60_000, "the app's /api/health (a build may run first)", died);
  return {
    base,
    databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/usines_ouvertes`,
    log,
    // start.ts stops Next, its mail sink and PostgreSQL on SIGTERM; the group is killed if it hangs.
    stop: () => stopChild(child, 20_000, { groupFirst: false }),
  };
}

function loadActions(): Target["actions"] {
  const file = path.join(".next", "server", "server-reference-manifest.json");
  if (!fs.existsSync(file)) throw new Error(`${file} not found: build the app first (npm run build)`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    filename: entry.filename ?? "?",
    name: entry.exportedName ?? "?",
    pages: Object.keys(entry.workers).filter((w) => w.startsWith("app/")),
  })).filter((a) => a.pages.length > 0);
}

// ───────────────────────────── Run ─────────────────────────────

interface Failure {
  request: Omit<FuzzRequest, "body"> & { bodyPreview?: string; bodyBytes?: number };
  status?: number;
  error?: string;
  response?: string;
}

async function main() {
  const app: App = args.url
    ? { base: args.url.replace(/\/$/, ""), databaseUrl: args["database-url"] ?? process.env.DATABASE_URL, stop: async () => {} }
    : await startApp();
  let client: pg.Client | undefined;
  let exitCode = 1;
  try {
    if (!app.databaseUrl) console.warn(red("No --database-url (or DATABASE_URL): the zero-rows-written check is skipped."));
    else {
      client = new pg.Client({ connectionString: app.databaseUrl });
      await client.connect();
    }
    const slotIds = client
      ? (await client.query<{ id: string }>(`SELECT id FROM "Slot" ORDER BY (status = 'OPEN') DESC, "startsAt" DESC LIMIT 200`)).rows.map((r) => r.id)
      : [];
    const target: Target = { base: app.base, slotIds, actions: loadActions() };
    console.log(dim(`› ${target.actions.length} server actions in the manifest, ${slotIds.length} real slot ids; seed ${SEED}`));
    const before = client ? await countRows(client) : undefined;
    const appLogStart = app.log ? fs.statSync(app.log).size : 0;

    const histogram = new Map<number | string, number>();
    const byFamily = new Map<string, Map<number | string, number>>();
    const failures: Failure[] = [];
    const frameworkFailures: Failure[] = [];
    let sent = 0;
    let done = 0;
    const started = performance.now();
    const progress = setInterval(() => {
      if (process.stdout.isTTY) process.stdout.write(dim(`  ${done}/${REQUESTS} requests\r`));
    }, 1000);

    const worker = async () => {
      while (sent < REQUESTS) {
        sent++;
        const req = nextRequest(target);
        let res: HttpResponse | undefined;
        let error: string | undefined;
        try {
          res = await request(app.base, { method: req.method, path: req.path, headers: req.headers, body: req.body, timeoutMs: REQUEST_TIMEOUT_MS });
        } catch (e) {
          error = (e as Error).message;
        }
        done++;
        const key = res?.status ?? "no answer";
        histogram.set(key, (histogram.get(key) ?? 0) + 1);
        const fam = byFamily.get(req.family) ?? new Map();
        fam.set(key, (fam.get(key) ?? 0) + 1);
        byFamily.set(req.family, fam);
        if (error || (res && res.status >= 500)) {
          const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
          const failure: Failure = {
            request: { family: req.family, method: req.method, path: req.path.slice(0, 500), headers: req.headers, framework: req.framework, bodyPreview: body?.subarray(0, 600).toString("utf8"), bodyBytes: body?.length },
            status: res?.status,
            error,
            response: res?.body.slice(0, 600),
          };
          (req.framework ? frameworkFailures : failures).push(failure);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    clearInterval(progress);
    const seconds = (performance.now() - started) / 1000;

    // Give in-flight work (e.g. a transaction after a response) a moment, then count again.
    await sleep(1000);
    const after = client ? await countRows(client) : undefined;
    const written = before && after ? TABLES.map((t) => [t, after[t] - before[t]] as const).filter(([, d]) => d !== 0) : [];
    const appErrors = app.log ? unexpectedLogLines(fs.readFileSync(app.log, "utf8").slice(appLogStart)) : [];

    fs.writeFileSync(path.join(LOG_DIR, "failures.jsonl"), [...failures, ...frameworkFailures].map((f) => JSON.stringify(f)).join("\n") + "\n");

    console.log(`\n${bold("HTTP fuzz")}: ${done} requests in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s), concurrency ${CONCURRENCY}, seed ${SEED}`);
    const order = (a: number | string, b: number | string) => String(a).localeCompare(String(b));
    console.log(`  status histogram: ${[...histogram.entries()].sort(([a], [b]) => order(a, b)).map(([s, n]) => `${s}×${n}`).join("  ")}`);
    for (const [family, hist] of [...byFamily.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(dim(`    ${family.padEnd(44)} ${[...hist.entries()].sort(([a], [b]) => order(a, b)).map(([s, n]) => `${s}×${n}`).join("  ")}`));
    }
    const fiveXX = failures.filter((f) => f.status !== undefined).length;
    const unanswered = failures.filter((f) => f.status === undefined).length;
    console.log(`  5xx: ${fiveXX ? red(String(fiveXX)) : green("0")}   unanswered: ${unanswered ? red(String(unanswered)) : green("0")}`);
    if (args.framework) console.log(dim(`  framework-rejected requests answered 5xx (Next.js by design, not counted): ${frameworkFailures.length}`));
    if (before && after) {
      console.log(`  rows written: ${written.length ? red(written.map(([t, d]) => `${t} ${d > 0 ? "+" : ""}${d}`).join(", ")) : green("0")} ${dim(`(${TABLES.map((t) => `${t} ${after[t]}`).join(", ")})`)}`);
    }
    if (app.log) console.log(`  unexpected errors in the app's log: ${appErrors.length ? red(String(appErrors.length)) : green("0")}`);
    // Distinct causes: same request family, same status, same kind of answer.
    const causes = new Map<string, { count: number; example: Failure }>();
    for (const f of failures) {
      const answer = (f.response ?? f.error ?? "").replace(/"digest":"\d+"/, '"digest":…').replace(/"b":"[^"]+"/, '"b":…').slice(0, 80);
      const key = `${f.request.family} → ${f.status ?? "no answer"} ${answer}`;
      const cause = causes.get(key) ?? { count: 0, example: f };
      cause.count++;
      causes.set(key, cause);
    }
    for (const [key, { count, example }] of [...causes.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 12)) {
      console.log(red(`  ✖ ${count}× ${key.replace(/\s+/g, " ")}`));
      console.log(dim(`      e.g. ${example.request.method} ${example.request.path.slice(0, 100)} ${example.request.headers["content-type"] ?? ""} ${(example.request.bodyPreview ?? "").slice(0, 100).replace(/\s+/g, " ")}`));
    }
    const logCauses = new Map<string, number>();
    for (const line of appErrors) logCauses.set(line.slice(0, 120), (logCauses.get(line.slice(0, 120)) ?? 0) + 1);
    for (const [line, count] of [...logCauses.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(red(`  log ${count}×: ${line}`));
    if (failures.length || appErrors.length) console.log(dim(`  details: ${path.join(LOG_DIR, "failures.jsonl")}${app.log ? `, ${app.log}` : ""}`));

    const ok = failures.length === 0 && written.length === 0 && appErrors.length === 0;
    console.log(ok ? green(bold("PASS")) : red(bold("FAIL")));
    exitCode = ok ? 0 : 1;
  } finally {
    await client?.end().catch(() => {});
    await app.stop();
    if (!args.url && !args["keep-logs"]) fs.rmSync(path.join(".data", "pg-fuzz"), { recursive: true, force: true });
  }
  process.exit(exitCode);
}

// Errors the app logged although every request got a 2xx–4xx: formStateFromError and apiHandler log
// anything that is not an expected AppError (the form then shows a generic message). Next's own
// warnings about unknown action ids and missing Origin headers are expected here.
function unexpectedLogLines(text: string): string[] {
  const expected = /Failed to find Server Action|Server Reference ID did not match|Missing `origin` header|Invalid Server Actions request|does not match `origin`|Outbox worker/;
  return text
    .split("\n")
    .filter((line) => /\b(TypeError|RangeError|ReferenceError|SyntaxError|PrismaClient\w*Error|Unhandled|uncaughtException)\b|⨯|^Error:/.test(line))
    .filter((line) => !expected.test(line))
    .map((line) => line.trim());
}

process.on("SIGINT", () => process.exit(130));
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
