// Starts one PostgreSQL for the whole test run (embedded unless DATABASE_URL is set) and migrates a
// template database once; each Vitest worker then clones it (see worker-setup.ts).
import type { TestProject } from "vitest/node";
import { prepareTestDatabases } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const { adminUrl, templateDatabase, teardown } = await prepareTestDatabases();
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);
  return teardown;
}
