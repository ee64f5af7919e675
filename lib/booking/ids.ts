import { randomBytes } from "node:crypto";

// Prisma fills `@default(cuid())` itself; rows written in SQL get an id of the same shape: "c",
// the time in base 36, then random base-36 characters (25 in all). Free of server-only imports: the
// demo seed writes circuit bookings with it (lib/seed/circuits.ts).
export function newBookingId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  const time = Date.now().toString(36);
  return `c${time}${Array.from(randomBytes(24 - time.length), (byte) => alphabet[byte % 36]).join("")}`;
}

/**
 * Whether a value from an address (a page's `[id]`) can be a row id: ours are cuids, the tests'
 * letters and digits. Anything else (a NUL, which PostgreSQL refuses in text) finds nothing.
 */
export const isRowId = (value: string) => /^[A-Za-z0-9_-]{1,64}$/.test(value);
