import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { safeCallbackUrl } from "@/lib/safe-callback";
import { currentUser } from "@/server/auth";
import { getConfig } from "@/server/config";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeCallbackUrl((await searchParams).callbackUrl, getConfig().appUrl);
  if (await currentUser()) redirect(next);
  return <SignUpForm callbackUrl={next} />;
}
