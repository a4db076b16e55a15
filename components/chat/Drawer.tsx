"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import * as Tabs from "@radix-ui/react-tabs";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useErrorText } from "@/components/ui/useErrorText";
import { sendJson, type ErrorCode } from "@/lib/api-client";
import { DRAWER_TABS, type DrawerTab } from "@/lib/api/contract";
import type { DrawerItem } from "@/lib/api/schemas";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { DrawerItems } from "./DrawerItems";

interface TabState {
  items: DrawerItem[];
  nextBefore: number | null;
  status: "idle" | "loading" | "done" | "error";
  error?: ErrorCode;
}
const fresh = (): Record<DrawerTab, TabState> => ({
  media: { items: [], nextBefore: null, status: "idle" },
  files: { items: [], nextBefore: null, status: "idle" },
  links: { items: [], nextBefore: null, status: "idle" },
});
const TAB_LABEL = { media: "tabMedia", files: "tabFiles", links: "tabLinks" } as const;
const EMPTY = { media: "emptyMedia", files: "emptyFiles", links: "emptyLinks" } as const;

/**
 * A chat's or channel's drawer (서랍): a panel at the right edge on a wide screen, the whole
 * screen on a phone (Radix Dialog: focus trap, Escape closes), with a tab each for photos and
 * videos, files and links (Radix Tabs: a tablist the arrow keys walk). Each tab loads its first
 * page when first shown, newest first, and more on request. Choosing an item closes the drawer
 * and opens the channel at its message (`?at=<seq>`, the jump search results use).
 */
export function Drawer({
  channel,
  members,
  open,
  onOpenChange,
}: {
  channel: Pick<ChannelSummary, "id" | "spaceId">;
  members: UserSummary[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("drawer");
  const errorText = useErrorText();
  const router = useRouter();
  const [tab, setTab] = useState<DrawerTab>("media");
  const [tabs, setTabs] = useState(fresh);

  async function load(which: DrawerTab, before: number | null) {
    setTabs((all) => ({ ...all, [which]: { ...all[which], status: "loading" } }));
    const query = new URLSearchParams({ tab: which, ...(before !== null ? { before: String(before) } : {}) });
    const result = await sendJson<{ items: DrawerItem[]; nextBefore: number | null }>("GET", `/api/channels/${channel.id}/drawer?${query}`);
    setTabs((all) => {
      const was = all[which];
      return {
        ...all,
        [which]: result.ok
          ? { items: before === null ? result.items : [...was.items, ...result.items], nextBefore: result.nextBefore, status: "done" }
          : { ...was, status: "error", error: result.error.code },
      };
    });
  }

  // Each opening shows what is there now; a tab loads when it is first shown.
  useEffect(() => {
    if (!open) setTabs(fresh());
  }, [open]);
  useEffect(() => {
    if (open && tabs[tab].status === "idle") void load(tab, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening and on a tab's first showing
  }, [open, tab, tabs[tab].status]);

  function jump(item: DrawerItem) {
    onOpenChange(false);
    const base = channel.spaceId ? `/spaces/${channel.spaceId}/${channel.id}` : `/chats/${channel.id}`;
    router.push(`${base}?at=${item.seq}`);
  }

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <RadixDialog.Content
          data-testid="drawer"
          className="fixed inset-0 z-50 flex flex-col bg-white pt-[env(safe-area-inset-top)] pb-[env(safe-area-inset-bottom)] shadow-xl outline-none sm:left-auto sm:w-[26rem] sm:border-l sm:border-stone-200"
        >
          <div className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-4">
            <RadixDialog.Title className="flex-1 text-base font-bold">{t("title")}</RadixDialog.Title>
            <RadixDialog.Description className="sr-only">{t("description")}</RadixDialog.Description>
            <RadixDialog.Close aria-label={t("close")} title={t("close")} className="rounded-md p-2 text-stone-600 hover:bg-stone-100">
              <X aria-hidden size={20} />
            </RadixDialog.Close>
          </div>
          <Tabs.Root value={tab} onValueChange={(v) => setTab(v as DrawerTab)} className="flex min-h-0 flex-1 flex-col">
            <Tabs.List aria-label={t("title")} className="flex shrink-0 gap-1 border-b border-stone-200 px-2">
              {DRAWER_TABS.map((which) => (
                <Tabs.Trigger
                  key={which}
                  value={which}
                  data-testid={`drawer-tab-${which}`}
                  className="-mb-px flex-1 border-b-2 border-transparent px-2 py-2.5 text-sm font-semibold text-stone-600 hover:text-stone-900 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none focus-visible:ring-inset data-[state=active]:border-brand-600 data-[state=active]:text-stone-900"
                >
                  {t(TAB_LABEL[which])}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            {DRAWER_TABS.map((which) => {
              const state = tabs[which];
              return (
                <Tabs.Content
                  key={which}
                  value={which}
                  data-testid={`drawer-panel-${which}`}
                  className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-3 outline-none"
                >
                  {state.items.length > 0 && <DrawerItems tab={which} items={state.items} members={members} onJump={jump} />}
                  {state.status === "done" && state.items.length === 0 && (
                    <p className="px-2 py-10 text-center text-sm text-stone-500" data-testid="drawer-empty">
                      {t(EMPTY[which])}
                    </p>
                  )}
                  {state.status === "loading" && (
                    <p role="status" className="py-4 text-center text-sm text-stone-500">
                      {t("loading")}
                    </p>
                  )}
                  {state.status === "error" && (
                    <p role="alert" className="flex items-center justify-center gap-2 py-4 text-sm text-red-700">
                      {errorText(state.error ?? "internal")}
                      <button type="button" onClick={() => void load(which, state.items.length ? state.nextBefore : null)} className="font-semibold underline">
                        {t("retry")}
                      </button>
                    </p>
                  )}
                  {state.status === "done" && state.nextBefore !== null && (
                    <button
                      type="button"
                      onClick={() => void load(which, state.nextBefore)}
                      className="mt-3 w-full rounded-md py-2 text-sm font-semibold text-brand-700 ring-1 ring-stone-200 hover:bg-stone-50"
                      data-testid="drawer-more"
                    >
                      {t("more")}
                    </button>
                  )}
                </Tabs.Content>
              );
            })}
          </Tabs.Root>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
