// The post-visit survey's input: one zod schema shared by the form (client-side hints) and the
// server action / domain function (which parse again). Messages are codes, the UI translates them.
// Pure: no database code, so client components may import it.
import { z } from "zod";
import { ROME_CODE } from "@/lib/reference/rome-families";
import { withoutNul } from "@/lib/schema-fields";

export const SCALE = [1, 2, 3, 4, 5] as const;
// On the 5-point "would you recommend" scale, 4 ("Probablement") and 5 ("Certainement") count as
// "would recommend", as in the IFOP 2024 question the baseline comes from.
export const RECOMMEND_THRESHOLD = 4;
export const SURPRISE_MAX_LENGTH = 1000;
// The IFOP 2024 survey for the industry: 11 % would recommend a job in industry to someone close.
export const IFOP_2024_RECOMMEND_SHARE = 11;

// Radio groups post "1"…"5", or nothing at all when left unanswered.
const scale = (field: string) =>
  z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce
      .number({ error: `${field}.required` })
      .int({ error: `${field}.invalid` })
      .min(1, { error: `${field}.invalid` })
      .max(5, { error: `${field}.invalid` }),
  );

export const surveyAnswers = z.object({
  satisfaction: scale("satisfaction"),
  recommendBefore: scale("recommendBefore"),
  recommendAfter: scale("recommendAfter"),
  surprise: z
    .string({ error: "surprise.invalid" })
    .trim()
    .max(SURPRISE_MAX_LENGTH, { error: "surprise.too_long" })
    .optional()
    .transform((value) => value || undefined),
  // "Quel métier avez-vous découvert ?": a ROME code among the visited factory's jobs (checked by
  // submitSurvey), or nothing ("Aucun en particulier", or a factory that showcases none).
  discoveredRomeCode: z
    .string({ error: "discoveredRomeCode.invalid" })
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().regex(ROME_CODE, { error: "discoveredRomeCode.invalid" }).optional()),
});

export const surveyInput = surveyAnswers.extend({
  token: z.string({ error: "token.invalid" }).overwrite(withoutNul).trim().min(20, { error: "token.invalid" }).max(200, { error: "token.invalid" }),
});

export type SurveyAnswersInput = z.input<typeof surveyAnswers>;
export type SurveyAnswers = z.output<typeof surveyAnswers>;
