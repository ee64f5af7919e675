// The published record of a draw, as `npm run draw:verify` reads it back: everything needed to
// re-run the draw and compare with what was published.
import { z } from "zod";
import { DRAW_ALGORITHM } from "./allocate";

const hex64 = (field: string) => z.string({ error: `${field}.invalid` }).regex(/^[0-9a-f]{64}$/, { error: `${field}.invalid` });
const id = z.string({ error: "id.invalid" }).min(1, { error: "id.invalid" }).max(64, { error: "id.invalid" });
const seatCount = z.number({ error: "seats.invalid" }).int({ error: "seats.invalid" }).min(0, { error: "seats.invalid" });
const pool = z.enum(["PUBLIC", "SCHOOL"], { error: "pool.invalid" });

export const drawRecord = z.object({
  algorithm: z.literal(DRAW_ALGORITHM, { error: "algorithm.unknown" }),
  seed: hex64("seed"),
  commitment: hex64("commitment"),
  offers: z.array(z.object({ id, seats: z.object({ PUBLIC: seatCount, SCHOOL: seatCount }, { error: "seats.invalid" }) }, { error: "offer.invalid" }), {
    error: "offers.invalid",
  }),
  applications: z.array(
    z.object({
      id,
      pool,
      seats: seatCount.min(1, { error: "seats.invalid" }),
      wishes: z.array(id, { error: "wishes.invalid" }).min(1, { error: "wishes.invalid" }).max(3, { error: "wishes.invalid" }),
    }, { error: "application.invalid" }),
    { error: "applications.invalid" },
  ),
  /** What was published: the allocations, to compare with the re-run. */
  allocations: z.array(z.object({ applicationId: id, offerId: id, rank: z.number({ error: "rank.invalid" }).int({ error: "rank.invalid" }) }, { error: "allocation.invalid" }), {
    error: "allocations.invalid",
  }),
}, { error: "record.invalid" });

export type DrawRecord = z.infer<typeof drawRecord>;
