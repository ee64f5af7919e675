// Text fields shared by the zod input schemas (lib/booking/schemas.ts, lib/factory/schemas.ts):
// trimmed, bounded, with code messages ("<field>.required", "<field>.too_long"), never prose.
import { z } from "zod";

export const text = (field: string, max: number) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, { error: `${field}.required` })
    .max(max, { error: `${field}.too_long` });

// Forms send "" for an empty optional field: treat it as absent.
export const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field}.invalid` })
    .trim()
    .max(max, { error: `${field}.too_long` })
    .optional()
    .transform((value) => value || undefined);
