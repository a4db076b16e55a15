"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import dynamic from "next/dynamic";
import { AlertMenuItems } from "@/components/feedback/AlertMenuItems";
import { Menu, MenuItem, MenuRadioGroup, MenuSeparator } from "@/components/ui/Menu";
import { chooseTheme, useTheme } from "@/components/ui/theme-choice";
import { THEMES, isTheme } from "@/lib/theme";
import { Ellipsis, Languages, Monitor, Moon, Sun } from "lucide-react";
import { useChooseLocale } from "@/components/ui/LocaleSwitcher";
import { LOCALES } from "@/lib/i18n";

/** The dialog (and Radix's dialog code) loads when it is opened, not with every page. */
const SignOutOthersDialog = dynamic(() => import("./SignOutOthersDialog").then((m) => m.SignOutOthersDialog), { ssr: false });

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
