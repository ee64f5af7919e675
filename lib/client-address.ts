// The address of the client a request comes from, for every per-IP limit. It must be one the client
// cannot choose: a client can send any X-Forwarded-For, and proxies such as AWS ALB or nginx's
// $proxy_add_x_forwarded_for *append* to it, so its first hop is whatever the client wrote.
//
// Next does not give handlers the connection's address, so our HTTP wrapper (scripts/serve.ts, the
// production command) computes it from the socket and TRUSTED_PROXY_HOPS and sets CLIENT_ADDRESS_HEADER
// on every request, overwriting whatever the client sent under that name. Pure: imported by the
// wrapper, the app and unit tests.

export const CLIENT_ADDRESS_HEADER = "x-uo-client-address";

/**
 * With `trustedHops` = 0 the connection's address (a client-sent X-Forwarded-For is ignored); with N > 0
 * the N-th address from the right of X-Forwarded-For, i.e. the one the outermost of our N proxies saw.
 * A chain shorter than N (a request that bypassed the proxies) falls back to the connection's address.
 */
export function clientAddressOf(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const connection = normalise(remoteAddress ?? "") || "unknown";
  if (trustedHops <= 0) return connection;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => normalise(hop.trim()))
    .filter(Boolean);
  return hops.length >= trustedHops ? hops[hops.length - trustedHops] : connection;
}

// "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) and "203.0.113.7" are one client.
const normalise = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").toLowerCase();

/**
 * The client address of a request, as set by the wrapper. Without it (`next dev` run by hand, or a
 * server action called from a test) every request shares one key, so limits stay closed, not open.
 */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
