// Demo draws (lib/draw): one whose wish window is open (the public page shows the form and the
// commitment), over visits and a coach tour, and one whose window closed an hour before the seed
// ran, with its applications: the app's scheduler draws it on its first run after `npm start`
// (lib/draw/run.ts, the real thing), so the results page, the waiting lists and the e-mails appear
// within the minute. Saturday visits of the public, none on a circuit. Deterministic: the seeds and
// application ids come from the PRNG (and the slug).
import { createHash } from "node:crypto";
import { seatsLeft } from "@/lib/booking/availability";
import { FIRST_NAMES, SURNAMES } from "./vocabulary";
import type { FactoryRow } from "./factories";
import type { SeedClient } from "./generate";
import { randomTokenHash } from "./identifiers";
import type { Rng } from "./random";
import type { SlotRow } from "./visits";

type Tx = Parameters<Parameters<SeedClient["$transaction"]>[0]>[0];

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const HEX = "0123456789abcdef";
const ID_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz";

const DRAWS = [
  {
    name: "Les visites les plus demandées du samedi",
    description: "Ces visites se sont remplies en quelques minutes l'an dernier : cette année, elles sont attribuées par tirage au sort. Classez jusqu'à trois visites.",
    offers: 3,
    withTour: true,
    applications: 5,
    opensAt: (now: Date) => new Date(now.getTime() - 3 * DAY),
    closesAt: (now: Date) => new Date(now.getTime() + 7 * DAY),
  },
  {
    name: "Tirage de la première heure",
    description: "Le premier tirage de l'édition : ses vœux sont clos, le résultat est publié avec la graine et l'ordre du tirage.",
    offers: 4,
    withTour: false,
    applications: 14,
    opensAt: (now: Date) => new Date(now.getTime() - 10 * DAY),
    closesAt: (now: Date) => new Date(now.getTime() - HOUR),
  },
];

const ascii = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]+/g, "");

export async function seedDraws(
  tx: Tx,
  rng: Rng,
  edition: { id: string; slug: string },
  slots: readonly SlotRow[],
  factories: readonly FactoryRow[],
  now: Date,
  tourId: string | null,
) {
  const onCircuits = new Set((await tx.circuitLeg.findMany({ where: { circuit: { editionId: edition.id } }, select: { slotId: true } })).map((leg) => leg.slotId));
  const approved = new Set(factories.filter((factory) => factory.status === "APPROVED").map((factory) => factory.id));
  const candidates = rng.shuffle(
    slots.filter(
      (slot) =>
        slot.startsAt.getUTCDate() === 20 &&
        slot.audience === "PUBLIC" &&
        approved.has(slot.factoryId) &&
        !onCircuits.has(slot.id) &&
        seatsLeft({ ...slot, status: "OPEN" }, now, false) >= 6,
    ),
  );
  const usedFactories = new Set<string>();
  const pick = () => {
    const slot = candidates.find((candidate) => !usedFactories.has(candidate.factoryId));
    if (slot) usedFactories.add(slot.factoryId);
    return slot;
  };

  for (const [d, plan] of DRAWS.entries()) {
    const offers = Array.from({ length: plan.offers }, pick).filter((slot) => slot !== undefined);
    if (offers.length < 2) continue;
    const tour = plan.withTour ? tourId : null;
    const seed = rng.string(HEX, 64);
    const draw = await tx.draw.create({
      data: {
        editionId: edition.id,
        name: plan.name,
        description: plan.description,
        wishesOpenAt: plan.opensAt(now),
        wishesCloseAt: plan.closesAt(now),
        seed,
        commitment: createHash("sha256").update(seed, "utf8").digest("hex"),
        offers: { create: [...offers.map((slot) => ({ slotId: slot.id })), ...(tour ? [{ circuitId: tour }] : [])] },
      },
    });
    const maxSeats = Math.min(...offers.map((slot) => slot.maxSeatsPerBooking), 4);
    const offerIds = [...offers.map((slot) => slot.id), ...(tour ? [tour] : [])];
    await tx.drawApplication.createMany({
      data: Array.from({ length: plan.applications }, (_, i) => {
        const contactName = `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
        const email = `${ascii(contactName)}.tirage${d + 1}.${i + 1}@example.org`;
        const seats = rng.int(1, maxSeats);
        const wishes = rng.shuffle(offerIds).slice(0, rng.int(1, Math.min(3, offerIds.length)));
        return {
          // Unique across the editions of one database (the tests seed several), the same for the same slug.
          id: `c${createHash("sha256").update(`${edition.slug}:${rng.string(ID_CHARACTERS, 24)}`).digest("hex").slice(0, 24)}`,
          drawId: draw.id,
          kind: "INDIVIDUAL" as const,
          seats,
          email,
          // The booking form's fields, as lib/draw/apply.ts stores them.
          booker: { kind: "INDIVIDUAL", seats, minors: 0, contactName, email, consent: true, locale: "fr" },
          wishes,
          manageTokenHash: randomTokenHash(),
          createdAt: new Date(plan.opensAt(now).getTime() + (i + 1) * HOUR),
        };
      }),
    });
  }
}
