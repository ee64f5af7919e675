// The database ceiling: lib/booking's transaction issued directly with `pg` (no Next, no Prisma),
// statement for statement — BEGIN with the address's advisory lock (one round trip); the slot, its
// edition and factory, the idempotency look-up and the per-person limits (one statement); one
// writable-CTE statement that takes the seats (conditional UPDATE of the slot) and inserts the
// booking and its outbox e-mail, else one that share-locks the slot and makes the same inserts as a
// waiting-list entry; COMMIT — queued right behind the statement that writes the booking, as the app
// does. One round trip per statement, like the app.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { retried } from "../../lib/db-retry";
import type { Outcome } from "./load";

const EMAIL_LOCK_NAMESPACE = 0x426b6e67; // lib/booking/book.ts
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const ticketCode = () => Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join("");
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// An e-mail of the size the app renders (measured on its confirmation e-mails: see README).
const MAIL_TEXT = "Bonjour, votre visite est confirmée. ".repeat(40);
const MAIL_HTML = `<!doctype html><html><body>${"<p style=\"margin:0 0 12px\">Votre visite est confirmée.</p>".repeat(90)}</body></html>`;

// The seats free in our snapshot were taken, or seats were freed after our UPDATE: start again.
class SeatsMoved extends Error {
  constructor() {
    super("seats taken or freed meanwhile, 4 times");
  }
}

export interface SqlBooking {
  editionId: string;
  slotId: string;
  seats: number;
  email: string;
}

export class SqlCeiling {
  private pool: pg.Pool;
  constructor(url: string, size: number) {
    this.pool = new pg.Pool({ connectionString: url, max: size });
    this.pool.on("error", (error) => console.warn(`SQL ceiling pool: ${error.message}`));
  }

  // Retried from scratch on write conflicts and when the seats were taken or freed meanwhile, as lib/booking does.
  async book(booking: SqlBooking): Promise<Outcome> {
    try {
      return await retried(() => this.attempt(booking), (error) => error instanceof SeatsMoved);
    } catch (error) {
      return { error: `sql: ${(error as Error).message.slice(0, 80)}` };
    }
  }

  private async attempt({ editionId, slotId, seats, email }: SqlBooking): Promise<"ok"> {
    const client = await this.pool.connect();
    const now = new Date();
    let finished = false;
    // lib/booking/seats.ts fits(), with the parameters numbered for each statement.
    const fits = (seatsParam: string, nowParam: string) => `taken + ${seatsParam} <= capacity AND ("schoolReservedUntil" IS NULL
      OR "schoolReservedUntil" <= ${nowParam} OR taken + ${seatsParam} <= capacity - GREATEST(0, "schoolReservedSeats" - "takenBySchools"))`;
    try {
      const lockKey = createHash("sha256").update(email).digest().readInt32BE(0);
      await client.query(`BEGIN; SET LOCAL statement_timeout = 10000; SELECT pg_advisory_xact_lock(${EMAIL_LOCK_NAMESPACE}, ${lockKey});`);
      const key = randomUUID();
      const {
        rows: [seen],
      } = await client.query<{ previousId: string | null; active: number; overlapping: number; maxActive: number; fitsNow: boolean }>(
        `SELECT s.id, s."editionId", s.status::text AS status, s."startsAt", s."endsAt", s.audience::text AS audience,
                s."maxSeatsPerBooking", s."minAge", e.name, e."bookingOpensAt", e."bookingClosesAt",
                e."maxActiveBookingsPerEmail" AS "maxActive", json_build_object('companyName', f."companyName",
                'siteName', f."siteName", 'address', f.address, 'postalCode', f."postalCode", 'communeName', f."communeName",
                'minAge', f."minAge", 'closedShoesRequired', f."closedShoesRequired", 'idRequired', f."idRequired",
                'pacemakerWarning', f."pacemakerWarning", 'otherConditions', f."otherConditions",
                'wheelchairAccessible', f."wheelchairAccessible", 'accessibilityNotes', f."accessibilityNotes",
                'status', f.status, 'studentsPerAdult', f."studentsPerAdult") AS factory,
                (SELECT id FROM "Booking" WHERE "idempotencyKey" = $3) AS "previousId",
                mine.active, mine.overlapping, (${fits("$4::int", "$5::timestamptz")}) AS "fitsNow"
         FROM "Slot" s
         JOIN "Edition" e ON e.id = s."editionId"
         JOIN "Factory" f ON f.id = s."factoryId"
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS active,
                  (count(*) FILTER (WHERE o."startsAt" < s."endsAt" AND o."endsAt" > s."startsAt"))::int AS overlapping
           FROM "Booking" b JOIN "Slot" o ON o.id = b."slotId"
           WHERE b."editionId" = s."editionId" AND lower(b.email) = $2 AND b.status IN ('CONFIRMED', 'WAITLISTED', 'CHECKED_IN')
         ) mine
         WHERE s.id = $1`,
        [slotId, email, key, seats, now],
      );
      if (!seen) throw new Error("slot.not_found");
      if (seen.previousId) throw new Error("idempotency key reused");
      if (seen.overlapping > 0) throw new Error("limit.overlap");
      if (seen.active >= seen.maxActive) throw new Error("limit.max_active");
      const manage = randomBytes(32).toString("base64url");
      // $1 slot, $2 seats, $3 now, then the booking's and the e-mail's values.
      const values = (status: string) => [
        slotId, seats, now, randomUUID(), editionId, status, email, sha256(manage), sha256(`${manage}:ticket`), manage, ticketCode(), key,
        "Votre visite est confirmée", MAIL_TEXT, MAIL_HTML, status === "CONFIRMED" ? "booking.confirmed" : "booking.waitlisted",
      ];
      // Written as already sent: the app's outbox worker then has nothing to deliver for the ceiling.
      const gates = {
        seats: `seat AS (
          UPDATE "Slot" SET taken = taken + $2, "takenBySchools" = "takenBySchools" + 0
          WHERE id = $1 AND status = 'OPEN' AND ${fits("$2", "$3")} RETURNING id),`,
        // A waiting-list entry: written only if its seats still do not fit, under the share lock.
        shareLock: `slot AS (SELECT (${fits("$2", "$3")}) AS fits FROM "Slot" WHERE id = $1 FOR SHARE),
          seat AS (SELECT 1 FROM slot WHERE NOT fits),`,
      };
      const write = (gate: keyof typeof gates) => `
        WITH ${gates[gate]}
        booking AS (
          INSERT INTO "Booking" (id, "editionId", "slotId", kind, status, seats, adults, "contactName", email, locale,
            "manageTokenHash", "ticketTokenHash", "manageTokenSealed", "ticketCode", "idempotencyKey", "consentAt", "updatedAt")
          SELECT $4::text, $5::text, $1::text, 'INDIVIDUAL', $6::"BookingStatus", $2::int, $2::int, 'Bench', $7::text, 'fr',
            $8::text, $9::text, $10::text, $11::text, $12::text, $3::timestamptz, now()
          FROM seat
          RETURNING id, status, "ticketCode", queue, "createdAt"
        ),
        mail AS (
          INSERT INTO "EmailOutbox" ("to", subject, text, html, template, status, "sentAt")
          SELECT $7::text, $13::text, $14::text, $15::text, $16::text, 'SENT', now() FROM booking
        )
        ${gate === "shareLock" ? "SELECT booking.id, slot.fits FROM slot LEFT JOIN booking ON true" : "SELECT * FROM booking"}`;
      // COMMIT queued right behind the statement, as lib/booking's queryAndCommit does.
      const writeAndCommit = async (gate: keyof typeof gates, status: string) => {
        finished = true;
        const [written, committed] = await Promise.allSettled([client.query(write(gate), values(status)), client.query("COMMIT")]);
        if (written.status === "rejected") throw written.reason;
        if (committed.status === "rejected") throw committed.reason;
        return written.value.rows as { id: string | null; fits?: boolean }[];
      };
      if (seen.fitsNow) {
        if ((await writeAndCommit("seats", "CONFIRMED")).length !== 1) throw new SeatsMoved();
        return "ok";
      }
      const confirmed = await client.query(write("seats"), values("CONFIRMED"));
      if (confirmed.rowCount === 1) {
        await client.query("COMMIT");
        finished = true;
        return "ok";
      }
      const [entry] = await writeAndCommit("shareLock", "WAITLISTED");
      if (!entry?.id) throw new SeatsMoved();
      return "ok";
    } catch (error) {
      if (!finished) await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  end() {
    return this.pool.end();
  }
}
