"use client";
import { CornerUpLeft } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { UserName } from "@/components/people/UserName";
import { parseBody } from "@/lib/mentions";
import { MessageAttachments } from "./MessageAttachments";
import { LinkPreviews } from "./LinkPreviewCard";
import { MessageBody } from "./MessageBody";
import { MessageTime } from "./MessageTime";
import { MessageToolbar } from "./MessageToolbar";
import { useMarkdown } from "./useMarkdown";
import { useMessageInteractions } from "./useMessageInteractions";
import { useSystemText } from "@/components/conversations/useSystemText";
import { useEditRequest } from "@/components/keyboard/editRequest";
import type { ChatMessage } from "@/lib/realtime/contract";

export interface MessageActions {
  onReply: (message: ChatMessage) => void;
  onEdit: (messageId: string, body: string) => Promise<string | null>;
  onDelete: (messageId: string) => void;
  onReact: (messageId: string, emoji: string) => void;
  onJumpTo: (seq: number) => void;
}

/**
 * How a list lays out its messages: space channels as Discord does (everyone on the left, an
 * author line per run); dms and groups as KakaoTalk does (the reader's own on the right in
 * bubbles, "unread by N" and the time beside them; others' on the left under avatar and name).
 */
export type MessageLayout = "list" | "bubbles";

/**
 * One message: author line, quoted original, text with mentions, reactions, and its actions.
 * A system message ("Alice invited Bob") is a centred line with no actions; a blocked author's
 * message is a collapsed line until the reader opens it.
 */
interface RowProps {
  message: ChatMessage;
  grouped: boolean;
  unread: number;
  myId: string;
  nameOf: (userId: string) => string | undefined;
  actions: MessageActions;
  /** The quoted original is by someone the reader blocked: its text stays hidden. */
  quoteBlocked?: boolean;
  layout?: MessageLayout;
  /**
   * Bubbles: the last of its run within the minute, so the time shows beside it (KakaoTalk
   * shows one time per sender per minute). Defaults to true.
   */
  showTime?: boolean;
}

export function MessageRow({
  blocked = false,
  ...row
}: RowProps & {
  /** The reader blocked its author. */
  blocked?: boolean;
}) {
  const [revealed, setRevealed] = useState(false);
  if (row.message.system) return <SystemLine message={row.message} myId={row.myId} />;
  if (blocked && !revealed)
    return <BlockedLine message={row.message} bubbles={row.layout === "bubbles"} onReveal={() => setRevealed(true)} />;
  return <UserMessage {...row} />;
}

function SystemLine({ message, myId }: { message: ChatMessage; myId: string }) {
  const systemText = useSystemText(myId);
  return (
    <div className="my-2 flex justify-center px-4" data-testid="system-message" data-seq={message.seq} data-message-id={message.id}>
      <p className="rounded-full bg-stone-100 px-3 py-1 text-center text-xs text-stone-600">{systemText(message.system!)}</p>
    </div>
  );
}

function BlockedLine({ message, bubbles, onReveal }: { message: ChatMessage; bubbles: boolean; onReveal: () => void }) {
  const t = useTranslations("chat");
  return (
    <div
      className={`mt-1 py-0.5 ${bubbles ? "pl-12" : "pl-[52px]"}`}
      data-testid="blocked-message"
      data-seq={message.seq}
      data-message-id={message.id}
    >
      <button type="button" onClick={onReveal} className="text-sm text-stone-500 italic hover:text-stone-700">
        {t("blockedMessage")} · <span className="font-semibold not-italic underline">{t("showBlocked")}</span>
      </button>
    </div>
  );
}

function UserMessage({
  message,
  grouped,
  unread,
  myId,
  nameOf,
  actions,
  quoteBlocked = false,
  layout = "list",
  showTime = true,
}: RowProps) {
  const t = useTranslations("chat");
  const markdown = useMarkdown();
  const [editing, setEditing] = useState(false);
  useEditRequest(message.id, editing, setEditing);
  const mine = message.author.id === myId;
  const deleted = message.deletedAt !== null;
  const mentionsMe = !deleted && parseBody(message.body).some((p) => "mention" in p && p.mention === myId);
  const bubbles = layout === "bubbles";
  const showHeader = bubbles ? !grouped && !mine : !grouped || message.replyTo !== null;

  const quote = message.replyTo && (
    <button
      type="button"
      onClick={() => actions.onJumpTo(message.replyTo!.seq)}
      className={
        bubbles
          ? "mb-1 flex max-w-full min-w-0 items-center gap-1 border-b border-black/10 pb-1 text-left text-xs text-stone-600 hover:text-stone-900"
          : "mb-0.5 flex max-w-full items-center gap-1 truncate text-left text-xs text-stone-500 hover:text-stone-800"
      }
      data-testid="reply-quote"
    >
      <CornerUpLeft aria-hidden size={12} className="shrink-0" />
      <span className="shrink-0 font-semibold">{message.replyTo.authorName}</span>
      <span className="truncate">
        {message.replyTo.deleted ? t("deletedQuote") : quoteBlocked ? t("blockedMessage") : markdown.plain(message.replyTo.excerpt, nameOf)}
      </span>
    </button>
  );
  const edited = message.editedAt && <span className="ml-1 text-[11px] text-stone-500">{t("edited")}</span>;
  const unreadBy = unread > 0 && (
    <span
      className={bubbles ? "text-[11px] leading-none font-bold text-amber-700" : "ml-1.5 align-baseline text-xs font-bold text-amber-700"}
      data-testid="unread-by"
      title={t("unreadBy", { count: unread })}
    >
      {unread}
    </span>
  );
  const text = editing ? (
    <EditBox
      initial={message.body}
      onCancel={() => setEditing(false)}
      onSave={async (body) => {
        const error = await actions.onEdit(message.id, body);
        if (!error) setEditing(false);
        return error;
      }}
    />
  ) : deleted ? (
    <p className="text-[15px] text-stone-500 italic" data-testid="message-deleted">
      {t("deleted")}
    </p>
  ) : (
    <div className="min-w-0 text-[15px] leading-relaxed break-words whitespace-pre-wrap text-stone-800 [overflow-wrap:anywhere]">
      <MessageBody body={message.body} myId={myId} nameOf={nameOf} />
      {message.attachments.length > 0 && <MessageAttachments attachments={message.attachments} />}
      {/* `?? []`: a message from a server that predates link previews (a rolling update) */}
      {(message.linkPreviews ?? []).length > 0 && (
        <LinkPreviews channelId={message.channelId} messageId={message.id} previews={message.linkPreviews} mine={mine} />
      )}
      {edited}
      {!bubbles && unreadBy}
    </div>
  );
  const reactions = message.reactions.length > 0 && (
    <ul className={`mt-1 flex flex-wrap gap-1 ${bubbles && mine ? "justify-end" : ""}`} aria-label={t("reactions")}>
      {message.reactions.map((r) => {
        const reacted = r.userIds.includes(myId);
        return (
          <li key={r.emoji}>
            <button
              type="button"
              onClick={() => actions.onReact(message.id, r.emoji)}
              aria-pressed={reacted}
              title={r.userIds.map((id) => nameOf(id) ?? "?").join(", ")}
              className={`flex h-6 items-center gap-1 rounded-full px-2 text-xs ring-1 ${
                reacted
                  ? "bg-brand-50 font-semibold text-brand-700 ring-brand-300"
                  : "bg-white text-stone-600 ring-stone-200 hover:ring-stone-300"
              }`}
              data-testid="reaction"
            >
              <span>{r.emoji}</span>
              <span>{r.userIds.length}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
  const interactions = useMessageInteractions({ message, mine, editing, actions, onEdit: () => setEditing(true), nameOf });
  const toolbar = !deleted && !editing && (
    <MessageToolbar
      message={message}
      mine={mine}
      myId={myId}
      actions={actions}
      onEdit={() => setEditing(true)}
      nameOf={nameOf}
      interactions={interactions}
    />
  );

  if (bubbles) {
    // Beside the bubble, on the side facing the middle: "unread by N" over the time.
    const meta = (unreadBy || showTime) && (
      <span className={`flex shrink-0 flex-col justify-end gap-0.5 pb-0.5 ${mine ? "items-end" : "items-start"}`} data-testid="bubble-meta">
        {unreadBy}
        {showTime && <MessageTime iso={message.createdAt} className="text-[11px] leading-none whitespace-nowrap text-stone-500" />}
      </span>
    );
    const bubble = (
      <div
        className={`min-w-0 rounded-2xl px-3 py-1.5 ${editing ? "w-full" : ""} ${
          mine ? `bg-amber-200 ${grouped ? "" : "rounded-tr-md"}` : `bg-stone-100 ${showHeader ? "rounded-tl-md" : ""}`
        } [&_pre]:max-w-full [&_pre]:overflow-x-auto`}
        data-testid="bubble"
      >
        {quote}
        {text}
      </div>
    );
    return (
      <div
        {...interactions.rowProps}
        className={`${interactions.rowProps.className} group relative flex gap-2 px-1 ${grouped ? "mt-1" : "mt-3"} ${mine ? "flex-row-reverse" : ""}`}
        data-testid="message"
        data-mine={mine || undefined}
        data-seq={message.seq}
        data-message-id={message.id}
      >
        {!mine && (
          <div className="w-10 shrink-0">{showHeader && <Avatar name={message.author.name} image={message.author.image} size={40} />}</div>
        )}
        <div className={`flex max-w-[min(78%,40rem)] min-w-0 flex-col ${mine ? "items-end" : "items-start"}`}>
          {showHeader && (
            <p className="mb-0.5 text-xs font-semibold text-stone-700" data-testid="message-author">
              <UserName user={message.author} />
            </p>
          )}
          <div className={`flex max-w-full min-w-0 items-end gap-1.5 ${mine ? "flex-row-reverse" : ""} ${editing ? "w-full" : ""}`}>
            {bubble}
            {meta}
          </div>
          {reactions}
        </div>
        {toolbar}
      </div>
    );
  }

  return (
    <div
      {...interactions.rowProps}
      className={`${interactions.rowProps.className} group relative flex gap-3 rounded-md px-1 ${showHeader ? "mt-3 py-0.5" : "py-0.5"} ${
        mentionsMe ? "border-l-2 border-amber-400 bg-amber-50" : "hover:bg-stone-50"
      }`}
      data-testid="message"
      data-seq={message.seq}
      data-message-id={message.id}
    >
      <div className="w-10 shrink-0">
        {showHeader ? (
          <Avatar name={message.author.name} image={message.author.image} size={40} />
        ) : (
          <MessageTime iso={message.createdAt} className="hidden pt-1 text-[10px] text-stone-500 group-hover:block" />
        )}
      </div>
      <div className="min-w-0 flex-1">
        {quote}
        {showHeader && (
          <p className="flex items-baseline gap-2">
            <span className="font-semibold text-stone-900" data-testid="message-author">
              <UserName user={message.author} />
            </span>
            <MessageTime iso={message.createdAt} className="text-xs text-stone-500" />
          </p>
        )}
        {text}
        {reactions}
      </div>

      {toolbar}
    </div>
  );
}

function EditBox({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (body: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const t = useTranslations("chat");
  const errors = useTranslations("errors");
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const code = await onSave(text.trim());
    if (code) setError(errors(code as never));
  };
  return (
    <div className="mt-1">
      <textarea
        autoFocus
        value={text}
        aria-label={t("edit")}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
        className="w-full resize-none rounded-lg bg-stone-100 p-2 text-[15px] ring-1 ring-stone-300 outline-none [field-sizing:content] focus:ring-brand-300"
      />
      <p className="text-xs text-stone-500">
        {t("editHint")}{" "}
        <button type="button" onClick={onCancel} className="font-semibold text-stone-700 underline">
          {t("cancel")}
        </button>{" "}
        ·{" "}
        <button type="button" onClick={() => void save()} className="font-semibold text-brand-600 underline">
          {t("save")}
        </button>
      </p>
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
