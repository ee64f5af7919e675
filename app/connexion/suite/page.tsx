import { redirect } from "next/navigation";
import { landingPathFor } from "@/lib/auth/landing";
import { pageUser } from "@/lib/auth/pages";

// Where a sign-in without a return address leads: each role to its own space.
export default async function SignInLandingPage() {
  const user = await pageUser("/connexion/suite");
  redirect(await landingPathFor(user));
}
