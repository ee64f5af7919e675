import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";

// The session only carries the user id: role and factory memberships are read fresh from the
// database on every check, so revoking a role takes effect at once.
export const currentUser = cache(async () => {
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
