"use client";
import { useTranslations } from "next-intl";
import { Menu, MenuItem, MenuSeparator } from "@/components/ui/Menu";
import type { SpaceView } from "@/lib/realtime/contract";
import type { SpaceDialog } from "./SpaceDialogs";
import { SpaceIcon } from "./SpaceIcon";

/** The space's name in the channel list's header, opening what the user may do with the space. */
export function SpaceMenu({ view, onDialog }: { view: SpaceView; onDialog: (dialog: SpaceDialog) => void }) {
  const t = useTranslations("spaces");
  const admin = view.myRole !== "member";
  return (
    <Menu
      label={t("spaceMenu")}
      trigger={
        <button type="button" className="flex min-w-0 flex-1 items-center gap-2 rounded-lg px-1.5 py-1 text-left hover:bg-stone-200/70">
          <SpaceIcon name={view.space.name} icon={view.space.icon} size={28} className="rounded-lg" />
          <span className="min-w-0 flex-1 truncate font-bold" data-testid="space-name">
            {view.space.name}
          </span>
          <ChevronIcon />
        </button>
      }
    >
      <MenuItem onSelect={() => onDialog({ kind: "invite" })}>{t("invite")}</MenuItem>
      {admin && (
        <>
          <MenuItem onSelect={() => onDialog({ kind: "settings" })}>{t("spaceSettings")}</MenuItem>
          <MenuItem onSelect={() => onDialog({ kind: "createChannel", categoryId: null })}>{t("createChannel")}</MenuItem>
          <MenuItem onSelect={() => onDialog({ kind: "createCategory" })}>{t("createCategory")}</MenuItem>
        </>
      )}
      <MenuSeparator />
      {view.myRole === "owner" ? (
        <MenuItem danger onSelect={() => onDialog({ kind: "deleteSpace" })}>
          {t("deleteSpace")}
        </MenuItem>
      ) : (
        <MenuItem danger onSelect={() => onDialog({ kind: "leave" })}>
          {t("leaveSpace")}
        </MenuItem>
      )}
    </Menu>
  );
}

function ChevronIcon() {
  return (
    <svg
      aria-hidden
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      className="shrink-0 text-stone-500"
    >
      <path d="m6 9 6 6 6-6" />
    </svg>
  );
}
