import type { BookingKind } from "@prisma/client";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { withRomeLabels } from "@/lib/reference/rome";
import { hashToken } from "@/lib/tokens";
import { surveyAnswers, type SurveyAnswersInput } from "./schemas";

// Expected failures of the survey, with their HTTP status; the UI maps the codes to messages.
export const SURVEY_ERRORS = {
  "validation.failed": 422,
  "survey.not_found": 404,
  "survey.not_yet": 409, // the visit has not ended
  "survey.closed": 409, // cancelled booking, or personal data erased
  "survey.already_answered": 409,
} as const;
export type SurveyErrorCode = keyof typeof SURVEY_ERRORS;

const surveyError = (code: SurveyErrorCode, fields: Record<string, string> = {}) => new AppError(code, SURVEY_ERRORS[code], fields);

export interface SurveyView {
  bookingId: string;
  audience: "individual" | "school";
  answered: boolean;
  open: boolean; // the booking may answer (visit over, not cancelled, not erased)
  visitEnded: boolean;
  edition: { name: string };
  factory: { companyName: string; siteName: string; communeName: string };
  /** The jobs the factory showcases: the choices of "Quel métier avez-vous découvert ?". */
  jobs: { romeCode: string; label: string }[];
  startsAt: Date;
}

export const audienceOf = (kind: BookingKind): SurveyView["audience"] => (kind === "GROUP" ? "school" : "individual");
const ANSWERING_STATUSES = new Set(["CONFIRMED", "CHECKED_IN"]);

/** What the survey page shows for a survey link; null for an unknown token. No personal data. */
export async function getSurveyByToken(token: string, now: Date = new Date()): Promise<SurveyView | null> {
  if (!token || token.length > 200) return null;
  const booking = await db.booking.findUnique({
    where: { surveyTokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      status: true,
      personalDataErasedAt: true,
      surveyResponse: { select: { id: true } },
      edition: { select: { name: true } },
      slot: {
        select: {
          startsAt: true,
          endsAt: true,
          factory: {
            select: { companyName: true, siteName: true, communeName: true, jobs: { orderBy: { position: "asc" }, select: { romeCode: true, sentence: true } } },
          },
        },
      },
    },
  });
  if (!booking) return null;
  const visitEnded = booking.slot.endsAt <= now;
  const { jobs, ...factory } = booking.slot.factory;
  return {
    bookingId: booking.id,
    audience: audienceOf(booking.kind),
    answered: booking.surveyResponse !== null,
    open: visitEnded && ANSWERING_STATUSES.has(booking.status) && booking.personalDataErasedAt === null,
    visitEnded,
    edition: booking.edition,
    factory,
    jobs: withRomeLabels(jobs).map(({ romeCode, label }) => ({ romeCode, label })),
    startsAt: booking.slot.startsAt,
  };
}

/**
 * Records the answer to a post-visit survey. Once per booking: a second answer (even concurrent)
 * fails with `survey.already_answered`, enforced by the unique SurveyResponse.bookingId.
 */
export async function submitSurvey(token: string, rawInput: SurveyAnswersInput, ctx: { now?: Date } = {}) {
  const parsed = surveyAnswers.safeParse(rawInput);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join(".") || "_form"] ??= issue.message;
    throw surveyError("validation.failed", fields);
  }
  const survey = await getSurveyByToken(token, ctx.now);
  if (!survey) throw surveyError("survey.not_found");
  if (survey.answered) throw surveyError("survey.already_answered");
  if (!survey.visitEnded) throw surveyError("survey.not_yet");
  if (!survey.open) throw surveyError("survey.closed");

  const { satisfaction, recommendBefore, recommendAfter, surprise, discoveredRomeCode } = parsed.data;
  if (discoveredRomeCode && !survey.jobs.some((job) => job.romeCode === discoveredRomeCode)) {
    throw surveyError("validation.failed", { discoveredRomeCode: "discoveredRomeCode.invalid" });
  }
  try {
    return await db.surveyResponse.create({
      data: { bookingId: survey.bookingId, satisfaction, recommendBefore, recommendAfter, surprise: surprise ?? null, discoveredRomeCode: discoveredRomeCode ?? null },
      select: { id: true, createdAt: true },
    });
  } catch (error) {
    // Two submissions at the same moment: the unique index lets exactly one in.
    if (isUniqueViolationOn(error, "bookingId")) throw surveyError("survey.already_answered");
    throw error;
  }
}
