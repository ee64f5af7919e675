import { describe, expect, it } from "vitest";
import { hashToken, newTicketCode, newToken, TICKET_CODE_ALPHABET } from "@/lib/tokens";

describe("tokens", () => {
  it("draws 256-bit URL-safe tokens", () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("stores SHA-256 in hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken(newToken())).toMatch(/^[0-9a-f]{64}$/);
  });

  it("makes 8-symbol ticket codes without look-alike characters, using the whole alphabet", () => {
    expect(TICKET_CODE_ALPHABET).toHaveLength(32);
    expect(TICKET_CODE_ALPHABET).not.toMatch(/[01IO]/);
    const codes = Array.from({ length: 2000 }, newTicketCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Set(codes.join(""))).toEqual(new Set(TICKET_CODE_ALPHABET));
  });
});
