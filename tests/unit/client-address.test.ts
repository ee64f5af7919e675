import { describe, expect, it } from "vitest";
import { clientAddressOf } from "@/lib/client-address";

describe("clientAddressOf", () => {
  it("uses the connection's address and ignores a client-sent X-Forwarded-For with no trusted proxy", () => {
    expect(clientAddressOf("198.51.100.7", "203.0.113.1", 0)).toBe("198.51.100.7");
    expect(clientAddressOf("::ffff:198.51.100.7", undefined, 0)).toBe("198.51.100.7");
  });

  it("takes the N-th address from the right behind N appending proxies", () => {
    // The client wrote "203.0.113.1"; our proxy appended the address it saw.
    expect(clientAddressOf("10.0.0.2", "203.0.113.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddressOf("10.0.0.3", "203.0.113.1, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddressOf("10.0.0.2", ["203.0.113.1", "198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("falls back to the connection when the chain is shorter than the trusted hops", () => {
    expect(clientAddressOf("198.51.100.9", undefined, 1)).toBe("198.51.100.9");
    expect(clientAddressOf("198.51.100.9", "203.0.113.1", 2)).toBe("198.51.100.9");
  });
});
