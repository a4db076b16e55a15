"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import { signInRetryMinutes } from "@/lib/sign-in-errors";
import { DEFAULT_CALLBACK, safeCallbackUrl } from "@/lib/safe-callback";

export function SignInForm({ callbackUrl, kakao, oauthError }: { callbackUrl: string; kakao: boolean; oauthError: boolean }) {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(oauthError ? t("kakaoFailed") : null);
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // The page checked it already; checked again where it is followed.
      window.location.assign(safeCallbackUrl(callbackUrl, window.location.origin));
      return;
    }
    setBusy(false);
    const retryMinutes = signInRetryMinutes(result?.error);
    if (retryMinutes !== null) setError(t("tooManyAttempts", { minutes: retryMinutes }));
    else setError(errorText(result?.error === "CredentialsSignin" ? "invalid_credentials" : "internal"));
  }

  return (
    <div className="flex flex-col gap-5">
      <h2 className="text-lg font-bold">{t("signInTitle")}</h2>
      {kakao && (
        <>
          <Button variant="kakao" className="h-11 w-full" onClick={() => void signIn("kakao", { callbackUrl })}>
            <KakaoMark /> {t("kakao")}
          </Button>
          <div className="flex items-center gap-3 text-xs text-stone-400">
            <span className="h-px flex-1 bg-stone-200" /> {t("or")} <span className="h-px flex-1 bg-stone-200" />
          </div>
        </>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(new FormData(e.currentTarget));
        }}
        className="flex flex-col gap-4"
      >
        <Field label={t("email")} name="email" type="email" autoComplete="email" required />
        <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
        {error && <Alert>{error}</Alert>}
        <Button type="submit" disabled={busy} className="h-11 w-full">
          {busy ? t("working") : t("signIn")}
        </Button>
      </form>
      <p className="text-center text-sm text-stone-500">
        {t("noAccount")}{" "}
        <Link href={`/signup${callbackUrl === DEFAULT_CALLBACK ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`}`} className="font-semibold text-brand-600 hover:underline">
          {t("signUp")}
        </Link>
      </p>
    </div>
  );
}

export function KakaoMark() {
  return (
    <svg aria-hidden width="18" height="18" viewBox="0 0 24 24">
      <path
        fill="currentColor"
        d="M12 3C6.5 3 2 6.6 2 11c0 2.8 1.9 5.3 4.7 6.7l-1 3.7c-.1.3.3.6.6.4l4.4-2.9c.4 0 .9.1 1.3.1 5.5 0 10-3.6 10-8S17.5 3 12 3z"
      />
    </svg>
  );
}
