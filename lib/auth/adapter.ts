import "server-only";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db";

// The subset of a next-auth adapter that e-mail sign-in with JWT sessions needs. Written here
// (a dozen lines) rather than adding @next-auth/prisma-adapter, whose types target Prisma 5.
export const adapter: Adapter = {
  createUser: ({ email, emailVerified, name, image }: Omit<AdapterUser, "id">) =>
    db.user.create({ data: { email: email.toLowerCase(), emailVerified, name, image } }),
  getUser: (id) => db.user.findUnique({ where: { id } }),
  getUserByEmail: (email) => db.user.findUnique({ where: { email: email.toLowerCase() } }),
  getUserByAccount: async () => null,
  updateUser: ({ id, ...data }) => db.user.update({ where: { id }, data }),
  linkAccount: async () => undefined,
  createVerificationToken: (token) => db.verificationToken.create({ data: token }),
  useVerificationToken: async ({ identifier, token }) => {
    // deleteMany + returning the row read first keeps "use once" atomic enough: the delete is the gate.
    const found = await db.verificationToken.findUnique({ where: { identifier_token: { identifier, token } } });
    if (!found) return null;
    const { count } = await db.verificationToken.deleteMany({ where: { identifier, token } });
    return count === 1 ? found : null;
  },
};
