// What a process needs to be configured safely. Pure (no "server-only"): next.config.ts, the HTTP
// wrapper (scripts/serve.ts), lib/env.ts and the token helpers all apply the same rules.
//
// Fail closed: there is no built-in secret anywhere. `npm start`, `npm run dev`, the tests and the
// scripts generate their own (scripts/lib/secrets.ts); a production process refuses to start when a
// required setting is missing or weak, with one line naming the variable.

export const MIN_SECRET_BYTES = 32;

/** Set by scripts/serve.ts in its own process before Next loads: the client address header is ours. */
export const WRAPPER_MARK = "UO_HTTP_WRAPPER";

export class ConfigurationError extends Error {}

const byteLength = (value: string) => new TextEncoder().encode(value).length;

/** AUTH_SECRET, which signs sessions and seals booking links; throws when it is missing or short. */
export function authSecretFrom(raw: Record<string, string | undefined>): string {
  const secret = raw.AUTH_SECRET;
  if (!secret) throw new ConfigurationError("AUTH_SECRET is missing: set it to at least 32 random bytes (e.g. `openssl rand -base64 32`), identical on every instance.");
  if (byteLength(secret) < MIN_SECRET_BYTES) {
    throw new ConfigurationError(`AUTH_SECRET is too short (${byteLength(secret)} bytes): use at least ${MIN_SECRET_BYTES} random bytes (e.g. \`openssl rand -base64 32\`).`);
  }
  return secret;
}

/** Next's server-action key must be the same base64 AES key at build time and on every instance. */
function encryptionKeyProblem(key: string | undefined): string | null {
  if (!key) return "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is missing: set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`), identical at build time and on every instance.";
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? Math.floor((key.replace(/=+$/, "").length * 3) / 4) : 0;
  if (![16, 24, 32].includes(bytes)) return "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not a base64 AES key: use 32 random bytes in base64 (e.g. `openssl rand -base64 32`).";
  return null;
}

/**
 * Every reason a production server must not start, in the order an operator should fix them. Empty
 * outside production. `requireWrapper`: the process serves HTTP (next start or the wrapper), so the
 * client address rate limits use must come from scripts/serve.ts.
 */
export function productionConfigProblems(raw: Record<string, string | undefined>, { requireWrapper = false } = {}): string[] {
  if (raw.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  try {
    authSecretFrom(raw);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const keyProblem = encryptionKeyProblem(raw.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY);
  if (keyProblem) problems.push(keyProblem);
  if (!raw.SMTP_URL && raw.DEV_MAILBOX !== "1") {
    problems.push("SMTP_URL is missing: set it (e.g. smtps://user:pass@smtp.example.org:465); only a local demo may run without it, with DEV_MAILBOX=1.");
  }
  // A settable clock lets anyone who can reach /dev/horloge move booking windows and reservations:
  // only on a throw-away demo whose e-mails never leave the machine (the browser tests' server).
  if (raw.TEST_CLOCK === "1" && (raw.SMTP_URL || raw.DEV_MAILBOX !== "1")) {
    problems.push("TEST_CLOCK=1 is for browser tests only: it is refused unless the process is a local demo (DEV_MAILBOX=1, no SMTP_URL); unset it.");
  }
  if (raw.TRUSTED_PROXY_HOPS !== undefined && !/^\d+$/.test(raw.TRUSTED_PROXY_HOPS)) {
    problems.push(`TRUSTED_PROXY_HOPS must be a whole number of proxies in front of the app (got "${raw.TRUSTED_PROXY_HOPS}").`);
  }
  if (requireWrapper && raw[WRAPPER_MARK] !== "1") {
    problems.push("Start the app with `npm run serve` (scripts/serve.ts), not `next start`: the wrapper sets the client address that the rate limits use.");
  }
  return problems;
}

/** Extra origins allowed to post server actions and API mutations (behind a proxy), comma-separated. */
export function serverActionOrigins(raw: Record<string, string | undefined>): string[] {
  return (raw.SERVER_ACTIONS_ALLOWED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
}

/** Throws the first problem as one line: for a process about to serve requests. */
export function assertProductionConfig(raw: Record<string, string | undefined>, options?: { requireWrapper?: boolean }) {
  const [first] = productionConfigProblems(raw, options);
  if (first) throw new ConfigurationError(first);
}
