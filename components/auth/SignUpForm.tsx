"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import { DEFAULT_CALLBACK, safeCallbackUrl } from "@/lib/safe-callback";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setError(null);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const result = await postJson("/api/signup", { email, password, name: String(form.get("name") ?? "") });
    if (!result.ok) {
      setBusy(false);
      setError(errorText(result.error.code));
      return;
    }
    const signedIn = await signIn("credentials", { email, password, redirect: false });
    if (signedIn?.ok && !signedIn.error) window.location.assign(safeCallbackUrl(callbackUrl, window.location.origin));
    else {
      setBusy(false);
      setError(errorText("internal"));
    }
  }

  return (
    <div className="flex flex-col gap-5">
      <h2 className="text-lg font-bold">{t("signUpTitle")}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(new FormData(e.currentTarget));
        }}
        className="flex flex-col gap-4"
      >
        <Field label={t("name")} name="name" autoComplete="nickname" required maxLength={LIMITS.nameMaxChars} />
        <Field label={t("email")} name="email" type="email" autoComplete="email" required />
        <Field label={t("password")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} />
        {error && <Alert>{error}</Alert>}
        <Button type="submit" disabled={busy} className="h-11 w-full">
          {busy ? t("working") : t("signUp")}
        </Button>
      </form>
      <p className="text-center text-sm text-stone-500">
        {t("haveAccount")}{" "}
        <Link href={`/signin${callbackUrl === DEFAULT_CALLBACK ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`}`} className="font-semibold text-brand-600 hover:underline">
          {t("signIn")}
        </Link>
      </p>
    </div>
  );
}
