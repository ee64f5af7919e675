export type SiretValidation = { ok: true; siret: string } | { ok: false; reason: "FORMAT" | "CHECKSUM" };

// La Poste put all its establishments under a single SIREN, more than the
// usual NIC (4 digits + Luhn key) can number: their rule is instead that the
// 14 digits add up to a multiple of 5. Only the head office,
// 356 000 000 00048, passes Luhn.
const LA_POSTE_SIREN = "356000000";

/** Removes every whitespace (incl. the no-break spaces of copy-pasted "732 829 320 00074"). */
export function normaliseSiret(input: string): string {
  return input.replace(/\s+/g, "");
}

/** The first 9 digits: the company (SIREN) the establishment belongs to. */
export function sirenOf(siret: string): string {
  return normaliseSiret(siret).slice(0, 9);
}

function digitsOf(value: string): number[] {
  return [...value].map(Number);
}

function passesLuhn(value: string): boolean {
  const sum = digitsOf(value)
    .reverse()
    .reduce((acc, digit, i) => {
      if (i % 2 === 0) return acc + digit;
      const doubled = digit * 2;
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
  return sum % 10 === 0;
}

export function validateSiret(input: string): SiretValidation {
  const siret = normaliseSiret(input);
  if (!/^\d{14}$/.test(siret)) return { ok: false, reason: "FORMAT" };
  const valid =
    passesLuhn(siret) ||
    (siret.startsWith(LA_POSTE_SIREN) && digitsOf(siret).reduce((a, b) => a + b, 0) % 5 === 0);
  return valid ? { ok: true, siret } : { ok: false, reason: "CHECKSUM" };
}
