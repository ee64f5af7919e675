import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { authSecretFrom } from "@/lib/env-rules";

// Secret link tokens: 256 random bits, URL-safe. Only their SHA-256 is stored, so a database leak
// does not give access to bookings; a plain hash is enough because the input is not guessable.
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// The ticket token (the QR code shown at the door) is derived from the manage token, so the private
// booking page can show the ticket again while only hashes are stored; the ticket alone does not
// reveal the manage link (HMAC is one-way).
export function ticketTokenFor(manageToken: string): string {
  return createHmac("sha256", manageToken).update("ticket").digest("base64url");
}

// Later e-mails (promotion, reminder) must carry the private link, but only a hash is searchable.
// The token is also kept sealed with a key derived from AUTH_SECRET, which is not in the database.
const sealKey = () => createHash("sha256").update(`booking-links:${authSecretFrom(process.env)}`).digest();

export function sealToken(token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(), iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

// Null when the seal cannot be opened (e.g. AUTH_SECRET was rotated): callers then send no link.
export function unsealToken(sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", sealKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

// No 0/O, 1/I: the code is read aloud and typed at the door. 32 symbols, so `byte & 31` is unbiased.
export const TICKET_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

// 8 symbols = 40 bits: short to type, and unique per edition thanks to a unique index (callers retry
// on the rare collision). It is a look-up aid for staff, not a secret.
export function newTicketCode(): string {
  return Array.from(randomBytes(8), (byte) => TICKET_CODE_ALPHABET[byte & 31]).join("");
}
