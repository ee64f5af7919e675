// The shape of a partner's API key, without the database: pure, so scripts (bench, faults) can make
// keys for their own databases the way the app does. A key is "uo_" + 256 random bits (base64url);
// only its SHA-256 is stored (the input is not guessable, so a plain hash is enough), and its first
// characters (the prefix) are kept in clear so a list can tell keys apart.
import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "uo_";
const PREFIX_LENGTH = 12; // "uo_" + 9 random characters (54 bits): unique, and recognisable by eye
const KEY_RE = /^uo_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** Shown once to the organiser, never stored. */
  secret: string;
  prefix: string;
  hash: string;
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Whether the string can be a key at all (a malformed one is refused without a database query). */
export const isApiKeyFormat = (value: string) => KEY_RE.test(value);

export function newApiKey(): NewApiKey {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, PREFIX_LENGTH), hash: hashApiKey(secret) };
}
