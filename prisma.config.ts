// Prisma CLI configuration: migrations run through the WASM schema engine and @prisma/adapter-pg,
// because Prisma's native engines cannot be downloaded on our machines (see docs/decisions/0006-prisma-offline-shims.md).
import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

const require = createRequire(import.meta.url);

// Shim 1 — prisma/orm#27403: the schema engine's introspection returns catalog columns of type
// `name` (oid 19) and `"char"` (oid 18), which @prisma/adapter-pg cannot map. Report them as `text`
// (oid 25). CLI only: the app's runtime client never loads this file. Remove when the issue is fixed.
const PgResult = require("pg/lib/result.js");
const addFields = PgResult.prototype.addFields;
PgResult.prototype.addFields = function (fields: { dataTypeID: number }[]) {
  for (const field of fields) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  return addFields.call(this, fields);
};

// Shim 3 — PostgreSQL 18 stores NOT NULL constraints in pg_constraint (contype 'n'); the schema
// engine of Prisma 6.19 does not know that type and panics ("RuntimeError: unreachable") while
// introspecting a non-empty database. Leave them out of its constraint query: NOT NULL is read
// from the columns anyway. Remove when Prisma's WASM schema engine supports PostgreSQL 18.
const pg = require("pg");
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config: unknown, ...rest: unknown[]) {
  if (typeof config === "object" && config && "text" in config && typeof config.text === "string") {
    config.text = config.text.replace("AND contype NOT IN ('p', 'u', 'f')", "AND contype NOT IN ('p', 'u', 'f', 'n', 'c')");
  }
  return query.call(this, config, ...rest);
};

function connectionConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

// Shim 2 — the adapter's default shadow database (a) connects to the main database when the config
// holds a connectionString and (b) drops the shadow database before closing its own pool. Use
// discrete connection fields, and close the shadow adapter before `DROP DATABASE … WITH (FORCE)`.
class PrismaPgWithShadow extends PrismaPg {
  constructor(private readonly pgConfig: ReturnType<typeof connectionConfig>) {
    super(pgConfig);
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.pgConfig, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through `npm run db -- <command>`.");
    return new PrismaPgWithShadow(connectionConfig(url));
  },
});
