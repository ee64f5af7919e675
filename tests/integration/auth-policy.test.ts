// lib/auth/policy.ts itself: each identity (anonymous, a visitor, a contact of another factory, a
// contact of the factory concerned, an organiser) against each predicate, its where-clause and its
// require… checks, with roles and memberships read from a real database. The whole app's
// who-may-call-what is authz-matrix.test.ts; this pins the rules it is built on.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@prisma/client";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createEdition, createFactory, createFactoryContact, uid } from "../fixtures/factories";
import { newRequestScope, signInAs } from "../fixtures/request-scope";

vi.mock("next-auth", async (original) => ({ ...(await original<object>()), ...(await import("../fixtures/request-scope")).nextAuth }));
vi.mock("next/headers", async () => (await import("../fixtures/request-scope")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../fixtures/request-scope")).nextNavigation);

const policy = await import("@/lib/auth/policy");
const pages = await import("@/lib/auth/pages");

type IdentityName = "anonymous" | "visitor" | "otherContact" | "contact" | "organiser";
type User = { id: string; role: Role } | null;

let factoryId: string;
let otherFactoryId: string;
let users: Record<IdentityName, User>;

beforeAll(async () => {
  const edition = await createEdition();
  factoryId = (await createFactory(edition.id)).id;
  otherFactoryId = (await createFactory(edition.id)).id;
  users = {
    anonymous: null,
    visitor: await db.user.create({ data: { email: `visitor-${uid()}@example.fr` }, select: { id: true, role: true } }),
    otherContact: await createFactoryContact(otherFactoryId),
    contact: await createFactoryContact(factoryId),
    organiser: await db.user.create({ data: { email: `organiser-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } }),
  };
});

beforeEach(() => newRequestScope());

/** The outcome of a check: "ok", the AppError's code, or where a page was sent. */
async function outcome(check: () => unknown): Promise<string> {
  try {
    await check();
    return "ok";
  } catch (error) {
    if (isAppError(error)) return error.code;
    if (error instanceof Error && "url" in error) return `redirect ${String(error.url).split("?")[0]}`;
    throw error;
  }
}

// What a signed-in user without the organiser role gets from the organiser checks.
const SIGNED_IN_NOT_ORGANISER = {
  assertOrganiser: "auth.forbidden",
  organiserById: "auth.forbidden",
  requireOrganiser: "auth.forbidden",
  pageOrganiser: "redirect /acces-refuse",
} as const;

// Expected answers, one row per identity (the columns are the predicates below).
const EXPECTED: Record<IdentityName, Record<string, unknown>> = {
  anonymous: {
    isOrganiser: false,
    mayActForFactory: false,
    assertOrganiser: "auth.required",
    requireOrganiser: "auth.required",
    requireFactoryAccess: "auth.required",
    pageOrganiser: "redirect /connexion",
    pageFactoryUser: "redirect /connexion",
  },
  visitor: {
    isOrganiser: false,
    mayActForFactory: false,
    isFactoryContact: false,
    mayAct: [],
    ...SIGNED_IN_NOT_ORGANISER,
    requireFactoryAccess: "auth.forbidden",
    pageFactoryUser: "redirect /acces-refuse",
  },
  otherContact: {
    isOrganiser: false,
    mayActForFactory: false,
    isFactoryContact: false,
    mayAct: ["other"],
    ...SIGNED_IN_NOT_ORGANISER,
    requireFactoryAccess: "auth.forbidden",
    pageFactoryUser: "redirect /acces-refuse",
  },
  contact: {
    isOrganiser: false,
    mayActForFactory: true,
    isFactoryContact: true,
    mayAct: ["this"],
    ...SIGNED_IN_NOT_ORGANISER,
    requireFactoryAccess: "ok",
    pageFactoryUser: "ok",
  },
  organiser: {
    isOrganiser: true,
    mayActForFactory: true,
    isFactoryContact: false,
    mayAct: ["other", "this"],
    assertOrganiser: "ok",
    organiserById: "ok",
    requireOrganiser: "ok",
    requireFactoryAccess: "ok",
    pageOrganiser: "ok",
    pageFactoryUser: "ok",
  },
};

describe.each(Object.keys(EXPECTED) as IdentityName[])("as %s", (name) => {
  const expected = EXPECTED[name];
  const user = () => users[name];
  const signIn = () => signInAs(user());

  it("isOrganiser", () => {
    expect(policy.isOrganiser(user())).toBe(expected.isOrganiser);
  });

  it("mayActForFactory", async () => {
    expect(await policy.mayActForFactory(user(), factoryId)).toBe(expected.mayActForFactory);
  });

  it.runIf(name !== "anonymous")("isFactoryContact", async () => {
    expect(await policy.isFactoryContact(user()!.id, factoryId)).toBe(expected.isFactoryContact);
  });

  it.runIf(name !== "anonymous")("factoriesUserMayActFor, as a list query, agrees with mayActForFactory", async () => {
    const found = await db.factory.findMany({
      where: { id: { in: [factoryId, otherFactoryId] }, ...policy.factoriesUserMayActFor(user()!) },
      select: { id: true },
    });
    const labels = found.map((f) => (f.id === factoryId ? "this" : "other")).sort();
    expect(labels).toEqual(expected.mayAct);
    expect(labels.includes("this")).toBe(expected.mayActForFactory);
  });

  it("assertOrganiser", async () => {
    expect(await outcome(() => policy.assertOrganiser(user()))).toBe(expected.assertOrganiser);
  });

  it.runIf(name !== "anonymous")("organiserById", async () => {
    expect(await outcome(() => policy.organiserById(user()!.id))).toBe(expected.organiserById);
  });

  it("requireOrganiser", async () => {
    signIn();
    expect(await outcome(() => policy.requireOrganiser())).toBe(expected.requireOrganiser);
  });

  it("requireFactoryAccess", async () => {
    signIn();
    expect(await outcome(() => policy.requireFactoryAccess(factoryId))).toBe(expected.requireFactoryAccess);
  });

  it("pageOrganiser", async () => {
    signIn();
    expect(await outcome(() => pages.pageOrganiser("/organisation"))).toBe(expected.pageOrganiser);
  });

  it("pageFactoryUser", async () => {
    signIn();
    expect(await outcome(() => pages.pageFactoryUser(factoryId, `/espace-usine/${factoryId}`))).toBe(expected.pageFactoryUser);
  });
});

it("reads the role afresh: revoking it takes effect at the next check", async () => {
  const user = await db.user.create({ data: { email: `organiser-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true } });
  signInAs(user);
  expect(await outcome(() => policy.requireOrganiser())).toBe("ok");
  await db.user.update({ where: { id: user.id }, data: { role: "USER" } });
  // currentUser is cached per request (React cache): outside a request each call reads again.
  expect(await outcome(() => policy.requireOrganiser())).toBe("auth.forbidden");
});
