import { z } from "zod";

// Only same-site paths may be used as a return address after sign-in (no open redirect).
export const safePath = z
  .string()
  .regex(/^\/(?!\/)[^\s]*$/)
  .catch("/");

export const signInInput = z.object({
  email: z.string({ error: "email" }).trim().toLowerCase().pipe(z.email({ error: "email" })),
  callbackUrl: safePath.optional().default("/"),
});
