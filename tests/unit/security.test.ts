import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  HONEYPOT_FIELD,
  isHoneypotFilled,
  isHttpsRequest,
  newNonce,
  securityHeaders,
  type SecurityHeaderOptions,
} from "@/lib/security";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";

const prod: SecurityHeaderOptions = { nonce: "abc123==", isDev: false, isProduction: true, isHttps: true };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe("security headers", () => {
  it("builds a strict, nonce-based CSP that Next.js can read its nonce from", () => {
    const csp = contentSecurityPolicy(prod);
    const d = directives(csp);
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("worker-src")).toEqual(["'self'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(true);
    expect(csp).not.toContain("unsafe-eval");
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    // The parser Next.js uses while rendering finds the same nonce.
    expect(getScriptNonceFromHeader(csp)).toBe("abc123==");
    expect(csp).not.toMatch(/\n|\s{2,}/);
  });

  it("allows eval and inline styles only in development", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n0nce", isDev: true, isProduction: false, isHttps: false }));
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.get("style-src")).toContain("'unsafe-inline'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it("sends the other headers, HSTS only in production over HTTPS", () => {
    const headers = securityHeaders(prod);
    expect(headers).toMatchObject({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    });
    expect(headers["Permissions-Policy"]).toMatch(/(^|, )camera=\(self\)(,|$)/);
    expect(headers["Permissions-Policy"]).toContain("microphone=()");
    expect(securityHeaders({ ...prod, isHttps: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ ...prod, isProduction: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(directives(securityHeaders({ ...prod, isHttps: false })["Content-Security-Policy"]).has("upgrade-insecure-requests")).toBe(false);
  });

  it("draws a fresh, unguessable nonce each time, in the characters a CSP nonce allows", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 bytes = 128 bits
      expect(getScriptNonceFromHeader(contentSecurityPolicy({ ...prod, nonce }))).toBe(nonce);
    }
  });

  it("tells HTTPS from the URL or the reverse proxy's X-Forwarded-Proto", () => {
    expect(isHttpsRequest("https://usines.example/", new Headers())).toBe(true);
    expect(isHttpsRequest("http://localhost:3000/", new Headers())).toBe(false);
    expect(isHttpsRequest("http://10.0.0.2:3000/", new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest("https://usines.example/", new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
  });
});

describe("honeypot", () => {
  it("flags a form whose hidden field was filled, and only that", () => {
    const form = new FormData();
    form.set("email", "a@example.fr");
    expect(isHoneypotFilled(form)).toBe(false);
    form.set(HONEYPOT_FIELD, "   ");
    expect(isHoneypotFilled(form)).toBe(false);
    form.set(HONEYPOT_FIELD, "http://spam.example");
    expect(isHoneypotFilled(form)).toBe(true);
    expect(isHoneypotFilled({ email: "a@example.fr" })).toBe(false);
    expect(isHoneypotFilled({ [HONEYPOT_FIELD]: "x" })).toBe(true);
  });
});
