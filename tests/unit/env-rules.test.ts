import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authSecretFrom, productionConfigProblems } from "@/lib/env-rules";

const good = {
  NODE_ENV: "production",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  SMTP_URL: "smtp://mail.example.org:587",
};

describe("production configuration", () => {
  it("accepts a complete configuration", () => {
    expect(productionConfigProblems(good)).toEqual([]);
    expect(productionConfigProblems({ ...good, SMTP_URL: undefined, DEV_MAILBOX: "1" })).toEqual([]);
  });

  it.each([
    ["AUTH_SECRET", { AUTH_SECRET: undefined }],
    ["AUTH_SECRET", { AUTH_SECRET: "x".repeat(31) }],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined }],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not a key" }],
    ["SMTP_URL", { SMTP_URL: undefined }],
    ["SMTP_URL", { SMTP_URL: undefined, DEV_MAILBOX: "true" }],
    ["TRUSTED_PROXY_HOPS", { TRUSTED_PROXY_HOPS: "one" }],
  ])("names %s when it is missing or weak", (variable, change) => {
    const problems = productionConfigProblems({ ...good, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}\\b`));
  });

  it("refuses the settable test clock except on a local demo without SMTP", () => {
    expect(productionConfigProblems({ ...good, TEST_CLOCK: "1" })).toEqual([expect.stringMatching(/^TEST_CLOCK=1\b/)]);
    expect(productionConfigProblems({ ...good, SMTP_URL: undefined, DEV_MAILBOX: "1", TEST_CLOCK: "1" })).toEqual([]);
  });

  it("requires the HTTP wrapper when asked", () => {
    expect(productionConfigProblems(good, { requireWrapper: true })[0]).toMatch(/npm run serve/);
    expect(productionConfigProblems({ ...good, UO_HTTP_WRAPPER: "1" }, { requireWrapper: true })).toEqual([]);
  });

  it("has no secret of its own outside production either", () => {
    expect(() => authSecretFrom({ NODE_ENV: "development" })).toThrow(/AUTH_SECRET is missing/);
    expect(productionConfigProblems({ NODE_ENV: "test" })).toEqual([]);
  });
});
