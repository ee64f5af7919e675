import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  inlineHashes,
  mayChangePublicPages,
  preferredEncoding,
  publicPageKey,
  purgePublicPages,
  withSharedResponses,
} from "@/lib/http/public-page-cache";
import { contentSecurityPolicy, policyWithHashes } from "@/lib/security";

const sha = (text: string) => createHash("sha256").update(text).digest("base64");
const SESSION = "next-auth.session-token=abc";

describe("which requests the public pages' cache serves", () => {
  it("serves anonymous GET/HEAD of the home, the catalogue and factory pages, one entry per language", () => {
    expect(publicPageKey("GET", "/visites?region=84", {})).toBe("fr /visites?region=84");
    expect(publicPageKey("HEAD", "/usines/abc", { "accept-language": "en-GB,en" })).toBe("en /usines/abc");
    expect(publicPageKey("GET", "/", { cookie: "NEXT_LOCALE=en" })).toBe("en /");
  });

  it("never serves a signed-in visitor, a client navigation, a server action or another page", () => {
    expect(publicPageKey("GET", "/visites", { cookie: `NEXT_LOCALE=fr; ${SESSION}` })).toBeNull();
    expect(publicPageKey("GET", "/visites", { cookie: "__Secure-next-auth.session-token.0=x" })).toBeNull();
    expect(publicPageKey("GET", "/visites", { rsc: "1" })).toBeNull();
    expect(publicPageKey("GET", "/visites?_rsc=x1", {})).toBeNull();
    expect(publicPageKey("POST", "/visites", {})).toBeNull();
    // The booking form reads seats fresh and carries a per-view idempotency key.
    expect(publicPageKey("GET", "/visites/slot-1/reserver", {})).toBeNull();
    expect(publicPageKey("GET", "/mes-reservations", {})).toBeNull();
    expect(publicPageKey("GET", "/usines/abc/photos", {})).toBeNull();
  });

  it("empties the cache on writes by someone signed in and on the demo clock, not on visitors' bookings", () => {
    expect(mayChangePublicPages("POST", "/espace-usine/x", { cookie: SESSION })).toBe(true);
    expect(mayChangePublicPages("POST", "/dev/horloge", {})).toBe(true);
    expect(mayChangePublicPages("POST", "/visites/s/reserver", {})).toBe(false);
    expect(mayChangePublicPages("POST", "/api/v1/bookings", { authorization: "Bearer k" })).toBe(false);
    expect(mayChangePublicPages("GET", "/organisation", { cookie: SESSION })).toBe(false);
  });

  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(preferredEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(preferredEncoding("gzip, br;q=0")).toBe("gzip");
    expect(preferredEncoding("identity")).toBeNull();
    expect(preferredEncoding(undefined)).toBeNull();
    expect(preferredEncoding("*")).toBe("br");
  });
});

describe("the shared policy", () => {
  it("allows the page's inline scripts and styles by hash, without the first visitor's nonce", () => {
    const html = `<html><head><style nonce="n">a{}</style><script src="/_next/static/a.js" nonce="n"></script></head><body><script nonce="n">self.__next_f.push([1])</script><script>x()</script></body></html>`;
    expect(inlineHashes(html, "script")).toEqual([sha("self.__next_f.push([1])"), sha("x()")]);
    expect(inlineHashes(html, "style")).toEqual([sha("a{}")]);
    const policy = policyWithHashes(contentSecurityPolicy({ nonce: "n0nce", isDev: false, isProduction: true, isHttps: true }), {
      scripts: inlineHashes(html, "script"),
      styles: inlineHashes(html, "style"),
    });
    const directives = new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives.get("script-src")).toEqual(["'self'", `'sha256-${sha("self.__next_f.push([1])")}'`, `'sha256-${sha("x()")}'`]);
    expect(directives.get("style-src")).toEqual(["'self'", `'sha256-${sha("a{}")}'`]);
    expect(policy).not.toContain("n0nce");
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("serving through the cache (a real HTTP server, a stand-in for Next's handler)", () => {
  let server: http.Server;
  let base: string;
  let renders = 0;
  let nonce = 0;
  let cookieToSet: string | null = null;
  let assetReads = 0;
  const SCRIPT = "console.log('une usine');\n".repeat(200);
  // Like Next: headers set one by one, a CSP with a fresh nonce, the body streamed in chunks.
  const next = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (request.method === "POST") {
      response.writeHead(204).end();
      return;
    }
    if (request.url?.startsWith("/_next/static/")) {
      assetReads++;
      response.writeHead(200, { "content-type": "application/javascript; charset=UTF-8", etag: 'W/"a1"', "cache-control": "public, max-age=31536000, immutable" });
      response.end(SCRIPT);
      return;
    }
    renders++;
    await new Promise((r) => setTimeout(r, 30));
    if (request.url === "/usines/missing") {
      response.writeHead(404, { "content-type": "text/html" }).end("introuvable");
      return;
    }
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
    response.setHeader("content-security-policy", `script-src 'self' 'nonce-N${++nonce}' 'strict-dynamic'; style-src 'self' 'nonce-N${nonce}'`);
    response.setHeader("link", `</_next/static/a.css>; rel=preload; as="style"; nonce="N${nonce}"`);
    if (cookieToSet) response.setHeader("set-cookie", cookieToSet);
    response.write(`<html><body><p>render ${renders} of ${request.url} encoding=${request.headers["accept-encoding"] ?? "none"}</p>`);
    response.write(Buffer.from(`<script nonce="N${nonce}">go()</script>`));
    response.end("</body></html>");
  };

  beforeAll(async () => {
    server = http.createServer(withSharedResponses(next));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    purgePublicPages();
    renders = 0;
    assetReads = 0;
    cookieToSet = null;
  });

  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .request(`${base}${path}`, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject)
        .end();
    });
  const get = (path: string, headers: Record<string, string> = {}) => call("GET", path, headers);

  it("renders once for simultaneous visitors, then serves the same page, with shared caching headers", async () => {
    const first = await Promise.all(Array.from({ length: 5 }, () => get("/visites?region=84")));
    const again = await get("/visites?region=84");
    expect(renders).toBe(1);
    for (const res of [...first, again]) {
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain("render 1 of /visites?region=84 encoding=none");
      expect(res.headers["cache-control"]).toBe("public, max-age=0, s-maxage=5, must-revalidate");
      expect(res.headers["content-security-policy"]).toBe(`script-src 'self' 'sha256-${sha("go()")}'; style-src 'self'`);
      expect(res.headers.link).toBe(`</_next/static/a.css>; rel=preload; as="style"`);
      expect(res.headers.etag).toBe(first[0].headers.etag);
    }
    expect(again.headers["x-cache"]).toBe("HIT");
    expect((await get("/visites?region=11")).body.toString()).toContain("render 2");
  });

  it("answers 304 to a matching validator and compresses for the client", async () => {
    const page = await get("/usines/f1");
    expect((await get("/usines/f1", { "if-none-match": page.headers.etag! })).status).toBe(304);
    const br = await get("/usines/f1", { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(page.body)).toBe(true);
    const gz = await get("/usines/f1", { "accept-encoding": "gzip" });
    expect(gunzipSync(gz.body).equals(page.body)).toBe(true);
    expect(renders).toBe(1);
  });

  it("keeps serving across anonymous bookings, and renders again after a write by someone signed in", async () => {
    await get("/usines/f4");
    await call("POST", "/visites/s1/reserver");
    expect((await get("/usines/f4")).headers["x-cache"]).toBe("HIT");
    await call("POST", "/espace-usine/f4/visites", { cookie: SESSION });
    expect((await get("/usines/f4")).body.toString()).toContain("render 2");
  });

  it("sends build files in brotli, compressed once, and 304 to their validator", async () => {
    const path = "/_next/static/chunks/app.js";
    const br = await get(path, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect((await get(path, { "accept-encoding": "br", "if-none-match": 'W/"a1"' })).status).toBe(304);
    expect(assetReads).toBe(1);
    // A client without brotli gets Next's own answer.
    expect((await get(path, { "accept-encoding": "gzip" })).headers["content-encoding"]).toBeUndefined();
    expect(assetReads).toBe(2);
  });

  it("renders again after a purge, and never keeps a page that sets a cookie or is not a 200", async () => {
    await get("/");
    purgePublicPages();
    expect((await get("/")).body.toString()).toContain("render 2");

    cookieToSet = "x=1";
    const withCookie = await get("/usines/f2");
    expect(withCookie.headers["set-cookie"]).toEqual(["x=1"]);
    expect(withCookie.headers["cache-control"]).toContain("no-store");
    await get("/usines/f2");
    expect(renders).toBe(4);

    expect((await get("/usines/missing")).status).toBe(404);
    expect((await get("/usines/missing")).status).toBe(404);
    expect(renders).toBe(6);
  });

  it("does not keep a page whose render overlapped a write (it may show the state before it)", async () => {
    const during = get("/usines/f3");
    await new Promise((r) => setTimeout(r, 10));
    purgePublicPages();
    expect((await during).body.toString()).toContain("render 1");
    expect((await get("/usines/f3")).body.toString()).toContain("render 2");
  });
});
