// Two test files (so two workers when run in parallel) write the same natural key: with a database
// per worker neither sees the other's row, so neither hits the unique constraint.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEdition } from "../fixtures/factories";

describe("worker isolation", () => {
  it("lets parallel workers use the same unique slug", async () => {
    const slug = "shared-natural-key";
    await db.edition.deleteMany({ where: { slug } });
    const edition = await createEdition({ slug });
    expect(await db.edition.count({ where: { slug } })).toBe(1);
    expect(edition.slug).toBe(slug);
  });
});
