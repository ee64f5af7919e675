// The hosts' questionnaire (lib/host-survey): one zod schema shared by the form and the server
// action / domain function. Messages are codes, the UI translates them. Pure: client components
// may import it.
import { z } from "zod";
import { blankToUndefined, count, withoutNul } from "@/lib/schema-fields";

export const OPEN_AGAIN = ["YES", "MAYBE", "NO"] as const;
export const HOST_TEXT_MAX = 2000;
export const HOST_COUNT_MAX = 100_000;

const optionalCount = (field: string) => z.preprocess(blankToUndefined, count(field, 0, HOST_COUNT_MAX).optional());
const optionalText = (field: string) =>
  z
    .string({ error: `${field}.invalid` })
    .overwrite(withoutNul)
    .trim()
    .max(HOST_TEXT_MAX, { error: `${field}.too_long` })
    .optional()
    .transform((value) => value || undefined);

export const hostSurveyAnswers = z.object({
  visitorsCame: z.preprocess(blankToUndefined, count("visitorsCame", 0, HOST_COUNT_MAX).optional()).pipe(z.number({ error: "visitorsCame.required" })),
  openAgain: z.enum(OPEN_AGAIN, { error: "openAgain.required" }),
  recruitmentLeads: optionalCount("recruitmentLeads"),
  apprenticeshipApplications: optionalCount("apprenticeshipApplications"),
  whatWorked: optionalText("whatWorked"),
  toImprove: optionalText("toImprove"),
});

export const hostSurveyInput = hostSurveyAnswers.extend({
  token: z.string({ error: "token.invalid" }).overwrite(withoutNul).trim().min(20, { error: "token.invalid" }).max(200, { error: "token.invalid" }),
});

export type HostSurveyAnswersInput = z.input<typeof hostSurveyAnswers>;
export type HostSurveyAnswers = z.output<typeof hostSurveyAnswers>;
