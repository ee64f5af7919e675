// The post-visit survey against the real database: answered once (even by concurrent submissions),
// bad input changes nothing, and the organisers' aggregates match an independent computation.
import { describe, expect, it } from "vitest";
import type { Prisma } from "@prisma/client";
import { book } from "@/lib/booking";
import type { IndividualBookingInput } from "@/lib/booking/schemas";
import { db, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getSurveyByToken, submitSurvey, surveyResults, surveyTokenFor, type SurveyResultRow } from "@/lib/survey";
import { hashToken } from "@/lib/tokens";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { caught, HENRI_IV, individualInput } from "../fixtures/bookings";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const individual = (slotId: string, over: Partial<IndividualBookingInput> = {}) =>
  individualInput(slotId, { seats: 1, contactName: `Visiteur ${uid()}`, ...over });

async function edition(over: Partial<Prisma.EditionUncheckedCreateInput> = {}) {
  return createEdition({ bookingOpensAt: new Date(Date.now() - 30 * DAY), ...over });
}

// A booking of a visit that has ended, invited to the survey (its token hash stored as the
// invitation job does). Returns the survey token.
async function visited(slot: { id: string; startsAt: Date }, kind: "INDIVIDUAL" | "GROUP" = "INDIVIDUAL") {
  const now = new Date(slot.startsAt.getTime() - DAY);
  let result;
  if (kind === "GROUP") {
    const teacher = await db.user.create({ data: { email: `t-${uid()}@example.fr` } });
    result = await book(
      {
        kind: "GROUP",
        slotId: slot.id,
        students: 10,
        adults: 2,
        schoolUai: HENRI_IV,
        schoolName: "Lycée Henri-IV",
        classLevel: "3e",
        contactName: "Prof",
        email: `p-${uid()}@example.fr`,
        phone: "0612345678",
        consent: true,
        locale: "fr",
        idempotencyKey: `idem-${uid()}`,
      },
      { now, userId: teacher.id },
    );
  } else {
    result = await book(individual(slot.id), { now });
  }
  if (result.replayed) throw new Error("replayed");
  const token = surveyTokenFor(result.manageToken);
  await db.booking.update({ where: { id: result.booking.id }, data: { surveyTokenHash: hashToken(token) } });
  return { token, bookingId: result.booking.id };
}

async function endedSlot(over: Partial<Prisma.FactoryUncheckedCreateInput> = {}, editionId?: string) {
  const e = editionId ? { id: editionId } : await edition();
  const factory = await createFactory(e.id, over);
  return createSlot({ id: factory.id, editionId: e.id }, { startsAt: new Date(Date.now() - 6 * HOUR), capacity: 100 });
}

const answer = { satisfaction: 5, recommendBefore: 2, recommendAfter: 4, surprise: "La taille des machines !" };

describe("answering the survey", () => {
  it("records one answer, shows it answered, and refuses a second one with a clear code", async () => {
    const slot = await endedSlot();
    const { token, bookingId } = await visited(slot);
    expect(await getSurveyByToken(token)).toMatchObject({ bookingId, answered: false, open: true, audience: "individual" });
    await submitSurvey(token, answer);
    expect(await db.surveyResponse.findUnique({ where: { bookingId } })).toMatchObject({ satisfaction: 5, recommendBefore: 2, recommendAfter: 4, surprise: "La taille des machines !" });
    expect(await getSurveyByToken(token)).toMatchObject({ answered: true });
    expect((await caught(submitSurvey(token, { ...answer, satisfaction: 1 }))).code).toBe("survey.already_answered");
    expect(await db.surveyResponse.count({ where: { bookingId } })).toBe(1);
  });

  it("lets exactly one of ten simultaneous submissions in", async () => {
    const slot = await endedSlot();
    const { token, bookingId } = await visited(slot);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => submitSurvey(token, { ...answer, satisfaction: (i % 5) + 1 })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused.every((o) => o.reason instanceof AppError && o.reason.code === "survey.already_answered")).toBe(true);
    expect(await db.surveyResponse.count({ where: { bookingId } })).toBe(1);
  });

  it("changes nothing on bad input, unknown links, visits not over or cancelled bookings", async () => {
    const slot = await endedSlot();
    const { token, bookingId } = await visited(slot);
    const bad = await caught(submitSurvey(token, { satisfaction: 6, recommendBefore: "", recommendAfter: 3, surprise: "x".repeat(1001) }));
    expect(bad.code).toBe("validation.failed");
    expect(bad.fields).toEqual({ satisfaction: "satisfaction.invalid", recommendBefore: "recommendBefore.required", surprise: "surprise.too_long" });
    expect((await caught(submitSurvey("x".repeat(43), answer))).code).toBe("survey.not_found");

    const future = await createSlot({ id: slot.factoryId, editionId: slot.editionId }, { startsAt: new Date(Date.now() + 5 * DAY) });
    const early = await visited(future);
    expect((await caught(submitSurvey(early.token, answer))).code).toBe("survey.not_yet");

    const other = await visited(slot);
    await db.booking.update({ where: { id: other.bookingId }, data: { status: "CANCELLED" } });
    expect((await caught(submitSurvey(other.token, answer))).code).toBe("survey.closed");
    expect(await db.surveyResponse.count({ where: { bookingId: { in: [bookingId, early.bookingId, other.bookingId] } } })).toBe(0);
  });
});

describe("the question « Quel métier avez-vous découvert ? »", () => {
  it("offers the visited factory's jobs, stores the one chosen, refuses another factory's, and counts the answers", async () => {
    const e = await edition();
    const slot = await endedSlot({}, e.id);
    await db.factoryJob.createMany({
      data: [
        { factoryId: slot.factoryId, romeCode: "I1310", sentence: "Dépanne les presses.", position: 0 },
        { factoryId: slot.factoryId, romeCode: "H2913", sentence: "Soude les cadres.", position: 1 },
      ],
    });
    const first = await visited(slot);
    expect((await getSurveyByToken(first.token))?.jobs).toEqual([
      { romeCode: "I1310", label: "Maintenance mécanique industrielle" },
      { romeCode: "H2913", label: "Soudage manuel" },
    ]);

    // A job of the list, but not one this factory shows: refused, nothing stored.
    const wrong = await caught(submitSurvey(first.token, { ...answer, discoveredRomeCode: "H2101" }));
    expect(wrong.code).toBe("validation.failed");
    expect(wrong.fields).toEqual({ discoveredRomeCode: "discoveredRomeCode.invalid" });
    expect((await caught(submitSurvey(first.token, { ...answer, discoveredRomeCode: "<b>" }))).fields).toEqual({ discoveredRomeCode: "discoveredRomeCode.invalid" });
    expect(await db.surveyResponse.count({ where: { bookingId: first.bookingId } })).toBe(0);

    await submitSurvey(first.token, { ...answer, discoveredRomeCode: "H2913" });
    expect((await db.surveyResponse.findUniqueOrThrow({ where: { bookingId: first.bookingId } })).discoveredRomeCode).toBe("H2913");
    for (const discoveredRomeCode of ["H2913", "I1310", ""]) await submitSurvey((await visited(slot)).token, { ...answer, discoveredRomeCode });

    expect((await surveyResults(e.id)).discoveredJobs).toEqual([
      { romeCode: "H2913", label: "Soudage manuel", answers: 2 },
      { romeCode: "I1310", label: "Maintenance mécanique industrielle", answers: 1 },
    ]);
  });
});

describe("survey results", () => {
  it("match an independent computation, overall and per region, sector, size band and audience", async () => {
    const e = await edition();
    const sites = [
      { regionCode: "84", sectorCode: "25", sizeBand: "PME" as const, headcount: 120 },
      { regionCode: "84", sectorCode: "10", sizeBand: "GE" as const, headcount: 6000 },
      { regionCode: "53", sectorCode: "25", sizeBand: "TPE" as const, headcount: 5 },
      { regionCode: "11", sectorCode: "29", sizeBand: "ETI" as const, headcount: 800 },
    ];
    // Deterministic pseudo-random answers; some bookings do not answer.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const site of sites) {
      const slot = await endedSlot(site, e.id);
      for (let i = 0; i < 7; i++) {
        const { token } = await visited(slot, i % 3 === 0 ? "GROUP" : "INDIVIDUAL");
        if (next() < 0.25) continue;
        await submitSurvey(token, {
          satisfaction: 1 + Math.floor(next() * 5),
          recommendBefore: 1 + Math.floor(next() * 5),
          recommendAfter: 1 + Math.floor(next() * 5),
        });
      }
    }
    // Not eligible: a cancelled booking, and a visit still to come.
    const slot = await endedSlot(sites[0], e.id);
    const cancelled = await visited(slot);
    await db.booking.update({ where: { id: cancelled.bookingId }, data: { status: "CANCELLED" } });
    const future = await createSlot({ id: slot.factoryId, editionId: e.id }, { startsAt: new Date(Date.now() + 3 * DAY) });
    await visited(future);

    const results = await surveyResults(e.id);

    // Independent: one plain query per group, shares computed here.
    async function expected(where: string, params: unknown[]): Promise<Omit<SurveyResultRow, "dimension" | "value" | "label">> {
      const { rows } = await pool.query(
        `SELECT b.id, r.satisfaction, r."recommendBefore", r."recommendAfter"
         FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Factory" f ON f.id = s."factoryId"
         LEFT JOIN "SurveyResponse" r ON r."bookingId" = b.id
         WHERE b."editionId" = $1 AND b.status IN ('CONFIRMED', 'CHECKED_IN') AND s."endsAt" <= now() ${where}`,
        [e.id, ...params],
      );
      const answered = rows.filter((r) => r.satisfaction !== null);
      // Half away from zero, like PostgreSQL's round(numeric).
      const pct = (n: number, d: number) => (d === 0 ? null : (Math.sign(n) * Math.round((1000 * Math.abs(n)) / d)) / 10);
      const before = answered.filter((r) => r.recommendBefore >= 4).length;
      const after = answered.filter((r) => r.recommendAfter >= 4).length;
      return {
        eligible: rows.length,
        responses: answered.length,
        responseRate: pct(answered.length, rows.length),
        meanSatisfaction: answered.length ? Math.round((100 * answered.reduce((s, r) => s + r.satisfaction, 0)) / answered.length) / 100 : null,
        recommendBeforeShare: pct(before, answered.length),
        recommendAfterShare: pct(after, answered.length),
        shift: pct(after - before, answered.length),
      };
    }
    const pick = ({ eligible, responses, responseRate, meanSatisfaction, recommendBeforeShare, recommendAfterShare, shift }: SurveyResultRow) => ({
      eligible,
      responses,
      responseRate,
      meanSatisfaction,
      recommendBeforeShare,
      recommendAfterShare,
      shift,
    });

    expect(pick(results.overall)).toEqual(await expected("", []));
    expect(results.overall.eligible).toBe(28);
    expect(results.overall.responses).toBeGreaterThan(10);
    for (const code of ["84", "53", "11"]) {
      const row = results.byRegion.find((r) => r.value === code)!;
      expect(pick(row)).toEqual(await expected(`AND f."regionCode" = $2`, [code]));
    }
    expect(results.byRegion.find((r) => r.value === "84")!.label.fr).toBe("Auvergne-Rhône-Alpes");
    for (const code of ["25", "10", "29"]) {
      expect(pick(results.bySector.find((r) => r.value === code)!)).toEqual(await expected(`AND f."sectorCode" = $2`, [code]));
    }
    for (const band of ["TPE", "PME", "ETI", "GE"]) {
      expect(pick(results.bySize.find((r) => r.value === band)!)).toEqual(await expected(`AND f."sizeBand" = $2::"SizeBand"`, [band]));
    }
    expect(pick(results.byAudience.find((r) => r.value === "school")!)).toEqual(await expected(`AND b.kind = 'GROUP'`, []));
    expect(pick(results.byAudience.find((r) => r.value === "individual")!)).toEqual(await expected(`AND b.kind = 'INDIVIDUAL'`, []));
    expect(results.byAudience.find((r) => r.value === "school")!.label).toEqual({ fr: "Scolaires", en: "School groups" });
  });

  it("is empty, not an error, for an edition without answers", async () => {
    const e = await edition();
    const results = await surveyResults(e.id);
    expect(results.overall).toMatchObject({ eligible: 0, responses: 0, responseRate: null, meanSatisfaction: null, shift: null });
    expect(results.byRegion).toEqual([]);
  });
});
