// The curated ROME job records a factory can showcase: code, official French label, our family.
// Source: France Travail, Répertoire Opérationnel des Métiers et des Emplois (ROME 4.0), open data
// under the Licence Ouverte 2.0, as published in 2024 — kept as received in rome-industrie.tsv
// (its header lines name the source; the labels are not edited). Read once per process from the
// file (server side: the forms get the list from their page).
import { readFileSync } from "node:fs";
import path from "node:path";
import { isJobFamily, type JobFamily } from "./rome-families";

export { JOB_FAMILIES, isJobFamily, ROME_CODE, type JobFamily } from "./rome-families";

export type RomeJob = { code: string; label: string; family: JobFamily };

export const ROME_SOURCE = { name: "France Travail — ROME 4.0 (open data)", licence: "Licence Ouverte 2.0", year: 2024 } as const;

/** Parses the TSV: `#` lines are the source's notes, then a header row, then one record a line. */
export function parseRomeTsv(text: string): RomeJob[] {
  const rows = text.split(/\r?\n/).filter((line) => line.trim() !== "" && !line.startsWith("#"));
  const [header, ...records] = rows;
  if (header !== "code\tlabel\tfamily") throw new Error(`rome-industrie.tsv: unexpected header "${header}"`);
  return records.map((line, i) => {
    const [code, label, family] = line.split("\t");
    if (!code || !label || !family || !isJobFamily(family)) throw new Error(`rome-industrie.tsv: bad record ${i + 1}: "${line}"`);
    return { code, label, family };
  });
}

let jobs: { list: RomeJob[]; byCode: Map<string, RomeJob> } | undefined;

function load() {
  if (!jobs) {
    const list = parseRomeTsv(readFileSync(path.join(process.cwd(), "lib/reference/rome-industrie.tsv"), "utf8"));
    jobs = { list, byCode: new Map(list.map((job) => [job.code, job])) };
  }
  return jobs;
}

/** Every curated record, in the file's order. */
export const romeJobs = (): readonly RomeJob[] => load().list;

export const romeJob = (code: string): RomeJob | undefined => load().byCode.get(code);

/** The codes of one family (the catalogue filter's parameter). */
export const romeCodesOf = (family: JobFamily): string[] => load().list.filter((job) => job.family === family).map((job) => job.code);

export type ShowcasedJob = { romeCode: string; label: string; family: JobFamily; sentence: string };

/** A factory's job rows with their official label and family, in its order (a code no longer listed is left out). */
export function withRomeLabels(rows: readonly { romeCode: string; sentence: string }[]): ShowcasedJob[] {
  return rows.flatMap((row) => {
    const job = romeJob(row.romeCode);
    return job ? [{ romeCode: row.romeCode, label: job.label, family: job.family, sentence: row.sentence }] : [];
  });
}
