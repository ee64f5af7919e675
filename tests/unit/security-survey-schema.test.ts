// The survey's input schema (shared by the form and the action) and its token derivation.
import { describe, expect, it } from "vitest";
import { surveyAnswers, surveyInput } from "@/lib/survey/schemas";
import { surveyTokenFor } from "@/lib/survey/tokens";
import { ticketTokenFor } from "@/lib/tokens";

describe("survey schema", () => {
  it("accepts what the form posts and trims the free text to nothing when empty", () => {
    expect(surveyAnswers.parse({ satisfaction: "5", recommendBefore: "1", recommendAfter: "4", surprise: "  " })).toEqual({
      satisfaction: 5,
      recommendBefore: 1,
      recommendAfter: 4,
      surprise: undefined,
    });
  });

  it("answers with codes for missing, out-of-range and too long answers", () => {
    const result = surveyInput.safeParse({ token: "short", satisfaction: "0", recommendAfter: "3.5", surprise: "é".repeat(1001) });
    expect(result.success).toBe(false);
    const codes = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(codes).toEqual({
      token: "token.invalid",
      satisfaction: "satisfaction.invalid",
      recommendBefore: "recommendBefore.required",
      recommendAfter: "recommendAfter.invalid",
      surprise: "surprise.too_long",
    });
  });
});

describe("survey token", () => {
  it("is derived from the manage token, stable, and distinct from the ticket token", () => {
    const manage = "m".repeat(43);
    expect(surveyTokenFor(manage)).toBe(surveyTokenFor(manage));
    expect(surveyTokenFor(manage)).not.toBe(ticketTokenFor(manage));
    expect(surveyTokenFor(manage)).not.toBe(surveyTokenFor("n".repeat(43)));
    expect(surveyTokenFor(manage)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
