"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ConversationAvatar } from "@/components/conversations/ConversationAvatar";
import { useUnread } from "@/components/feedback/UnreadProvider";
import { SpaceIcon } from "@/components/spaces/SpaceIcon";
import { sendJson } from "@/lib/api-client";
import { matchScore } from "@/lib/fuzzy-match";
import { switcherSpaces, type SwitcherSpaces } from "@/lib/switcher";

/** cmdk asks how well an item matches; its keywords are [name, where it is]. */
function filter(_value: string, search: string, keywords?: string[]) {
  const [name = "", context = ""] = keywords ?? [];
  return Math.max(matchScore(name, search), matchScore(context, search) * 0.5);
}

/**
 * Ctrl/⌘+K: a search over every space, channel and chat, keyboard-only if wanted (↑↓, Enter,
 * Esc). Spaces and their channels are read when it opens; the chats come from the live list.
 */
export function QuickSwitcher({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("feedback.switcher");
  const router = useRouter();
  const { conversations } = useUnread();
  const [spaces, setSpaces] = useState<SwitcherSpaces["spaces"] | null>(null);
  const [query, setQuery] = useState("");
  // What had focus when the switcher opened gets it back when it closes without going anywhere
  // (the dialog has no trigger button for Radix to return to).
  const returnTo = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  const went = useRef(false);
  if (open && !wasOpen.current) {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    went.current = false;
  }
  wasOpen.current = open;

  useEffect(() => {
    if (!open) return;
    setQuery("");
    let live = true;
    void sendJson<SwitcherSpaces>("GET", "/api/switcher").then((result) => {
      const parsed = result.ok ? switcherSpaces.safeParse(result) : null;
      if (live && parsed?.success) setSpaces(parsed.data.spaces);
    });
    return () => {
      live = false;
    };
  }, [open]);

  function go(href: string) {
    went.current = true;
    onOpenChange(false);
    router.push(href);
  }

  const item = "flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-[15px] text-stone-800 data-[selected=true]:bg-brand-50 data-[selected=true]:text-stone-900";
  const heading =
    "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-stone-500";
  const chats = conversations ?? [];

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <RadixDialog.Content
          className="fixed top-[12vh] left-1/2 z-50 flex max-h-[70dvh] w-[calc(100%-1.5rem)] max-w-xl -translate-x-1/2 flex-col overflow-hidden rounded-2xl bg-white shadow-2xl ring-1 ring-stone-200"
          data-testid="quick-switcher"
          // Going somewhere: focus goes to the composer of wherever we land. Closed with Esc:
          // back to what had it.
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            if (!went.current && returnTo.current?.isConnected) returnTo.current.focus();
          }}
        >
          <RadixDialog.Title className="sr-only">{t("title")}</RadixDialog.Title>
          <RadixDialog.Description className="sr-only">{t("hint")}</RadixDialog.Description>
          <Command label={t("title")} filter={filter} loop className="flex min-h-0 flex-col">
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder={t("placeholder")}
              aria-label={t("placeholder")}
              className="h-14 shrink-0 border-b border-stone-200 px-4 text-base outline-none placeholder:text-stone-500"
            />
            <Command.List className={`min-h-0 overflow-y-auto p-2 ${heading}`}>
              {spaces === null && chats.length === 0 ? (
                <Command.Loading>
                  <p className="px-3 py-6 text-center text-sm text-stone-500">{t("loading")}</p>
                </Command.Loading>
              ) : (
                <Command.Empty className="px-3 py-6 text-center text-sm text-stone-500">{t("empty")}</Command.Empty>
              )}
              {chats.length > 0 && (
                <Command.Group heading={t("chats")}>
                  {chats.map((c) => (
                    <Command.Item
                      key={c.id}
                      value={`chat:${c.id}`}
                      keywords={[c.name, t(c.kind === "dm" ? "dm" : "group")]}
                      onSelect={() => go(`/chats/${c.id}`)}
                      className={item}
                    >
                      <ConversationAvatar kind={c.kind} name={c.name} image={c.image} members={c.members} size={28} />
                      <span className="min-w-0 flex-1 truncate">{c.name}</span>
                      <span className="shrink-0 text-xs text-stone-500">{t(c.kind === "dm" ? "dm" : "group")}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              {spaces && spaces.some((s) => s.channels.length > 0) && (
                <Command.Group heading={t("channels")}>
                  {spaces.flatMap((s) =>
                    s.channels.map((c) => (
                      <Command.Item
                        key={c.id}
                        value={`channel:${c.id}`}
                        keywords={[c.name, s.name]}
                        onSelect={() => go(`/spaces/${s.id}/${c.id}`)}
                        className={item}
                        data-testid="switcher-channel"
                      >
                        <span className="flex w-7 shrink-0 justify-center text-stone-500">{c.kind === "video" ? <CameraIcon /> : "#"}</span>
                        <span className="min-w-0 flex-1 truncate">{c.name}</span>
                        <span className="max-w-[40%] shrink-0 truncate text-xs text-stone-500">{s.name}</span>
                      </Command.Item>
                    )),
                  )}
                </Command.Group>
              )}
              {spaces && spaces.length > 0 && (
                <Command.Group heading={t("spaces")}>
                  {spaces.map((s) => (
                    <Command.Item
                      key={s.id}
                      value={`space:${s.id}`}
                      keywords={[s.name, t("space")]}
                      onSelect={() => go(s.defaultChannelId ? `/spaces/${s.id}/${s.defaultChannelId}` : "/spaces")}
                      className={item}
                    >
                      <SpaceIcon name={s.name} icon={s.icon} size={28} className="rounded-lg" />
                      <span className="min-w-0 flex-1 truncate">{s.name}</span>
                      <span className="shrink-0 text-xs text-stone-500">{t("space")}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
            </Command.List>
            <p className="shrink-0 border-t border-stone-200 px-4 py-2 text-xs text-stone-500" aria-hidden>
              {t("hint")}
            </p>
          </Command>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function CameraIcon() {
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="m16 10 5-3v10l-5-3z" />
    </svg>
  );
}
