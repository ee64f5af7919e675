// Fake but well-formed identifiers: they pass the same validators as real user input.
import { randomBytes } from "node:crypto";
import type { Rng } from "./random";

/** A 14-digit SIRET whose last digit is the Luhn check digit (see lib/reference/siret.ts). */
export function fakeSiret(rng: Rng): string {
  // SIRENs never start with 0; the NIC (establishment number) of a site is usually small.
  const body = String(rng.int(3, 9)) + rng.string("0123456789", 8) + String(rng.int(1, 99)).padStart(4, "0");
  return body + luhnCheckDigit(body);
}

function luhnCheckDigit(body: string): number {
  // Counted from the right of the full number, the check digit sits at an even (undoubled)
  // position, so the body's last digit is the first one doubled.
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

const UAI_CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

/** A school UAI located in the given department (7 digits + check letter, see lib/reference/uai.ts). */
export function fakeUai(rng: Rng, departmentCode: string): string {
  // Corsica's departments are numbered 620 (2A) and 720 (2B); overseas ones are already 3 digits.
  const prefix = departmentCode === "2A" ? "620" : departmentCode === "2B" ? "720" : departmentCode.padStart(3, "0");
  const digits = prefix + rng.string("0123456789", 4);
  return digits + UAI_CHECK_LETTERS[Number(digits) % 23];
}

// Same alphabet as door tickets: no 0/O, 1/I to mistype.
const TICKET_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Returns a generator of 8-character ticket codes, never repeating one (they are unique per edition). */
export function ticketCodes(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    let code: string;
    do code = rng.string(TICKET_CODE_ALPHABET, 8);
    while (used.has(code));
    used.add(code);
    return code;
  };
}

/**
 * A value shaped like the stored SHA-256 of a booking token. The clear token of a seeded booking is
 * never sent to anyone, so 256 random bits serve as well as its hash. Random rather than seeded: a
 * known seed must not make demo bookings' manage links guessable.
 */
export function randomTokenHash(): string {
  // Drawn 32 KiB at a time: one system call per token made this the slowest step of large seeds.
  if (entropyOffset + 32 > entropy.length) {
    entropy = randomBytes(32 * 1024);
    entropyOffset = 0;
  }
  entropyOffset += 32;
  return entropy.toString("hex", entropyOffset - 32, entropyOffset);
}
let entropy = Buffer.alloc(0);
let entropyOffset = 0;
