import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isWriteConflict, retried, sqlState } from "@/lib/db-retry";

// The shapes PostgreSQL errors reach us in: from `pg` directly, wrapped by Prisma's adapter in a
// known-request error, or as the driver adapter's own error.
const fromPg = (code: string) => Object.assign(new Error("pg"), { code });
const fromPrisma = (originalCode: string) => Object.assign(new Error("prisma"), { code: "P2010", meta: { driverAdapterError: { cause: { originalCode } } } });
const fromAdapter = (originalCode: string) => Object.assign(new Error("adapter"), { cause: { originalCode } });

describe("sqlState", () => {
  it("reads the SQLSTATE whichever way the error came", () => {
    expect(sqlState(fromPg("40P01"))).toBe("40P01");
    expect(sqlState(fromPrisma("55P03"))).toBe("55P03");
    expect(sqlState(fromAdapter("40001"))).toBe("40001");
  });

  it("does not take a Prisma code or a Node error code for a SQLSTATE", () => {
    expect(sqlState(Object.assign(new Error(), { code: "P2002" }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error(), { code: "ECONNREFUSED" }))).toBeUndefined();
    expect(sqlState(null)).toBeUndefined();
  });
});

describe("retried", () => {
  it("starts again on write conflicts and deadlocks, four attempts at most", async () => {
    let attempts = 0;
    const result = await retried(async () => {
      if (++attempts < 3) throw attempts === 1 ? fromPg("40001") : fromAdapter("40P01");
      return "done";
    });
    expect({ result, attempts }).toEqual({ result: "done", attempts: 3 });

    attempts = 0;
    const error = await retried(async () => {
      attempts++;
      throw fromPrisma("40001");
    }).catch((e: unknown) => e);
    expect(isWriteConflict(error)).toBe(true);
    expect(attempts).toBe(4);
  });

  it("does not retry other errors unless asked to", async () => {
    let attempts = 0;
    const unique = fromPg("23505");
    await expect(
      retried(async () => {
        attempts++;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(attempts).toBe(1);
    attempts = 0;
    await retried(
      async () => {
        if (++attempts === 1) throw unique;
      },
      (e) => e === unique,
    );
    expect(attempts).toBe(2);
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognises a restarting or unreachable database, not a bug", () => {
    expect(isDatabaseUnavailable(fromAdapter("57P01"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("adapter"), { cause: { kind: "ConnectionClosed" } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("Transaction already closed"), { code: "P2028" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("adapter"), { cause: { kind: "UniqueConstraintViolation" } }))).toBe(false);
    expect(isDatabaseUnavailable(fromPg("23505"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
  });
});
