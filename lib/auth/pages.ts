import "server-only";
import { redirect } from "next/navigation";
import { currentUser, type CurrentUser } from "./session";

// For pages: send anonymous visitors to the sign-in page (coming back here afterwards) and signed-in
// users without the right role to the "access denied" page. Actions still check for themselves.
export async function pageUser(callbackPath: string, role?: "ORGANISER"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (role && user.role !== role) redirect("/acces-refuse");
  return user;
}
