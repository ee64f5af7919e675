// The secret signing sessions and sealing booking links. The start script always sets AUTH_SECRET;
// this fallback only serves tests and `next dev` run by hand.
export const authSecret = () => process.env.AUTH_SECRET ?? "development-only-secret-change-me";
