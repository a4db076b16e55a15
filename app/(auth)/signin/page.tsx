import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentUser, kakaoEnabled } from "@/server/auth";
import { safeCallbackUrl } from "@/lib/safe-callback";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const next = safeCallbackUrl(callbackUrl);
  if (await currentUser()) redirect(next);
  return <SignInForm callbackUrl={next} kakao={kakaoEnabled()} oauthError={Boolean(error && error !== "CredentialsSignin")} />;
}
