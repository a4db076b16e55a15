import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth";

const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(req as never, ctx as never, getAuthOptions(req));

export { handler as GET, handler as POST };
