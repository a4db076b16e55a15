import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import KakaoProvider from "next-auth/providers/kakao";
import type { IncomingHttpHeaders } from "node:http";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { signInRefusal } from "@/lib/sign-in-errors";
import { RetryLater } from "./auth-limits";
import { stampedClientIp } from "./client-ip";
import { safeCallbackUrl } from "@/lib/safe-callback";
import { getConfig } from "./config";
import { sessionFromCookies } from "./session-token";
import { endSession, startSession, type LiveSession } from "./services/sessions";
import { findOrCreateOAuthUser, signInWithPassword } from "./services/users";

interface KakaoProfile {
  id: number | string;
  kakao_account?: { profile?: { nickname?: string; profile_image_url?: string; is_default_image?: boolean } };
  properties?: { nickname?: string; profile_image?: string };
}

/**
 * The one auth configuration: next-auth v4 with JWT sessions, read by pages, routes and sockets.
 * The auth route passes its request, whose User-Agent labels the sessions it starts.
 */
export function getAuthOptions(request?: { headers: Headers }): NextAuthOptions {
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
        async authorize(credentials, req) {
          try {
            const ip = stampedClientIp((req.headers ?? {}) as IncomingHttpHeaders);
            const user = await signInWithPassword(String(credentials?.email ?? ""), String(credentials?.password ?? ""), { ip });
            return { id: user.id, name: user.name, image: user.image };
          } catch (err) {
            // next-auth hands a thrown message to signIn() as its `error`: the form says when to retry.
            if (err instanceof RetryLater) throw new Error(signInRefusal(err.retryAfterSeconds));
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
    events: {
      // With JWT sessions next-auth hands over the decoded cookie being cleared.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
    callbacks: {
      // A sign-in (credentials, which sign-up also uses, or Kakao) starts a session row; later
      // calls pass the token on unchanged, `sid` included.
      async jwt({ token, user, account, profile }) {
        const userAgent = request?.headers.get("user-agent");
        if (account?.provider === "kakao" && profile) {
          const p = profile as unknown as KakaoProfile;
          const found = await findOrCreateOAuthUser({
            provider: "kakao",
            providerAccountId: String(p.id),
            name: p.kakao_account?.profile?.nickname ?? p.properties?.nickname ?? "",
            image: p.kakao_account?.profile?.is_default_image ? null : (p.kakao_account?.profile?.profile_image_url ?? null),
          });
          return { sub: found.id, name: found.name, picture: found.image, sid: await startSession(found.id, userAgent) };
        }
        if (user) return { sub: user.id, name: user.name, picture: user.image, sid: await startSession(user.id, userAgent) };
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

/**
 * The signed-in user of a page or route handler and their session, or null: also when the
 * session was signed out or the user no longer exists (sockets check the same way).
 */
export async function currentSession(): Promise<LiveSession | null> {
  return sessionFromCookies((await headers()).get("cookie"), getConfig().authSecret);
}

export async function currentUser() {
  return (await currentSession())?.user ?? null;
}

export function kakaoEnabled(): boolean {
  return getConfig().kakao !== null;
}
