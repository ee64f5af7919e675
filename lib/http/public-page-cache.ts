// The public pages everyone loads the same — home, catalogue (any filters), factory pages — served
// from memory for a few seconds, in the HTTP wrapper (scripts/serve.ts), when the visitor is not
// signed in. At the opening rush thousands of visitors browse these pages many times each: rendering
// each view would spend the CPU that bookings need. See docs/decisions/0009-public-page-cache.md.
//
// Freshness: a cached page is at most PUBLIC_PAGE_SECONDS old. A write by someone signed in empties
// this instance's cache at once (mayChangePublicPages), so what factories and organisers change shows
// on their next view here, and on other instances within those seconds; seat counts may lag by those
// seconds, and the booking form, never cached, reads them fresh and says so when the visit has filled.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { hasSessionCookie } from "../auth/session-cookie";
import { LOCALE_COOKIE, localeOf } from "../i18n/config";
import { clientHas, etagOf } from "./etag";
import { policyWithHashes } from "../security";

export const PUBLIC_PAGE_SECONDS = 5;
const PUBLIC_PATHS = [/^\/$/, /^\/visites$/, /^\/usines\/[^/]+$/];
// Beyond this the oldest pages are dropped (1,000 factory pages in two languages fit several times).
const MAX_BYTES = 96 * 1024 * 1024;
// Client-side navigations and server actions: the answer depends on the router's state, not on the address alone.
const ROUTER_HEADERS = ["rsc", "next-action", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];

type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

interface Entry {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  etag: string;
  expiresAt: number;
  encoded: Map<Encoding, Buffer>;
}
type Encoding = "br" | "gzip";

const entries = new Map<string, Entry>();
const rendering = new Map<string, Promise<Entry | null>>();
let generation = 0;
let bytes = 0;

const cookieValue = (header: string | undefined, name: string) =>
  header?.split(";").map((c) => c.trim().split("=")).find(([k]) => k === name)?.[1];

/** The cache key of a request that may be served from the cache, or null. */
export function publicPageKey(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if ((method !== "GET" && method !== "HEAD") || !url) return null;
  const { pathname, searchParams } = new URL(url, "http://x");
  if (!PUBLIC_PATHS.some((p) => p.test(pathname)) || searchParams.has("_rsc")) return null;
  if (hasSessionCookie(headers.cookie) || ROUTER_HEADERS.some((h) => headers[h] !== undefined)) return null;
  const locale = localeOf(cookieValue(headers.cookie, LOCALE_COOKIE), headers["accept-language"]);
  return `${locale} ${url}`;
}

/**
 * Whether a request may have changed what the cached pages show (then the cache is emptied): a write
 * by someone signed in (factories, organisers, teachers) or the demo's clock. Anonymous writes —
 * bookings and cancellations, the language switch, a factory's registration (shown only once
 * approved), sign-in requests, surveys — change seat counts at most.
 */
export function mayChangePublicPages(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  return hasSessionCookie(headers.cookie) || new URL(url ?? "/", "http://x").pathname.startsWith("/dev/");
}

export function purgePublicPages() {
  generation++;
  entries.clear();
  bytes = 0;
}

/**
 * Next's handler behind this module: public pages and brotli build assets from memory, the cache
 * emptied after writes that may change those pages, everything else straight to Next.
 */
export function withSharedResponses(handle: Handler) {
  const fail = (response: ServerResponse, error: unknown) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    response.end();
  };
  return (request: IncomingMessage, response: ServerResponse) => {
    const { method, url, headers } = request;
    // Emptied once the write is done (its transaction committed), so no later view shows the old state.
    if (mayChangePublicPages(method, url, headers)) response.once("finish", purgePublicPages);
    const page = publicPageKey(method, url, headers);
    const asset = page ? null : brotliAssetKey(method, url, headers);
    if (page) servePublicPage(page, request, response, handle).catch((error: unknown) => fail(response, error));
    else if (asset) serveBrotliAsset(asset, request, response, handle).catch((error: unknown) => fail(response, error));
    else void handle(request, response);
  };
}

/**
 * Serves a cacheable request from the cache, or renders it once with `handle` (concurrent requests
 * for the same page wait for that render) and keeps it when it is a plain 200 HTML page without a cookie.
 */
async function servePublicPage(key: string, request: IncomingMessage, response: ServerResponse, handle: Handler) {
  const cached = fresh(key);
  if (cached) return send(request, response, cached, "HIT");
  let pending = rendering.get(key);
  if (!pending) {
    pending = render(key, request, response, handle);
    rendering.set(key, pending);
    pending.then(
      () => rendering.delete(key),
      () => rendering.delete(key),
    );
    const entry = await pending;
    // Not cacheable: `render` already sent Next's own answer.
    if (entry) send(request, response, entry, "MISS");
    return;
  }
  const entry = await pending.catch(() => null);
  if (entry) return send(request, response, entry, "HIT");
  await handle(request, response);
}

function fresh(key: string): Entry | undefined {
  const entry = entries.get(key);
  if (entry && entry.expiresAt > Date.now()) return entry;
  if (entry) forget(key, entry);
  return undefined;
}

function forget(key: string, entry: Entry) {
  entries.delete(key);
  bytes -= size(entry);
}

const size = (entry: Entry) => entry.body.length + [...entry.encoded.values()].reduce((n, b) => n + b.length, 0);

async function render(key: string, request: IncomingMessage, response: ServerResponse, handle: Handler): Promise<Entry | null> {
  const startedAt = generation;
  const { status, body } = await capturePlain(request, response, handle);
  const headers = response.getHeaders();
  const cacheable =
    status === 200 && headers["set-cookie"] === undefined && String(headers["content-type"] ?? "").startsWith("text/html") && request.method === "GET";
  if (!cacheable) {
    response.end(body);
    return null;
  }
  const html = body.toString("utf8");
  const entry: Entry = {
    status,
    headers: sharedHeaders(headers, html),
    body,
    etag: etagOf(body),
    expiresAt: Date.now() + PUBLIC_PAGE_SECONDS * 1000,
    encoded: new Map(),
  };
  // A write finished while this page was rendering: it may show the old state, so it is not kept.
  if (generation === startedAt) keep(key, entry);
  return entry;
}

function keep(key: string, entry: Entry) {
  const old = entries.get(key);
  if (old) forget(key, old);
  entries.set(key, entry);
  bytes += size(entry);
  for (const [k, e] of entries) {
    if (bytes <= MAX_BYTES) break;
    forget(k, e);
  }
}

/** Next's headers for this page, made fit for everyone: hashes instead of the nonce, shared caching allowed. */
function sharedHeaders(headers: OutgoingHttpHeaders, html: string): OutgoingHttpHeaders {
  const shared = headersToKeep(headers, ["cache-control", "date", "connection", "keep-alive"]);
  // Next repeats the nonce on its preload hints: not the first visitor's to hand out.
  if (typeof headers.link === "string") shared.link = headers.link.replace(/;\s*nonce="[^"]*"/g, "");
  const policy = headers["content-security-policy"];
  if (typeof policy === "string") {
    shared["content-security-policy"] = policyWithHashes(policy, { scripts: inlineHashes(html, "script"), styles: inlineHashes(html, "style") });
  }
  // Browsers revalidate every time (ETag → 304) and may keep the page in their back/forward cache;
  // a CDN in front may share it for the same few seconds as this cache.
  shared["cache-control"] = `public, max-age=0, s-maxage=${PUBLIC_PAGE_SECONDS}, must-revalidate`;
  // Next's own Vary (its router headers: a client navigation to the same address gets another answer) + ours.
  shared.vary = [...new Set([...String(headers.vary ?? "").split(","), "Accept-Encoding", "Accept-Language", "Cookie"].map((v) => v.trim()).filter(Boolean))].join(", ");
  return shared;
}

/** SHA-256 (base64) of each inline <script> or <style> element's text, as a CSP hash source. */
export function inlineHashes(html: string, tag: "script" | "style"): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g"))) {
    if (/\ssrc=/.test(attributes ?? "")) continue;
    hashes.add(createHash("sha256").update(text, "utf8").digest("base64"));
  }
  return [...hashes];
}

/** The best encoding the client accepts (a q=0 refuses), brotli first. */
export function preferredEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: Encoding) => (accepted.get(name) ?? (accepted.has("*") ? accepted.get("*")! : 0)) > 0;
  return ok("br") ? "br" : ok("gzip") ? "gzip" : null;
}

function encodedBody(entry: Entry, encoding: Encoding): Buffer {
  let body = entry.encoded.get(encoding);
  if (!body) {
    // Once per page and encoding: brotli at quality 5 is as fast as gzip and smaller.
    body = encoding === "br" ? brotliCompressSync(entry.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(entry.body);
    entry.encoded.set(encoding, body);
    bytes += body.length;
  }
  return body;
}

function send(request: IncomingMessage, response: ServerResponse, entry: Entry, state: "HIT" | "MISS") {
  const headers: OutgoingHttpHeaders = { ...entry.headers, etag: entry.etag, "x-cache": state };
  if (clientHas(request.headers["if-none-match"], entry.etag)) {
    response.writeHead(304, headers).end();
    return;
  }
  const encoding = preferredEncoding(request.headers["accept-encoding"]);
  const body = encoding ? encodedBody(entry, encoding) : entry.body;
  response.writeHead(entry.status, { ...headers, "content-length": body.length, ...(encoding ? { "content-encoding": encoding } : {}) });
  response.end(request.method === "HEAD" ? undefined : body);
}

// ───────────────────────────── Build assets in brotli ─────────────────────────────

// Next compresses its files with gzip on every request; brotli makes the scripts ~15 % smaller. The
// files under /_next/static never change (their names carry their hash): each is compressed once.
const assets = new Map<string, { status: number; headers: OutgoingHttpHeaders; body: Buffer }>();
const MAX_ASSET_BYTES = 64 * 1024 * 1024;
let assetBytes = 0;
const COMPRESSIBLE = /^(application\/(javascript|json)|text\/|image\/svg)/;

/** The key of a build asset a client wants in brotli, or null. */
function brotliAssetKey(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" || !url?.startsWith("/_next/static/") || preferredEncoding(headers["accept-encoding"]) !== "br") return null;
  return url;
}

async function serveBrotliAsset(key: string, request: IncomingMessage, response: ServerResponse, handle: Handler) {
  let asset = assets.get(key);
  if (!asset) {
    const { status, body } = await capturePlain(request, response, handle);
    const headers = response.getHeaders();
    if (status !== 200 || !COMPRESSIBLE.test(String(headers["content-type"] ?? ""))) {
      response.end(body);
      return;
    }
    asset = { status, headers: headersToKeep(headers), body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) };
    if (assetBytes + asset.body.length <= MAX_ASSET_BYTES) {
      assets.set(key, asset);
      assetBytes += asset.body.length;
    }
  }
  if (typeof asset.headers.etag === "string" && clientHas(request.headers["if-none-match"], asset.headers.etag)) {
    response.writeHead(304, asset.headers).end();
    return;
  }
  response.writeHead(asset.status, { ...asset.headers, vary: "Accept-Encoding", "content-encoding": "br", "content-length": asset.body.length }).end(asset.body);
}

// ───────────────────────────── Capturing Next's answer ─────────────────────────────

/** Next's headers without those that describe the body as Next sent it (the wrapper re-encodes it), nor `others`. */
function headersToKeep(headers: OutgoingHttpHeaders, others: string[] = []): OutgoingHttpHeaders {
  const dropped = new Set(["content-length", "content-encoding", "transfer-encoding", "vary", ...others]);
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !dropped.has(name)));
}

/** Next's answer as plain bytes (no Accept-Encoding seen): the wrapper compresses once, not per view. */
async function capturePlain(request: IncomingMessage, response: ServerResponse, handle: Handler) {
  const acceptEncoding = request.headers["accept-encoding"];
  delete request.headers["accept-encoding"];
  try {
    return await capture(request, response, handle);
  } finally {
    if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding;
  }
}

/**
 * Runs Next's handler with the response's writing methods diverted into a buffer (headers set by Next
 * stay on the response; nothing reaches the client), and restores them when Next ends the response.
 */
function capture(request: IncomingMessage, response: ServerResponse, handle: Handler): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const original = { writeHead: response.writeHead, write: response.write, end: response.end, flushHeaders: response.flushHeaders };
    const restore = () => Object.assign(response, original);
    const push = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding));
      else chunks.push(Buffer.from(chunk as Uint8Array));
    };
    const callback = (...args: unknown[]) => args.find((a): a is () => void => typeof a === "function");
    response.writeHead = ((status: number, ...rest: unknown[]) => {
      response.statusCode = status;
      const headers = rest.find((r) => typeof r === "object" && r !== null);
      if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) response.setHeader(String(headers[i]), headers[i + 1]);
      else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value as string);
      return response;
    }) as typeof response.writeHead;
    response.flushHeaders = () => {};
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      push(chunk, rest[0]);
      callback(...rest)?.();
      return true;
    }) as typeof response.write;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      push(chunk, rest[0]);
      restore();
      resolve({ status: response.statusCode, body: Buffer.concat(chunks) });
      callback(chunk, ...rest)?.();
      return response;
    }) as typeof response.end;
    Promise.resolve(handle(request, response)).catch((error: unknown) => {
      restore();
      reject(error);
    });
  });
}
