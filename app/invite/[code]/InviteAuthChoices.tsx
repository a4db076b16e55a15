"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { KakaoMark } from "@/components/auth/SignInForm";
import { Button } from "@/components/ui/Button";
import { rememberJoinIntent } from "@/lib/join-intent";

/**
 * For a visitor without a session: make an account, sign in, or use Kakao, each coming back to
 * this invite and joining (most invitees have no account yet, so that comes first).
 */
export function InviteAuthChoices({ code, kakao }: { code: string; kakao: boolean }) {
  const t = useTranslations("invite");
  const back = `/invite/${encodeURIComponent(code)}`;
  const query = `?callbackUrl=${encodeURIComponent(back)}`;
  const remember = () => rememberJoinIntent(code);
  const link = "inline-flex h-11 w-full items-center justify-center rounded-lg text-sm font-semibold";
  return (
    <div className="mt-2 flex w-full flex-col gap-2">
      <Link href={`/signup${query}`} onClick={remember} className={`${link} bg-brand-500 text-white hover:bg-brand-600`}>
        {t("signUpToJoin")}
      </Link>
      <Link href={`/signin${query}`} onClick={remember} className={`${link} bg-white text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100`}>
        {t("signInToJoin")}
      </Link>
      {kakao && (
        <Button
          variant="kakao"
          className="h-11 w-full"
          onClick={() => {
            remember();
            void signIn("kakao", { callbackUrl: back });
          }}
        >
          <KakaoMark /> {t("kakaoToJoin")}
        </Button>
      )}
    </div>
  );
}
