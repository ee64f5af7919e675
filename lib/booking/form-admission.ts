import "server-only";
import { headers } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import { verifyChallenge } from "@/lib/challenge";
import { clientAddress } from "@/lib/client-address";
import { consumeRateLimits } from "@/lib/rate-limit";
import { CHALLENGE_FIELD } from "@/lib/security";

/**
 * What a booking form (a visit's or a circuit's) passes before booking: its proof of work, then the
 * booking limits per client address and per e-mail. Returns who is signed in (a class needs it).
 */
export async function admitBookingForm(formData: FormData, email: string): Promise<{ userId?: string }> {
  await verifyChallenge(formData.get(CHALLENGE_FIELD));
  await consumeRateLimits([
    ["bookingPerIp", clientAddress(await headers())],
    ["bookingPerEmail", email],
  ]);
  const user = await currentUser();
  return { userId: user?.id };
}
