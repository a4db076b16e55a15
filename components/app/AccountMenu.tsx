"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { AlertMenuItems } from "@/components/feedback/AlertMenuItems";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog, DialogClose } from "@/components/ui/Dialog";
import { Menu, MenuItem, MenuRadioGroup, MenuSeparator } from "@/components/ui/Menu";
import { chooseTheme, useTheme } from "@/components/ui/theme-choice";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";
import { THEMES, isTheme } from "@/lib/theme";
import { Ellipsis, Languages, Monitor, Moon, Sun } from "lucide-react";
import { useChooseLocale } from "@/components/ui/LocaleSwitcher";
import { LOCALES } from "@/lib/i18n";

const THEME_ICONS = { system: <Monitor size={16} />, light: <Sun size={16} />, dark: <Moon size={16} /> } as const;

/** The account menu beside "Sign out": the colour theme, the language, and ending this account's sessions on other devices. */
export function AccountMenu({ triggerClassName }: { triggerClassName: string }) {
  const t = useTranslations("people");
  const tTheme = useTranslations("theme");
  const tLocale = useTranslations("locale");
  const theme = useTheme();
  const locale = useLocale();
  const chooseLocale = useChooseLocale();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Menu
        label={t("userMenu")}
        trigger={
          <button type="button" title={t("userMenu")} className={triggerClassName}>
            <Ellipsis size={18} aria-hidden="true" />
          </button>
        }
      >
        <MenuRadioGroup
          label={tTheme("label")}
          value={theme}
          onValueChange={(value) => isTheme(value) && chooseTheme(value)}
          options={THEMES.map((value) => ({ value, label: tTheme(value), icon: THEME_ICONS[value] }))}
        />
        <MenuRadioGroup
          label={tLocale("label")}
          value={locale}
          onValueChange={chooseLocale}
          options={LOCALES.map((value) => ({ value, label: tLocale(value), icon: <Languages size={16} /> }))}
        />
        <MenuSeparator />
        <MenuItem onSelect={() => setOpen(true)}>{t("signOutOthers")}</MenuItem>
        <AlertMenuItems />
      </Menu>
      {open && <SignOutOthersDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** Asks first; then says how many sessions were ended (or why it could not). */
function SignOutOthersDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("people");
  const errorText = useErrorText();
  const [state, setState] = useState<{ busy: boolean; ended?: number; error?: string }>({ busy: false });

  async function confirm() {
    setState({ busy: true });
    const result = await postJson<{ ended: number }>("/api/sessions/revoke-others");
    setState(result.ok ? { busy: false, ended: result.ended } : { busy: false, error: errorText(result.error.code) });
  }

  const done = state.ended !== undefined;
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={t("signOutOthersTitle")}
      description={done ? undefined : t("signOutOthersBody")}
    >
      {done ? (
        <p role="status" className="text-sm text-stone-700">
          {t("signOutOthersDone", { count: state.ended! })}
        </p>
      ) : (
        state.error && <Alert>{state.error}</Alert>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant={done ? "primary" : "secondary"}>{done ? t("close") : t("edit.cancel")}</Button>
        </DialogClose>
        {!done && (
          <Button onClick={() => void confirm()} disabled={state.busy}>
            {t("signOutOthersConfirm")}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
