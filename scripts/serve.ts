// The production server: `npm run serve` (PORT, default 3000). Next's own request handler behind a
// thin HTTP wrapper, for two reasons. The public pages' cache (lib/http/public-page-cache.ts) needs the
// whole response before it is sent. And Next does not tell handlers the connection's address, and a
// client can write any X-Forwarded-For. The wrapper computes the client address from the socket and
// TRUSTED_PROXY_HOPS (lib/client-address.ts) and sets it on every request, overwriting whatever the
// client sent under that header name; the rate limits read only that. Plain `next start` refuses to
// start in production (next.config.ts), so the header cannot be forged by skipping the wrapper.
import http from "node:http";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "../lib/client-address";
import { withSharedResponses } from "../lib/http/public-page-cache";
import { assertProductionConfig, ConfigurationError, WRAPPER_MARK } from "../lib/env-rules";

Object.assign(process.env, { NODE_ENV: "production", [WRAPPER_MARK]: "1" });
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined; // all interfaces, like `next start`

try {
  assertProductionConfig(process.env, { requireWrapper: true });
} catch (error) {
  console.error(error instanceof ConfigurationError ? `✖ ${error.message}` : error);
  process.exit(1);
}
const trustedHops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);

// Imported only now: Next reads NODE_ENV when it loads.
const { default: next } = await import("next");
const app = next({ dev: false, port, hostname });
try {
  await app.prepare();
} catch (error) {
  console.error(error instanceof ConfigurationError ? `✖ ${error.message}` : error);
  process.exit(1);
}

const serve = withSharedResponses(app.getRequestHandler());
const server = http.createServer((request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedHops);
  serve(request, response);
});
// Behind a load balancer keep idle connections open longer than it does (AWS ALB: 60 s).
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Ready on port ${port} (client address: ${trustedHops === 0 ? "the connection's" : `${trustedHops} trusted proxy hop(s) from the right of X-Forwarded-For`})`);
});

const stop = () => {
  server.close();
  void app.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
