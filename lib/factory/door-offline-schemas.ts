// The offline door desk (docs/decisions/0018-offline-door.md): what the device keeps for one factory
// and one Paris day, how a typed code is hashed the same way on the server and on the device, and the
// input of the sync route (one zod schema, used by the desk to build its queue and by the route).
// No server-only import: the desk's client code uses every export here.
import { z } from "zod";
import { parseTicketQuery } from "./slot-schemas";

// Ticket codes are 40-bit look-up aids: stored on the device as PBKDF2 of the code with a salt drawn
// for each download, so a copied device does not give them away without ~10^16 hash operations.
// The desk hashes what is typed once with the same parameters (WebCrypto), the server once per ticket.
export const CODE_HASH = { iterations: 10_000, hash: "SHA-256", bytes: 32 } as const;

export type DoorStatus = "CONFIRMED" | "WAITLISTED" | "CANCELLED" | "CHECKED_IN";

/** One booking of the day, as the device keeps it: no e-mail, phone, full name nor clear code. */
export interface DoorTicket {
  bookingId: string;
  /** SHA-256 (hex) of the QR code's token: what the database stores too. */
  tokenHash: string;
  /** PBKDF2 of the 8-character code (hex), with the snapshot's salt. */
  codeHash: string;
  slotId: string;
  kind: "INDIVIDUAL" | "GROUP";
  status: DoorStatus;
  seats: number;
  students: number | null;
  adults: number | null;
  /** Enough to greet and confirm who is there: "É. Durand" (see doorName). */
  name: string;
  schoolName: string | null;
  /** A group of another organisation: its name (an organisation's, not a person's). */
  organisationName: string | null;
  classLevel: string | null;
  checkedInCount: number | null;
  checkedInAt: string | null;
}

export interface DoorSnapshot {
  factoryId: string;
  /** The Paris day the copy is for ("YYYY-MM-DD"): the device drops it once that day is over. */
  day: string;
  /** The server's clock when it was made: the desk dates its offline check-ins on that clock. */
  generatedAt: string;
  codeSalt: string;
  slots: { id: string; startsAt: string; endsAt: string; status: "OPEN" | "CANCELLED" }[];
  tickets: DoorTicket[];
}

/**
 * The name the door shows offline: the first word's initial and the rest ("Émilie Durand" →
 * "É. Durand"), so the volunteer can say « Madame Durand ? » without the device holding full names.
 */
export function doorName(contactName: string): string {
  const words = contactName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return words[0] ?? "";
  return `${Array.from(words[0])[0]}. ${words.slice(1).join(" ")}`;
}

// A device or entry id: the random UUIDs the desk draws (crypto.randomUUID).
const localId = (field: string) => z.string({ error: `${field}.invalid` }).regex(/^[A-Za-z0-9-]{8,64}$/, { error: `${field}.invalid` });

/** One check-in recorded offline: a booking of the local copy, or a ticket it did not know. */
export const doorSyncEntry = z
  .object(
    {
      id: localId("entry"),
      /** When the people came in, on the server's clock as the device estimated it. */
      at: z.iso.datetime({ offset: true, error: "at.invalid" }).transform((v) => new Date(v)),
      count: z.int({ error: "count.invalid" }).min(1, { error: "count.invalid" }).max(1000, { error: "count.invalid" }).optional(),
      bookingId: z.string({ error: "bookingId.invalid" }).min(1, { error: "bookingId.invalid" }).max(40, { error: "bookingId.invalid" }).optional(),
      ticket: z
        .string({ error: "ticket.invalid" })
        .max(500, { error: "ticket.invalid" })
        .refine((v) => parseTicketQuery(v) !== null, { error: "ticket.invalid" })
        .optional(),
    },
    { error: "entry.invalid" },
  )
  .refine((entry) => (entry.bookingId === undefined) !== (entry.ticket === undefined), { error: "entry.target" });

export const doorSyncInput = z.object(
  {
    factoryId: z.string({ error: "factoryId.required" }).min(1, { error: "factoryId.required" }).max(40, { error: "factoryId.invalid" }),
    deviceId: localId("deviceId"),
    entries: z.array(doorSyncEntry, { error: "entries.invalid" }).min(1, { error: "entries.invalid" }).max(500, { error: "entries.too_many" }),
  },
  { error: "validation.failed" },
);

export type DoorSyncInput = z.input<typeof doorSyncInput>;
export type DoorSyncEntryInput = z.input<typeof doorSyncEntry>;

/** The server's answer for one entry: applied, or the code of the reason it was not (a conflict). */
export interface DoorSyncResult {
  id: string;
  result: string;
  bookingId: string | null;
  params: Record<string, string | number>;
}
