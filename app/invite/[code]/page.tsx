import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { JoinButton } from "@/components/spaces/JoinButton";
import { SpaceIcon } from "@/components/spaces/SpaceIcon";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { Logo } from "@/components/ui/Logo";
import { AppError } from "@/lib/errors";
import { currentUser, kakaoEnabled } from "@/server/auth";
import { getInvitePreview, isBanned, type InvitePreview } from "@/server/services/spaces";
import { InviteAuthChoices } from "./InviteAuthChoices";

/**
 * What a holder of an invite link sees, with or without an account: the space's icon, name
 * and member count (InvitePreview: nothing more), then Join, or the ways to get an account
 * that come back here and join.
 */
export default async function InvitePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const [t, te] = await Promise.all([getTranslations("invite"), getTranslations("errors")]);
  const [me, invite] = await Promise.all([
    currentUser(),
    getInvitePreview(code).catch((err: unknown): InvitePreview | null => {
      if (err instanceof AppError) return null;
      throw err;
    }),
  ]);
  // A banned user is told so at once, rather than after pressing Join.
  const banned = !!(me && invite && (await isBanned(me.id, invite.space.id)));

  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-4 bg-gradient-to-b from-brand-50 to-stone-100 px-4 py-10">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
        {invite ? (
          <div className="flex flex-col items-center gap-3">
            <p className="text-sm text-stone-600">{t("title")}</p>
            <SpaceIcon name={invite.space.name} icon={invite.space.icon} size={72} />
            <h1 className="max-w-full text-xl font-extrabold break-words" data-testid="invite-space-name">
              {invite.space.name}
            </h1>
            <p className="text-sm text-stone-600">{t("memberCount", { count: invite.memberCount })}</p>
            {banned ? (
              <p
                role="alert"
                className="w-full rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
                data-testid="invite-banned"
              >
                {te("banned")}
              </p>
            ) : me ? (
              <JoinButton code={code} label={t("join", { space: invite.space.name })} />
            ) : (
              <InviteAuthChoices code={code} kakao={kakaoEnabled()} />
            )}
          </div>
        ) : (
          <div className="flex flex-col items-center gap-4">
            <Logo size={48} />
            <h1 className="text-lg font-bold">{t("invalidTitle")}</h1>
            <p role="alert" className="text-sm text-stone-600" data-testid="invite-invalid">
              {t("invalid")}
            </p>
            <Link href={me ? "/spaces" : "/signin"} className="text-sm font-semibold text-brand-700 hover:underline">
              {t("goHome")}
            </Link>
          </div>
        )}
      </div>
      <LocaleSwitcher />
    </main>
  );
}
