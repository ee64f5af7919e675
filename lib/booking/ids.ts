import { randomBytes } from "node:crypto";

// Prisma fills `@default(cuid())` itself; rows written in SQL get an id of the same shape: "c",
// the time in base 36, then random base-36 characters (25 in all). Free of server-only imports: the
// demo seed writes circuit bookings with it (lib/seed/circuits.ts).
export function newBookingId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  const time = Date.now().toString(36);
  return `c${time}${Array.from(randomBytes(24 - time.length), (byte) => alphabet[byte % 36]).join("")}`;
}
