import "server-only";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { env } from "@/lib/env";
import { adapter } from "./adapter";

export const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

export const authOptions: NextAuthOptions = {
  adapter,
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  providers: [
    EmailProvider({
      maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
      // Links are created and e-mailed by our own sign-in action (rate-limited, via the outbox);
      // next-auth's own sign-in endpoint is disabled in the route handler.
      sendVerificationRequest: async () => {
        throw new Error("Magic links are sent by lib/auth/magic-link.ts");
      },
    }),
  ],
  pages: { signIn: "/connexion", verifyRequest: "/connexion/verifier", error: "/connexion/erreur" },
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) token.uid = user.id;
      return token;
    },
    session: ({ session, token }) => {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
