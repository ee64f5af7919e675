import { createHash } from "node:crypto";

/** A strong validator of these exact bytes. */
export const etagOf = (body: string | Buffer) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

/** Whether the client's If-None-Match already names this validator (weak comparison, as for GET). */
export function clientHas(ifNoneMatch: string | string[] | null | undefined, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return String(ifNoneMatch ?? "")
    .split(",")
    .some((t) => t.trim() === "*" || opaque(t) === opaque(etag));
}
