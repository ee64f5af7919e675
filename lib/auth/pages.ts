import "server-only";
import { redirect } from "next/navigation";
import { isOrganiser, mayActForFactory } from "./policy";
import { currentUser, type CurrentUser } from "./session";

// For pages: send anonymous visitors to the sign-in page (coming back here afterwards) and signed-in
// users the policy refuses to the "access denied" page. Actions and route handlers still check for
// themselves (lib/auth/policy's require… first), and every query is scoped again.
export async function pageUser(callbackPath: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

export async function pageOrganiser(callbackPath: string): Promise<CurrentUser> {
  const user = await pageUser(callbackPath);
  if (!isOrganiser(user)) redirect("/acces-refuse");
  return user;
}

/** For the pages of one factory: its contacts and organisers. */
export async function pageFactoryUser(factoryId: string, callbackPath: string): Promise<CurrentUser> {
  const user = await pageUser(callbackPath);
  if (!(await mayActForFactory(user, factoryId))) redirect("/acces-refuse");
  return user;
}
