// Server-side entry point. Client components should import from
// "@/lib/geo/regions" so the communes data stays out of the browser bundle.
export * from "./regions";
export * from "./communes";
