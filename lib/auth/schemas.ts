import { z } from "zod";
import { emailAddress } from "@/lib/schema-fields";

// Only same-site paths may be used as a return address after sign-in (no open redirect).
export const safePath = z
  .string()
  .regex(/^\/(?!\/)[^\s]*$/)
  .catch("/");

export const signInInput = z.object({
  email: emailAddress({ required: "email", invalid: "email" }),
  callbackUrl: safePath.optional().default("/"),
});
