// The published record of a draw, as `npm run draw:verify` reads it back: everything needed to
// re-run the draw and compare with what was published.
import { z } from "zod";
import { groupFields, individualFields, minorsNeedAdult } from "@/lib/booking/schemas";
import { parisDateTimeField } from "@/lib/organiser/schemas";
import { blankToUndefined, day, optionalText, text, withoutNul } from "@/lib/schema-fields";
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

// ── Inputs (one schema each, shared by the forms, the server actions and lib/draw) ──

const drawId = text("drawId", 40);
const token = z.string({ error: "token.invalid" }).overwrite(withoutNul).trim().min(20, { error: "token.invalid" }).max(200, { error: "token.invalid" });
const wishSlot = (field: string) => optionalText(field, 40);

export const MAX_WISHES = 3;

// A form posts the ranked wishes as three lists (`wish1`…`wish3`, the last two may be left empty);
// they become one array, most wanted first, with no visit twice.
const wishFields = { wish1: text("wish1", 40), wish2: wishSlot("wish2"), wish3: wishSlot("wish3") };
type WishFields = { wish1: string; wish2?: string; wish3?: string };
const rankedWishes = <T extends WishFields>({ wish1, wish2, wish3, ...rest }: T, ctx: z.RefinementCtx) => {
  const wishes = [wish1, wish2, wish3].filter((wish): wish is string => Boolean(wish));
  wishes.forEach((wish, index) => {
    if (wishes.indexOf(wish) !== index) ctx.addIssue({ code: "custom", message: "wishes.duplicate", path: [`wish${index + 1}`] });
  });
  return { ...rest, wishes };
};

/** Someone's ranked wishes in a draw: the booking form's fields, the draw, and 1–3 visits. */
export const drawApplicationInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...individualFields, ...wishFields, drawId }).refine(...minorsNeedAdult).transform(rankedWishes),
    z.object({ ...groupFields, ...wishFields, drawId }).transform(rankedWishes),
  ],
  { error: "kind.invalid" },
);

export type DrawApplicationInput = z.input<typeof drawApplicationInput>;
export type ParsedDrawApplication = z.output<typeof drawApplicationInput>;

/** Changing one's wishes (until the close), from the private link. */
export const drawWishesInput = z.object({ manageToken: token, ...wishFields }).transform(rankedWishes);

/** Withdrawing one's application (until the close), from the private link. */
export const drawWithdrawInput = z.object({ manageToken: token });

/** Whose offers a whole phase takes: all, those open to individuals, those open to classes. */
export const PHASE_AUDIENCES = ["ANY", "PUBLIC", "SCHOOL"] as const;

// A form posts one value per ticked box (FormData.getAll), JSON an array (or nothing).
const offerIds = (field: "slotIds" | "circuitIds") =>
  z.preprocess(
    (value) => (value === undefined ? [] : typeof value === "string" ? [value] : value),
    z
      .array(text(field, 40), { error: `${field}.invalid` })
      .max(100, { error: `${field}.too_many` })
      .refine((ids) => new Set(ids).size === ids.length, { error: `${field}.invalid` }),
  );

const drawWindow = {
  name: text("name", 120),
  description: optionalText("description", 2000),
  opensAt: parisDateTimeField("opensAt"),
  closesAt: parisDateTimeField("closesAt"),
};

/**
 * An organiser opening a wish window (Paris local date-times) over the visits and circuits they tick
 * (`VISITS`), or over a whole booking phase (`PHASE`): every visit and circuit that may go in a
 * draw, optionally only one audience's and one day's, as they stand at creation.
 */
export const drawCreateInput = z
  .discriminatedUnion(
    "scope",
    [
      z
        .object({ ...drawWindow, scope: z.literal("VISITS"), slotIds: offerIds("slotIds"), circuitIds: offerIds("circuitIds") })
        .refine((input) => input.slotIds.length + input.circuitIds.length > 0, { error: "slotIds.too_few", path: ["slotIds"] }),
      z.object({
        ...drawWindow,
        scope: z.literal("PHASE"),
        phaseAudience: z.enum(PHASE_AUDIENCES, { error: "phaseAudience.invalid" }).default("ANY"),
        phaseDay: z.preprocess(blankToUndefined, day("phaseDay").optional()),
      }),
    ],
    { error: "scope.invalid" },
  )
  .refine((input) => input.closesAt > input.opensAt, { error: "closesAt.before_opening", path: ["closesAt"] });

export type DrawCreateInput = z.input<typeof drawCreateInput>;
export type ParsedDrawCreateInput = z.output<typeof drawCreateInput>;
export type PhaseAudience = (typeof PHASE_AUDIENCES)[number];

/** An organiser running a draw whose window has closed (the scheduler does it too). */
export const drawRunInput = z.object({ drawId });
