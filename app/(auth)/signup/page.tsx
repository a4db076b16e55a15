import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { currentUser } from "@/server/auth";
import { safeCallbackUrl } from "@/lib/safe-callback";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentUser()) redirect(next);
  return <SignUpForm callbackUrl={next} />;
}
