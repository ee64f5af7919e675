// The job families the catalogue filters by: this project's own grouping of the ROME records of
// rome-industrie.tsv (ROME has no such level). Client-safe: the filter's zod schema and the forms
// need the keys, not the file. Display labels are in the "jobs" messages (families.<key>).
export const JOB_FAMILIES = [
  "agroalimentaire",
  "bois",
  "chimie",
  "conduite",
  "electrique",
  "encadrement",
  "etudes",
  "fonderie",
  "maintenance",
  "materiaux",
  "mecanique",
  "methodes",
  "papier",
  "plasturgie",
  "qualite",
  "recyclage",
  "soudage",
  "surface",
  "textile",
  "usinage",
] as const;

export type JobFamily = (typeof JOB_FAMILIES)[number];

export const isJobFamily = (value: string): value is JobFamily => (JOB_FAMILIES as readonly string[]).includes(value);

/** A ROME 4.0 job record code: a letter and four digits ("I1310"). */
export const ROME_CODE = /^[A-N]\d{4}$/;
