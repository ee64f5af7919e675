// next-auth's session cookie: "next-auth.session-token", "__Secure-" prefixed over HTTPS, split into
// ".0", ".1"… when large. Without it a request is anonymous, which the HTTP wrapper's public-page
// cache and currentUser() decide without asking next-auth. (No "server-only": the wrapper imports it.)
const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

export const isSessionCookie = (name: string) => SESSION_COOKIE.test(name);

/** Whether a Cookie request header carries a session cookie. */
export const hasSessionCookie = (cookieHeader: string | undefined) =>
  (cookieHeader ?? "").split(";").some((pair) => isSessionCookie(pair.split("=")[0].trim()));
