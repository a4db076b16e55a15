import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeCallbackUrl } from "@/lib/safe-callback";
import { currentUser, kakaoEnabled } from "@/server/auth";
import { getConfig } from "@/server/config";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const next = safeCallbackUrl(callbackUrl, getConfig().appUrl);
  if (await currentUser()) redirect(next);
  return <SignInForm callbackUrl={next} kakao={kakaoEnabled()} oauthError={Boolean(error && error !== "CredentialsSignin")} />;
}
