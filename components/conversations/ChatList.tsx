"use client";
import Link from "next/link";
import { useNow, useTranslations } from "next-intl";
import { Logo } from "@/components/ui/Logo";
import { Menu, MenuItem } from "@/components/ui/Menu";
import { UnreadBadge } from "@/components/ui/UnreadBadge";
import { postJson } from "@/lib/api-client";
import type { ConversationSummary, UserSummary } from "@/lib/realtime/contract";
import { useMarkdown } from "@/components/chat/useMarkdown";
import { ConversationAvatar } from "./ConversationAvatar";
import { BellOffIcon, MoreIcon } from "./icons";
import { NewChatButton } from "./NewChatButton";
import { useConversations } from "./useConversations";
import { useListTime } from "./useListTime";
import { useConversationTitle } from "./useConversationTitle";
import { useSystemText } from "./useSystemText";

/** KakaoTalk's main screen: every dm and group chat, newest activity first, live. */
export function ChatList({ me, initial }: { me: UserSummary; initial: ConversationSummary[] }) {
  const t = useTranslations("conversations");
  const { conversations, openId, refetch } = useConversations(me.id, initial);
  const list = conversations ?? [];
  // The server's `now` on the first render (so the times hydrate as rendered), then every minute.
  const now = useNow({ updateInterval: 60_000 });
  const Heading = openId ? "h2" : "h1";

  async function setMuted(channelId: string, muted: boolean) {
    const result = await postJson(`/api/conversations/${channelId}/mute`, { muted });
    if (result.ok) await refetch();
  }

  return (
    <section className="flex h-full min-h-0 w-full flex-col" aria-labelledby="chat-list-title">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-4">
        <Link href="/spaces" aria-label={t("spaces")} title={t("spaces")} className="md:hidden">
          <Logo size={32} />
        </Link>
        {/* The page's heading, unless a conversation is open beside it (then its title is). */}
        <Heading id="chat-list-title" className="min-w-0 flex-1 truncate text-lg font-extrabold tracking-tight">
          {t("title")}
        </Heading>
        <NewChatButton />
      </header>
      {list.length === 0 ? (
        <p className="m-4 rounded-xl bg-stone-50 p-4 text-sm text-stone-600 ring-1 ring-stone-200">{t("empty")}</p>
      ) : (
        <ul className="min-h-0 flex-1 overflow-y-auto py-1" data-testid="chat-list">
          {list.map((c) => (
            <ChatRow key={c.id} myId={me.id} conversation={c} active={c.id === openId} now={now} onMute={(muted) => void setMuted(c.id, muted)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ChatRow({
  myId,
  conversation: c,
  active,
  now,
  onMute,
}: {
  myId: string;
  conversation: ConversationSummary;
  active: boolean;
  now: Date;
  onMute: (muted: boolean) => void;
}) {
  const t = useTranslations("conversations");
  const systemText = useSystemText(myId);
  const markdown = useMarkdown();
  const listTime = useListTime();
  const title = useConversationTitle()(c, c.members, c.memberCount - 1);
  const m = c.lastMessage;
  /** Bold while it has unread (a muted chat too: its count still shows, only alerts are off). */
  const unread = !active && c.unread > 0;
  const preview = !m
    ? t("noMessages")
    : m.system
      ? systemText(m.system)
      : m.fromBlocked
        ? t("blockedMessage")
        : m.body === ""
          ? t("deletedMessage")
          : markdown.plain(m.body, (id) => m.mentionNames[id]);
  return (
    <li className="group relative" data-testid="conversation-row" data-conversation-id={c.id}>
      <Link
        href={`/chats/${c.id}`}
        aria-current={active ? "page" : undefined}
        data-nav-item=""
        data-unread={unread}
        className={`flex items-center gap-3 py-2.5 pr-10 pl-4 transition-colors ${active ? "bg-brand-50" : "hover:bg-stone-50"}`}
      >
        <ConversationAvatar kind={c.kind} name={title} image={c.image} members={c.members} />
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-1.5">
            <span className={`truncate text-stone-900 ${unread ? "font-extrabold" : "font-medium"}`} data-testid="conversation-name">
              {title}
            </span>
            {c.kind === "group" && (
              <span className="shrink-0 text-sm text-stone-400" data-testid="conversation-count">
                {c.memberCount}
              </span>
            )}
            {c.muted && (
              <span role="img" aria-label={t("muted")} title={t("muted")} className="shrink-0 text-stone-400" data-testid="muted-icon">
                <BellOffIcon size={14} />
              </span>
            )}
            <time dateTime={c.lastActivityAt} className="ml-auto shrink-0 pl-2 text-xs text-stone-400">
              {listTime(c.lastActivityAt, now)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center gap-2">
            <span
              className={`min-w-0 flex-1 truncate text-sm ${m && m.body === "" && !m.system ? "text-stone-400 italic" : unread ? "font-semibold text-stone-800" : "text-stone-500"}`}
              data-testid="conversation-preview"
            >
              {preview}
            </span>
            <UnreadBadge count={c.unread} testId="conversation-unread" className="min-w-5 shrink-0" />
          </span>
        </span>
      </Link>
      <div className="absolute top-1/2 right-2 -translate-y-1/2">
        <Menu
          label={t("options")}
          trigger={
            <button
              type="button"
              className="rounded-full p-1.5 text-stone-400 hover:bg-stone-200 hover:text-stone-700 focus-visible:bg-stone-200"
            >
              <MoreIcon />
            </button>
          }
        >
          <MenuItem onSelect={() => onMute(!c.muted)}>{c.muted ? t("unmute") : t("mute")}</MenuItem>
        </Menu>
      </div>
    </li>
  );
}
