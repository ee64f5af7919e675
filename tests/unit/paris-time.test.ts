import { describe, expect, it } from "vitest";
import { paris, parisDay, parisToday } from "@/lib/paris-time";

describe("the Paris calendar day", () => {
  it("is already tomorrow at 23:30 UTC in winter (00:30 in Paris)", () => {
    const now = new Date("2027-03-26T23:30:00Z");
    expect(parisDay(now)).toBe("2027-03-27");
    expect(parisToday(now)).toEqual(new Date("2027-03-27T00:00:00Z"));
  });

  it("is already tomorrow at 22:30 UTC in summer (00:30 in Paris)", () => {
    const now = new Date("2027-06-30T22:30:00Z");
    expect(parisDay(now)).toBe("2027-07-01");
    expect(parisToday(now)).toEqual(new Date("2027-07-01T00:00:00Z"));
  });

  it("is still today at 22:30 UTC in winter (23:30 in Paris)", () => {
    expect(parisToday(new Date("2027-03-26T22:30:00Z"))).toEqual(new Date("2027-03-26T00:00:00Z"));
  });

  it("makes an edition that ended yesterday (Paris) past at 00:30 Paris, whatever the UTC date says", () => {
    // getCurrentEdition keeps editions whose lastDay (a UTC-midnight date) is >= parisToday().
    const lastDay = new Date("2027-03-26T00:00:00Z");
    const now = paris(2027, 3, 27, 0, 30);
    expect(now.toISOString()).toBe("2027-03-26T23:30:00.000Z");
    expect(lastDay >= parisToday(now)).toBe(false);
    expect(lastDay >= new Date(now.toISOString().slice(0, 10))).toBe(true); // the UTC date would still keep it
  });
});
