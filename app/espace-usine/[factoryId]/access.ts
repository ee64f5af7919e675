import "server-only";
import { redirect } from "next/navigation";
import { pageUser } from "@/lib/auth/pages";
import { requireFactoryAccess, type CurrentUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

// For the pages of one factory: anonymous visitors go to the sign-in page (and come back), users who
// are neither a contact of this factory nor an organiser to "access denied". Actions and route
// handlers check for themselves (requireFactoryAccess first), and every query is scoped again.
export async function factoryPageUser(factoryId: string, path: string): Promise<CurrentUser> {
  await pageUser(path);
  let user: CurrentUser | null = null;
  try {
    user = await requireFactoryAccess(factoryId);
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  if (!user) redirect("/acces-refuse");
  return user;
}
