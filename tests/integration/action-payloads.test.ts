// Server actions are public HTTP endpoints: a client can post any JSON as their arguments, not only
// the FormData the forms send (the fuzz run found 500s that way). Every exported action, called with
// a string, a number, null, an object, an array or a boolean where the form data goes, signed out and
// as an organiser (who passes every authorisation check, so parsing is reached): it answers with
// its usual typed state (a validation or sign-in code), never throws, logs no error, writes nothing.
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async () => (await import("../fixtures/request-scope")).nextAuth);
vi.mock("next/cache", async () => (await import("../fixtures/request-scope")).nextCache);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);
vi.mock("next-intl/server", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextIntlServer }));

import { databaseFingerprint, endpointFiles, newUser } from "../fixtures/authz";
import { newRequestScope, signInAs } from "../fixtures/request-scope";

const PAYLOADS: [string, unknown][] = [
  ["a JSON string", "manageToken=abc&seats=3"],
  ["a number", 42],
  ["null", null],
  ["an object", { email: "x@example.fr", factoryId: "f1", manageToken: "t".repeat(40), intent: "checkin" }],
  ["an array", [["email", "x@example.fr"]]],
  ["a boolean", true],
];

const actions = await Promise.all(
  endpointFiles().actions.map(async (file) => {
    const mod = (await import(/* @vite-ignore */ `${process.cwd()}/${file}`)) as Record<string, unknown>;
    return Object.entries(mod)
      .filter((entry): entry is [string, (...args: unknown[]) => Promise<unknown>] => typeof entry[1] === "function")
      .map(([name, fn]) => ({ name: `${file}#${name}`, fn }));
  }),
).then((lists) => lists.flat());

afterEach(() => vi.restoreAllMocks());

describe("server actions called with something else than FormData", () => {
  it("finds the actions", () => {
    expect(actions.length).toBeGreaterThan(20);
  });

  it.each(actions.map((a) => [a.name, a] as const))("%s", async (_, action) => {
    const organiser = await newUser("ORGANISER");
    const errors = vi.spyOn(console, "error");
    for (const who of [null, organiser]) {
      for (const [label, payload] of PAYLOADS) {
        newRequestScope();
        signInAs(who);
        const before = await databaseFingerprint();
        // (state, formData) for form actions; a single argument otherwise (lookupPostalCode).
        const args = action.fn.length >= 2 ? [payload, payload] : [payload];
        const context = `${who ? "organiser" : "anonymous"}, ${label}`;
        const result = (await action.fn(...args).catch((error: unknown) => ({ threw: String(error) }))) as Record<string, unknown> | undefined;
        expect(result?.threw, context).toBeUndefined();
        // A typed refusal: an error code (not the "generic" of an unexpected error) or per-field codes.
        const code = result?.formError ?? result?.error ?? result?.code;
        const typed = (typeof code === "string" && code !== "generic") || Object.keys(result?.fieldErrors ?? {}).length > 0;
        if (result !== undefined) expect(typed, `${context}: ${JSON.stringify(result)}`).toBe(true);
        expect(await databaseFingerprint(), `${context} wrote to the database`).toEqual(before);
      }
    }
    expect(errors).not.toHaveBeenCalled();
  });
});
