// The factory page's two reads beside getFactoryPage (tested in catalogue.test.ts), in plain SQL for
// speed: the circuits that stop at the factory and its photos. Each must return what the page showed
// before: only published circuits that have not left, with all their stops; photos in their order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { circuitsStoppingAt } from "@/lib/circuit/catalogue";
import { db } from "@/lib/db";
import { factoryPhotos } from "@/lib/factory/profile";
import { createCircuit } from "../fixtures/circuits";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

const HOUR = 3_600_000;

describe("factory page reads", () => {
  let home: { id: string; editionId: string };
  let elsewhere: { id: string; editionId: string };
  let alone: { id: string; editionId: string };
  const circuits: Record<string, string> = {};
  const at = new Date("2027-03-10T09:00:00Z");

  beforeAll(async () => {
    const edition = await createEdition();
    [home, elsewhere, alone] = await Promise.all([createFactory(edition.id), createFactory(edition.id), createFactory(edition.id)]);
    const slot = (factory: typeof home, hoursFromAt: number) =>
      createSlot(factory, { startsAt: new Date(at.getTime() + hoursFromAt * HOUR), durationMinutes: 60 });
    const [homeMorning, homeAfternoon, other1, other2, homeYesterday, otherYesterday] = await Promise.all([
      slot(home, 24), slot(home, 28), slot(elsewhere, 26), slot(elsewhere, 30), slot(home, -24), slot(elsewhere, -22),
    ]);
    await createSlot(alone, { startsAt: new Date(at.getTime() + 24 * HOUR) });
    const make = async (key: string, legs: (typeof homeMorning)[], data = {}) => {
      circuits[key] = (await createCircuit(edition.id, legs, { name: key, ...data })).id;
    };
    await make("later", [other2, homeAfternoon]);
    await make("first", [homeMorning, other1]);
    await make("draft", [homeMorning, other1], { status: "DRAFT" });
    await make("cancelled", [homeAfternoon, other2], { status: "CANCELLED" });
    await make("departed", [homeYesterday, otherYesterday]);
    await make("notHere", [other1, other2]);
  });

  afterAll(() => db.$disconnect());

  it("lists the published circuits stopping at the factory that have not left, by departure, with every stop", async () => {
    const listed = await circuitsStoppingAt(home.id, at);
    expect(listed.map((circuit) => circuit.name)).toEqual(["first", "later"]);
    expect(listed[1].stops.map((stop) => stop.factory.id)).toEqual([elsewhere.id, home.id]);
    expect(listed[0].seatsLeftForIndividuals).toBeGreaterThan(0);
  });

  it("lists none for a factory on no circuit", async () => {
    expect(await circuitsStoppingAt(alone.id, at)).toEqual([]);
  });

  it("gives a factory's photos in their order, without their bytes", async () => {
    const photo = (position: number, alt: string, createdAt: Date) =>
      db.factoryPhoto.create({
        data: { factoryId: home.id, data: Buffer.from([1]), mimeType: "image/jpeg", width: 800, height: 600, alt, position, createdAt },
        select: { id: true },
      });
    const second = await photo(1, "deuxième", new Date("2027-01-01T10:00:00Z"));
    const first = await photo(0, "première", new Date("2027-01-02T10:00:00Z"));
    const third = await photo(1, "troisième", new Date("2027-01-03T10:00:00Z"));
    expect(await factoryPhotos(home.id)).toEqual([
      { id: first.id, width: 800, height: 600, alt: "première" },
      { id: second.id, width: 800, height: 600, alt: "deuxième" },
      { id: third.id, width: 800, height: 600, alt: "troisième" },
    ]);
    expect(await factoryPhotos(alone.id)).toEqual([]);
  });
});
