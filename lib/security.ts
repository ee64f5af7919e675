// Security helpers shared by proxy.ts (HTTP security headers) and the public forms' server actions
// (honeypot). Pure and dependency-free: proxy.ts, server actions and unit tests all import it.

// ───────────────────────────── Security headers ─────────────────────────────

export interface SecurityHeaderOptions {
  /** Fresh per request (see newNonce); Next.js reads it from the request's CSP header and puts it on its scripts. */
  nonce: string;
  /** `next dev`: React needs eval for its debugging and the dev overlay inline styles. */
  isDev: boolean;
  /** HSTS and upgrade-insecure-requests only when production serves over HTTPS. */
  isProduction: boolean;
  isHttps: boolean;
}

/** 128 random bits, base64: unpredictable per request (Web Crypto, so it runs in any runtime). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy: scripts only with this request's nonce ('strict-dynamic' lets those
 * scripts load Next's chunks), no plugins, no framing, forms and base URL on our origin only.
 * Styles: <style> and <link> need the nonce or our origin; style *attributes* (React `style`
 * props rendered on the server) are allowed by `style-src-attr 'unsafe-inline'`: they cannot run
 * code, and with img-src/font-src on our origin CSS cannot send data elsewhere. Web Workers (the
 * proof-of-work widget's, components/form/ProofOfWork.tsx) only from script files of our origin.
 */
export function contentSecurityPolicy({ nonce, isDev, isProduction, isHttps }: SecurityHeaderOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDev ? ["'unsafe-eval'"] : [])],
    // In development the error overlay injects styles without a nonce.
    ["style-src", "'self'", ...(isDev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["style-src-attr", "'unsafe-inline'"],
    // Explicit rather than left to script-src, whose 'strict-dynamic' browsers apply to workers
    // differently (Chromium then allows a worker from any URL). No blob: workers.
    ["worker-src", "'self'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(isDev ? ["ws:"] : [])],
    ["media-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(isProduction && isHttps ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * The policy of a response served to many visitors (a cached public page, lib/http/public-page-cache.ts):
 * the first visitor's nonce must not be shared, so its inline scripts and styles are allowed by their
 * SHA-256 hashes instead. 'strict-dynamic' goes too — it would make browsers ignore 'self' — and Next's
 * script files load because they come from our origin. Every other directive is kept as it is.
 */
export function policyWithHashes(policy: string, hashes: { scripts: string[]; styles: string[] }): string {
  const sources = (list: string[]) => list.map((hash) => `'sha256-${hash}'`);
  return policy
    .split(";")
    .map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      const kept = values.filter((v) => !v.startsWith("'nonce-") && v !== "'strict-dynamic'");
      if (name === "script-src") return [name, ...kept, ...sources(hashes.scripts)].join(" ");
      if (name === "style-src") return [name, ...kept, ...sources(hashes.styles)].join(" ");
      return [name, ...values].join(" ");
    })
    .join("; ");
}

/** Every security header of a page response (the CSP included). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    // Older browsers that ignore frame-ancestors.
    "X-Frame-Options": "DENY",
    // The door check-in scans QR codes with the camera of the page itself; nothing else is needed.
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.isProduction && options.isHttps ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/**
 * Whether the request reached us over HTTPS: the URL's scheme, or behind a TLS-terminating reverse
 * proxy its X-Forwarded-Proto (first hop; deployments must make the proxy overwrite it).
 */
export function isHttpsRequest(url: URL | string, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(url).protocol === "https:";
}

// ───────────────────────────── Honeypot ─────────────────────────────

/**
 * The name of the honeypot field of public forms (components/form/Honeypot.tsx): hidden from people
 * (and from assistive technologies), but bots that fill every field fill it.
 */
export const HONEYPOT_FIELD = "website";

/** True when a bot filled the honeypot field: the action should then do nothing. */
export function isHoneypotFilled(formData: FormData | Record<string, unknown>): boolean {
  const value = formData instanceof FormData ? formData.get(HONEYPOT_FIELD) : formData[HONEYPOT_FIELD];
  return typeof value === "string" ? value.trim() !== "" : value !== null && value !== undefined;
}

// ───────────────────────────── Proof of work ─────────────────────────────

/**
 * The form field that carries the solved ALTCHA challenge (components/form/ProofOfWork.tsx); the
 * action passes it to verifyChallenge (lib/challenge).
 */
export const CHALLENGE_FIELD = "altcha";
