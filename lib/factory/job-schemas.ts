// What a factory says about the jobs visitors meet ("Métiers à découvrir"): up to MAX_JOBS records
// of the curated ROME list, a sentence each, whether it takes apprentices, a link to its offers and
// an optional testimonial. One schema for the form's page (limits), the server action and
// lib/factory/jobs.ts (which parses again). Messages are codes ("jobs.2.sentence" → "sentence.required"),
// translated by the form from the "jobs.errors" messages.
//
// The form posts rows as flat fields ("jobs.0.romeCode", "jobs.0.sentence"…); an empty row (no job,
// no sentence) is ignored, so the form can always offer MAX_JOBS rows. Server side only: the list of
// codes is read from lib/reference/rome-industrie.tsv.
import "server-only";
import { z } from "zod";
import { romeJob } from "@/lib/reference/rome";
import { checkbox, optionalText, text, withoutNul } from "@/lib/schema-fields";

export const MAX_JOBS = 8;
export const JOB_SENTENCE_MAX = 200;
export const TESTIMONIAL_MAX = 600;
export const JOB_URL_MAX = 500;

// An https address (the page links to it; an http or javascript: link is refused).
const httpsUrl = (field: string) =>
  optionalText(field, JOB_URL_MAX).refine((value) => {
    if (value === undefined) return true;
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, { error: `${field}.https` });

const jobRow = z
  .object({
    romeCode: z.string({ error: "romeCode.invalid" }).overwrite(withoutNul).trim().optional().default(""),
    sentence: z.string({ error: "sentence.invalid" }).overwrite(withoutNul).trim().optional().default(""),
  })
  .superRefine((row, ctx) => {
    if (row.romeCode === "" && row.sentence !== "") ctx.addIssue({ code: "custom", path: ["romeCode"], message: "romeCode.required" });
    else if (row.romeCode !== "" && !romeJob(row.romeCode)) ctx.addIssue({ code: "custom", path: ["romeCode"], message: "romeCode.unknown" });
    if (row.romeCode !== "" && row.sentence === "") ctx.addIssue({ code: "custom", path: ["sentence"], message: "sentence.required" });
    if (row.sentence.length > JOB_SENTENCE_MAX) ctx.addIssue({ code: "custom", path: ["sentence"], message: "sentence.too_long" });
  });

// "jobs.3.sentence" → jobs[3].sentence; rows keep their index so errors land on the right inputs.
function nestJobRows(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if ("jobs" in record) return record;
  const rows: Record<string, unknown>[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    const match = /^jobs\.(\d{1,2})\.(romeCode|sentence)$/.exec(key);
    if (!match) rest[key] = field;
    else (rows[Number(match[1])] ??= {})[match[2]] = field;
  }
  return { ...rest, jobs: Array.from(rows, (row) => row ?? {}) };
}

export const factoryJobsInput = z.preprocess(
  nestJobRows,
  z.object({
    factoryId: text("factoryId", 40),
    jobs: z
      .array(jobRow, { error: "jobs.invalid" })
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, i) => {
          if (row.romeCode === "") return;
          if (seen.has(row.romeCode)) ctx.addIssue({ code: "custom", path: [i, "romeCode"], message: "romeCode.duplicate" });
          seen.add(row.romeCode);
        });
        if (rows.filter((row) => row.romeCode !== "").length > MAX_JOBS) ctx.addIssue({ code: "custom", message: "jobs.too_many" });
      })
      // Filled rows only, in the form's order.
      .transform((rows) => rows.filter((row) => row.romeCode !== "")),
    takesApprentices: checkbox("takesApprentices"),
    jobOffersUrl: httpsUrl("jobOffersUrl"),
    testimonialText: optionalText("testimonialText", TESTIMONIAL_MAX),
    testimonialVideoUrl: httpsUrl("testimonialVideoUrl"),
  }),
);

export type FactoryJobsInput = Record<string, unknown>;
export type ParsedFactoryJobs = z.output<typeof factoryJobsInput>;
