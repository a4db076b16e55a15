import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import KakaoProvider from "next-auth/providers/kakao";
import { getServerSession } from "next-auth";
import { AppError } from "@/lib/errors";
import { safeCallbackUrl } from "@/lib/safe-callback";
import { getConfig } from "./config";
import { findOrCreateOAuthUser, getUser, signInWithPassword } from "./services/users";

interface KakaoProfile {
  id: number | string;
  kakao_account?: { profile?: { nickname?: string; profile_image_url?: string; is_default_image?: boolean } };
  properties?: { nickname?: string; profile_image?: string };
}

/** The one auth configuration: next-auth v4 with JWT sessions, read by pages, routes and sockets. */
export function getAuthOptions(): NextAuthOptions {
  const config = getConfig();
  const kakao = config.kakao;
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          try {
            const user = await signInWithPassword(String(credentials?.email ?? ""), String(credentials?.password ?? ""));
            return { id: user.id, name: user.name, image: user.image };
          } catch (err) {
            if (err instanceof AppError) return null; // next-auth reports CredentialsSignin
            throw err;
          }
        },
      }),
      ...(kakao
        ? [
            KakaoProvider({
              clientId: kakao.clientId,
              clientSecret: kakao.clientSecret,
              // Kakao's real endpoints unless configuration points elsewhere (the e2e stand-in).
              authorization: { url: `${kakao.authBaseUrl}/oauth/authorize`, params: { scope: "profile_nickname profile_image" } },
              token: `${kakao.authBaseUrl}/oauth/token`,
              userinfo: `${kakao.apiBaseUrl}/v2/user/me`,
            }),
          ]
        : []),
    ],
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "kakao" && profile) {
          const p = profile as unknown as KakaoProfile;
          const found = await findOrCreateOAuthUser({
            provider: "kakao",
            providerAccountId: String(p.id),
            name: p.kakao_account?.profile?.nickname ?? p.properties?.nickname ?? "",
            image: p.kakao_account?.profile?.is_default_image ? null : (p.kakao_account?.profile?.profile_image_url ?? null),
          });
          return { sub: found.id, name: found.name, picture: found.image };
        }
        if (user) return { sub: user.id, name: user.name, picture: user.image };
        return token;
      },
      // Where next-auth sends the browser after signing in or out (Kakao's callbackUrl too):
      // our own origin only.
      async redirect({ url, baseUrl }) {
        return new URL(safeCallbackUrl(url, baseUrl), baseUrl).href;
      },
      async session({ session, token }) {
        session.user = { id: token.sub ?? "", name: token.name ?? "", image: token.picture ?? null };
        return session;
      },
    },
  };
}

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; image: string | null };
  }
}

/** The signed-in user for a page or route handler, or null (also when the user no longer exists). */
export async function currentUser() {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id) return null;
  return getUser(session.user.id);
}

export function kakaoEnabled(): boolean {
  return getConfig().kakao !== null;
}
