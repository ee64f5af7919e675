// Gives this Vitest worker its own database, cloned from the migrated template, before any test
// module imports lib/db: parallel workers never see each other's rows.
import { inject } from "vitest";
import { withDatabase } from "../../scripts/lib/embedded-db";
import { recreateDatabase } from "./databases";

const database = `uo_test_w${process.env.VITEST_POOL_ID ?? "0"}`;
const adminUrl = inject("adminUrl");
if (process.env.UO_TEST_DATABASE !== database) {
  await recreateDatabase(adminUrl, database, inject("templateDatabase"));
  process.env.UO_TEST_DATABASE = database;
}
process.env.DATABASE_URL = withDatabase(adminUrl, database);
