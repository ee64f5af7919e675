// The offline door desk on the device (docs/decisions/0018-offline-door.md): finding a scanned or
// typed ticket in the day's copy, and the rules a check-in recorded offline follows — the same as
// lib/factory/checkin.ts's, against what the device knows. Pure functions over the copy and the
// queue (WebCrypto for the hashes), so they run in the browser and in unit tests alike.
import { CODE_HASH, type DoorSnapshot, type DoorTicket } from "./door-offline-schemas";
import { parseTicketQuery } from "./slot-schemas";

/** A check-in waiting to be sent: what the sync route receives, plus where it belongs. */
export interface QueuedEntry {
  id: string;
  factoryId: string;
  day: string;
  at: string;
  count?: number;
  bookingId?: string;
  ticket?: string;
}

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
const utf8 = (text: string) => new TextEncoder().encode(text);

/** SHA-256 of a ticket token, as the database stores it (lib/tokens.ts hashToken). */
export async function tokenHashOf(token: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", utf8(token)));
}

/** PBKDF2 of a ticket code with the copy's salt, as lib/factory/door-offline.ts doorCodeHash. */
export async function codeHashOf(code: string, salt: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", utf8(code), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: CODE_HASH.hash, salt: utf8(salt), iterations: CODE_HASH.iterations }, key, CODE_HASH.bytes * 8);
  return hex(bits);
}

/** A ticket as the desk sees it now: the copy, overlaid with the check-ins still waiting to be sent. */
export type LocalTicket = DoorTicket & { pending: boolean };

export function withQueue(ticket: DoorTicket, queue: QueuedEntry[]): LocalTicket {
  const entry = queue.find((e) => e.bookingId === ticket.bookingId);
  if (!entry) return { ...ticket, pending: false };
  return { ...ticket, status: "CHECKED_IN", checkedInCount: entry.count ?? ticket.seats, checkedInAt: entry.at, pending: true };
}

/**
 * The ticket a scan or a typed code designates in the copy; `invalid` when it is not a ticket at all,
 * `unknown` when the copy does not have it (booked after the download, or another site's).
 */
export async function findLocalTicket(snapshot: DoorSnapshot, query: string): Promise<{ ticket: DoorTicket } | { problem: "invalid" | "unknown" }> {
  const target = parseTicketQuery(query);
  if (!target) return { problem: "invalid" };
  const ticket = "ticketCode" in target ? await findByCode(snapshot, target.ticketCode) : await findByToken(snapshot, target.ticketToken);
  return ticket ? { ticket } : { problem: "unknown" };
}

async function findByCode(snapshot: DoorSnapshot, code: string) {
  const hash = await codeHashOf(code, snapshot.codeSalt);
  return snapshot.tickets.find((t) => t.codeHash === hash);
}

async function findByToken(snapshot: DoorSnapshot, token: string) {
  const hash = await tokenHashOf(token);
  return snapshot.tickets.find((t) => t.tokenHash === hash);
}

/** Why this ticket cannot be checked in offline (the codes of lib/factory/checkin.ts), or null. */
export function localRefusal(ticket: LocalTicket, count: number): { code: string; params: Record<string, string | number> } | null {
  if (ticket.status === "CANCELLED") return { code: "checkin.cancelled", params: {} };
  if (ticket.status === "WAITLISTED") return { code: "checkin.waitlisted", params: {} };
  if (ticket.status === "CHECKED_IN") return { code: "checkin.already", params: { at: ticket.checkedInAt ?? "", count: ticket.checkedInCount ?? ticket.seats } };
  if (!Number.isInteger(count) || count < 1 || count > ticket.seats) return { code: "checkin.too_many", params: { seats: ticket.seats } };
  return null;
}
