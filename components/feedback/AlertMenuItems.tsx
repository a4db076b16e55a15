"use client";
import { Check } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { MenuCheckboxItem, MenuLabel, MenuSeparator } from "@/components/ui/Menu";
import { notifyPermission, updateAlertSettings, useAlertSettings, type NotifyPermission } from "./alertSettings";

/** The account menu's "Alerts" section: sound and desktop notifications, each a checkbox. */
export function AlertMenuItems() {
  const t = useTranslations("feedback.alerts");
  const settings = useAlertSettings();
  const [permission, setPermission] = useState<NotifyPermission>("default");
  useEffect(() => setPermission(notifyPermission()), []);
  const notifyOn = settings.notify && permission === "granted";

  async function toggleNotify(on: boolean) {
    if (!on) return updateAlertSettings({ notify: false });
    // Asked here because the user just chose it (a click is the only moment we ask).
    const next = permission === "default" ? await Notification.requestPermission() : permission;
    setPermission(next);
    updateAlertSettings({ notify: next === "granted", promptDismissed: true });
  }

  return (
    <>
      <MenuSeparator />
      <MenuLabel className="px-3 pt-1 pb-0.5 text-xs font-semibold text-stone-500">{t("heading")}</MenuLabel>
      <Item checked={settings.sound} onChange={(on) => updateAlertSettings({ sound: on })}>
        {t("sound")}
      </Item>
      <Item checked={notifyOn} disabled={permission === "denied" || permission === "unsupported"} onChange={(on) => void toggleNotify(on)}>
        {t("notifications")}
        {(permission === "denied" || permission === "unsupported") && (
          <span className="block text-xs text-stone-500">{t(permission === "denied" ? "blocked" : "unsupported")}</span>
        )}
      </Item>
    </>
  );
}

function Item({
  checked,
  disabled = false,
  onChange,
  children,
}: {
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <MenuCheckboxItem
      checked={checked}
      disabled={disabled}
      onCheckedChange={onChange}
      onSelect={(e) => e.preventDefault()} // keep the menu open to see the tick change
      className="flex cursor-pointer items-start gap-2 rounded-lg px-3 py-2 text-stone-800 outline-none select-none data-disabled:cursor-not-allowed data-disabled:text-stone-500 data-highlighted:bg-stone-100"
    >
      <span
        aria-hidden
        className={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded border text-[11px] ${
          checked ? "border-brand-600 bg-brand-600 text-white" : "border-stone-400 bg-white"
        }`}
      >
        {checked && <Check size={12} strokeWidth={3} />}
      </span>
      <span className="min-w-0 flex-1">{children}</span>
    </MenuCheckboxItem>
  );
}
