// Next 16's proxy (formerly middleware): security headers on every page. A fresh CSP nonce per
// request goes on the *request's* Content-Security-Policy header, from which Next.js takes it for
// its own scripts while rendering, and on the response. Pages are rendered per request anyway (the
// layout reads the locale cookie), which nonces require. A public page kept by the HTTP wrapper's
// cache has its nonce replaced by hashes before it is shared (lib/http/public-page-cache.ts).
import { NextResponse, type NextRequest } from "next/server";
import { isHttpsRequest, newNonce, securityHeaders } from "@/lib/security";

export function proxy(request: NextRequest) {
  // Next 16.4 answers 500 to a malformed percent-escape in a dynamic segment: refuse it as a bad request.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse(null, { status: 400 });
  }
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    isDev: process.env.NODE_ENV === "development",
    isProduction: process.env.NODE_ENV === "production",
    isHttps: isHttpsRequest(request.nextUrl, request.headers),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything but build assets (immutable files, served with their own cache headers).
    { source: "/((?!_next/static|_next/image|favicon.ico).*)" },
  ],
};
