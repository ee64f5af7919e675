import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { isSessionCookie } from "./session-cookie";

// The session only carries the user id: role and factory memberships are read fresh from the
// database on every check, so revoking a role takes effect at once.
// Without next-auth's session cookie there is no session: anonymous requests (most bookings) skip
// next-auth, which builds its whole request context (options, CSRF token) before finding no cookie.
export const currentUser = cache(async () => {
  if (!(await cookies()).getAll().some((cookie) => isSessionCookie(cookie.name))) return null;
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, locale: true } });
});

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof currentUser>>>;

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AppError("auth.required", 401);
  return user;
}
