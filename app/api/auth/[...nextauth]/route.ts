import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// Magic links are requested through /connexion (rate-limited, sent via the outbox), never through
// next-auth's own sign-in endpoint.
async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth[0] === "signin") {
    return Response.json({ error: { code: "not_found", message: "Use /connexion to sign in" } }, { status: 404 });
  }
  return handler(request, context);
}

export { handler as GET, POST };
