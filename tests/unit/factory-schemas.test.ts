// The pure parts of the factory space: Paris wall-clock times (DST included), visit series, ticket
// queries typed or scanned at the door, and the slot form schema as FormData gives it.
import { describe, expect, it } from "vitest";
import { createSlotsInput, parseTicketQuery, seriesStarts, updateSlotInput } from "@/lib/factory/slot-schemas";
import { editionDays, parisClock, parisDateTime, parisDay, parisDayRange, toParisLocalInput } from "@/lib/paris-time";

const HOUR = 3600_000;
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("Paris time", () => {
  it("turns Paris wall-clock times into instants on both sides of the spring and autumn changes", () => {
    expect(parisDateTime("2030-03-30", "09:00").toISOString()).toBe("2030-03-30T08:00:00.000Z");
    expect(parisDateTime("2030-03-31", "09:00").toISOString()).toBe("2030-03-31T07:00:00.000Z");
    expect(parisDateTime("2030-10-27", "09:00").toISOString()).toBe("2030-10-27T08:00:00.000Z");
    // 02:30 does not exist on the spring change day: it is a real instant nonetheless, after 01:59.
    const gap = parisDateTime("2030-03-31", "02:30");
    expect(gap.getTime()).toBeGreaterThan(parisDateTime("2030-03-31", "01:59").getTime());
    expect(parisDay(gap)).toBe("2030-03-31");
  });

  it("gives Paris days, their length and clocks whatever the instant", () => {
    expect(parisDay(new Date("2030-03-30T23:30:00Z"))).toBe("2030-03-31");
    const spring = parisDayRange("2030-03-31");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * HOUR);
    const autumn = parisDayRange("2030-10-27");
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * HOUR);
    expect(parisClock(new Date("2030-03-30T09:05:00Z"))).toEqual({ hour: "10", minute: "05" });
    expect(toParisLocalInput(new Date("2030-03-23T17:00:00Z"))).toBe("2030-03-23T18:00");
    expect(toParisLocalInput(null)).toBe("");
  });

  it("lists an edition's days", () => {
    expect(editionDays({ firstDay: new Date("2030-03-30T00:00:00Z"), lastDay: new Date("2030-03-31T00:00:00Z") })).toEqual(["2030-03-30", "2030-03-31"]);
  });
});

describe("seriesStarts", () => {
  it("plans every 90 minutes from 9:00 to 16:30 included, day by day, sorted", () => {
    const starts = seriesStarts({ days: ["2030-03-31", "2030-03-30"], firstStart: "09:00", lastStart: "16:30", intervalMinutes: 90 });
    expect(starts).toHaveLength(12);
    expect(starts[0].toISOString()).toBe("2030-03-30T08:00:00.000Z");
    expect(starts[5].toISOString()).toBe("2030-03-30T15:30:00.000Z");
    expect(starts[6].toISOString()).toBe("2030-03-31T07:00:00.000Z");
  });

  it("plans one visit per day without a last start, and stops early on absurd series", () => {
    expect(seriesStarts({ days: ["2030-03-30", "2030-03-30"], firstStart: "10:00" })).toHaveLength(1);
    expect(seriesStarts({ days: ["2030-03-30"], firstStart: "00:00", lastStart: "23:59", intervalMinutes: 1 }).length).toBeLessThanOrEqual(62);
  });
});

describe("parseTicketQuery", () => {
  it("recognises a typed code in any case, with spaces or dashes", () => {
    expect(parseTicketQuery(" k7m2-qx9p ")).toEqual({ ticketCode: "K7M2QX9P" });
    expect(parseTicketQuery("K7M2 QX9P")).toEqual({ ticketCode: "K7M2QX9P" });
  });

  it("recognises a scanned token or ticket URL, and refuses anything else", () => {
    const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";
    expect(parseTicketQuery(token)).toEqual({ ticketToken: token });
    expect(parseTicketQuery(`https://usines-ouvertes.fr/billet/${token}`)).toEqual({ ticketToken: token });
    expect(parseTicketQuery("O0I1O0I1")).toBeNull(); // not in the ticket alphabet
    expect(parseTicketQuery("<script>")).toBeNull();
    expect(parseTicketQuery("")).toBeNull();
  });
});

describe("createSlotsInput", () => {
  const form = {
    factoryId: "f1",
    mode: "series",
    days: "2030-03-30",
    firstStart: "09:00",
    lastStart: "16:30",
    intervalMinutes: "90",
    durationMinutes: "90",
    capacity: "20",
    audience: "BOTH",
    schoolReservedSeats: "",
    schoolReservedUntil: "",
    circuitReservedSeats: "",
    circuitReservedUntil: "",
    maxSeatsPerBooking: "",
    minAge: "",
    language: "fr",
    format: "GUIDED_TOUR",
  };

  it("parses FormData strings: one day as a list, blanks as absent", () => {
    const parsed = createSlotsInput.parse(form);
    expect(parsed).toMatchObject({ days: ["2030-03-30"], capacity: 20, intervalMinutes: 90, schoolReservedSeats: 0, maxSeatsPerBooking: undefined, minAge: undefined });
  });

  it("gives one code per wrong field", () => {
    expect(issues(createSlotsInput.safeParse({ ...form, days: [], capacity: "0", firstStart: "9h" }))).toEqual({
      days: "days.required",
      capacity: "capacity.too_few",
      firstStart: "firstStart.invalid",
    });
    expect(issues(createSlotsInput.safeParse({ ...form, lastStart: "", intervalMinutes: "" }))).toEqual({
      lastStart: "lastStart.required",
      intervalMinutes: "intervalMinutes.required",
    });
    expect(issues(createSlotsInput.safeParse({ ...form, schoolReservedSeats: "30" }))).toEqual({
      schoolReservedSeats: "schoolReservedSeats.more_than_capacity",
      schoolReservedUntil: "schoolReservedUntil.required",
    });
    expect(issues(createSlotsInput.safeParse({ ...form, circuitReservedSeats: "21" }))).toEqual({
      circuitReservedSeats: "circuitReservedSeats.more_than_capacity",
      circuitReservedUntil: "circuitReservedUntil.required",
    });
    const both = { ...form, schoolReservedSeats: "8", schoolReservedUntil: "2030-03-23T18:00", circuitReservedSeats: "13", circuitReservedUntil: "2030-03-23T18:00" };
    expect(issues(createSlotsInput.safeParse(both))).toEqual({ circuitReservedSeats: "circuitReservedSeats.more_than_left" });
    expect(createSlotsInput.parse({ ...both, circuitReservedSeats: "12" })).toMatchObject({ schoolReservedSeats: 8, circuitReservedSeats: 12 });
  });

  it("keeps school-reserved seats only when both audiences may book, and ignores series fields for one visit", () => {
    const both = createSlotsInput.parse({ ...form, schoolReservedSeats: "8", schoolReservedUntil: "2030-03-23T18:00" });
    expect(both.schoolReservedSeats).toBe(8);
    expect(both.schoolReservedUntil?.toISOString()).toBe("2030-03-23T17:00:00.000Z");
    const school = createSlotsInput.parse({ ...form, audience: "SCHOOL", schoolReservedSeats: "8", schoolReservedUntil: "2030-03-23T18:00" });
    expect(school).toMatchObject({ schoolReservedSeats: 0, schoolReservedUntil: undefined });
    expect(createSlotsInput.parse({ ...form, mode: "single", lastStart: "08:00" })).toMatchObject({ lastStart: undefined, intervalMinutes: undefined });
  });

  it("answers codes, never throws, when a series time is impossible", () => {
    for (const lastStart of ["25:00", "9h30", "on", " "]) {
      expect(() => createSlotsInput.safeParse({ ...form, lastStart })).not.toThrow();
      expect(issues(createSlotsInput.safeParse({ ...form, lastStart })).lastStart).toMatch(/^lastStart\.(invalid|required)$/);
    }
    expect(issues(createSlotsInput.safeParse({ ...form, capacity: "abc", schoolReservedSeats: "5", schoolReservedUntil: "2030-03-23T18:00" }))).toEqual({
      capacity: "capacity.invalid",
    });
  });

  it("requires the per-booking maximum when editing", () => {
    expect(issues(updateSlotInput.safeParse({ factoryId: "f1", slotId: "s1", capacity: "10", audience: "PUBLIC" }))).toEqual({
      maxSeatsPerBooking: "maxSeatsPerBooking.invalid",
    });
  });
});
