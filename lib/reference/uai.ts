// UAI (Unité administrative immatriculée, ex-RNE): the national identifier of
// schools. 7 digits then a check letter. The first 3 digits locate the
// département: "075" Paris, "974" La Réunion… Corsica is numeric too ("620"
// for 2A, "720" for 2B), so the check letter is always computed on digits.
export type UaiValidation = { ok: true; uai: string } | { ok: false; reason: "FORMAT" | "CHECKSUM" };

// The alphabet without I, O and Q: 23 letters, hence the modulus 23.
const CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

export function normaliseUai(input: string): string {
  return input.trim().toUpperCase();
}

export function validateUai(input: string): UaiValidation {
  const uai = normaliseUai(input);
  if (!/^\d{7}[A-Z]$/.test(uai)) return { ok: false, reason: "FORMAT" };
  const expected = CHECK_LETTERS[Number(uai.slice(0, 7)) % 23];
  return uai[7] === expected ? { ok: true, uai } : { ok: false, reason: "CHECKSUM" };
}

/** The department of a school from its UAI ("0750654D" → "75", "6200002A" → "2A" Corse-du-Sud, "9710003B" → "971"). */
export function departmentOfUai(uai: string): string {
  const code = uai.slice(0, 3);
  if (code === "620") return "2A";
  if (code === "720") return "2B";
  return code.startsWith("0") ? code.slice(1) : code;
}
