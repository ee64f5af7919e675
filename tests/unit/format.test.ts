import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDayRange,
  formatDuration,
  formatNumber,
  formatPercent,
  formatTime,
  formatTimeRange,
  formatVisitTime,
  formatWeekdayDate,
} from "@/lib/i18n/format";

// Intl writes narrow/no-break spaces in French numbers; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("dates, in French and British English, on the Paris calendar", () => {
  const saturday = new Date("2026-12-05T08:00:00Z"); // 09:00 in Paris (winter time)

  it("writes the day with its weekday, day before month in English (not US style)", () => {
    expect(formatWeekdayDate(saturday, "fr")).toBe("samedi 5 décembre 2026");
    expect(formatWeekdayDate(saturday, "en")).toBe("Saturday 5 December 2026");
    expect(formatWeekdayDate(saturday, "en", { short: true })).toBe("Sat 5 December");
    expect(formatWeekdayDate(saturday, "fr", { year: false })).toBe("samedi 5 décembre");
    expect(formatDate(saturday, "en")).toBe("5 December 2026");
  });

  it("reads a calendar day as that day in Paris, and 23:30 UTC as the next Paris day", () => {
    expect(formatDate("2027-03-28", "fr")).toBe("28 mars 2027");
    expect(formatDate(new Date("2027-03-27T23:30:00Z"), "en")).toBe("28 March 2027");
    // A @db.Date column (UTC midnight) stays on its day.
    expect(formatDate(new Date("2027-03-13T00:00:00Z"), "fr")).toBe("13 mars 2027");
  });

  it("writes a range of days with the year once", () => {
    expect(formatDayRange("2027-03-13", "2027-03-14", "fr")).toBe("samedi 13 mars – dimanche 14 mars 2027");
    expect(formatDayRange("2027-03-13", "2027-03-13", "en")).toBe("Saturday 13 March 2027");
  });
});

describe("times, one style per language, across daylight-saving changes", () => {
  it("writes 9 h 00 in French and 09:00 in English", () => {
    const nine = new Date("2026-12-05T08:00:00Z");
    expect(formatTime(nine, "fr")).toBe("9 h 00");
    expect(formatTime(nine, "en")).toBe("09:00");
  });

  it("keeps the Paris wall clock on the day summer time starts (2027-03-28, 02:00 → 03:00)", () => {
    const start = new Date("2027-03-28T08:00:00Z"); // 10:00 CEST
    const end = new Date("2027-03-28T09:45:00Z");
    expect(formatTimeRange(start, end, "fr")).toBe("10 h 00 – 11 h 45");
    expect(formatVisitTime(start, end, "en")).toBe("Sunday 28 March 2027, 10:00 – 11:45");
    expect(formatTime(new Date("2027-03-28T00:30:00Z"), "en")).toBe("01:30"); // still winter time
  });

  it("keeps the Paris wall clock on the day summer time ends (2026-10-25, 03:00 → 02:00)", () => {
    expect(formatTime(new Date("2026-10-25T00:30:00Z"), "fr")).toBe("2 h 30"); // first 02:30, CEST
    expect(formatTime(new Date("2026-10-25T01:30:00Z"), "fr")).toBe("2 h 30"); // second 02:30, CET
    expect(formatDateTime(new Date("2026-10-25T08:00:00Z"), "fr")).toBe("25 octobre 2026 à 9 h 00");
    expect(formatDateTime(new Date("2026-10-25T08:00:00Z"), "en")).toBe("25 October 2026 at 09:00");
  });
});

describe("durations and numbers", () => {
  it("writes a duration the same way everywhere", () => {
    expect(formatDuration(105, "fr")).toBe("1 h 45");
    expect(formatDuration(105, "en")).toBe("1 hr 45 min");
    expect(formatDuration(120, "fr")).toBe("2 h");
    expect(formatDuration(120, "en")).toBe("2 hr");
    expect(formatDuration(45, "en")).toBe("45 min");
    expect(formatDuration(65, "fr")).toBe("1 h 05");
  });

  it("writes numbers and percentages with the language's separators", () => {
    expect(plain(formatNumber(1234.5, "fr"))).toBe("1 234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(plain(formatNumber(2.5, "fr", { maximumFractionDigits: 1, signed: true }))).toBe("+2,5");
    expect(plain(formatPercent(0.42, "fr"))).toBe("42 %");
    expect(formatPercent(0.425, "en", 1)).toBe("42.5%");
  });
});
