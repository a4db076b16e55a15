"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { UserName } from "@/components/people/UserName";
import { parseBody, plainText } from "@/lib/mentions";
import { MessageBody } from "./MessageBody";
import { MessageToolbar } from "./MessageToolbar";
import { useSystemText } from "@/components/conversations/useSystemText";
import type { ChatMessage } from "@/lib/realtime/contract";

export interface MessageActions {
  onReply: (message: ChatMessage) => void;
  onEdit: (messageId: string, body: string) => Promise<string | null>;
  onDelete: (messageId: string) => void;
  onReact: (messageId: string, emoji: string) => void;
  onJumpTo: (seq: number) => void;
}

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
}

export function MessageRow({
  blocked = false,
  ...row
}: RowProps & {
  /** The reader blocked its author. */
  blocked?: boolean;
}) {
  const [revealed, setRevealed] = useState(false);
  if (row.message.system) return <SystemLine message={row.message} />;
  if (blocked && !revealed) return <BlockedLine message={row.message} onReveal={() => setRevealed(true)} />;
  return <UserMessage {...row} />;
}

function SystemLine({ message }: { message: ChatMessage }) {
  const systemText = useSystemText();
  return (
    <div className="my-2 flex justify-center px-4" data-testid="system-message" data-seq={message.seq} data-message-id={message.id}>
      <p className="rounded-full bg-stone-100 px-3 py-1 text-center text-xs text-stone-500">{systemText(message.system!)}</p>
    </div>
  );
}

function BlockedLine({ message, onReveal }: { message: ChatMessage; onReveal: () => void }) {
  const t = useTranslations("chat");
  return (
    <div className="mt-1 py-0.5 pl-[52px]" data-testid="blocked-message" data-seq={message.seq} data-message-id={message.id}>
      <button type="button" onClick={onReveal} className="text-sm text-stone-400 italic hover:text-stone-600">
        {t("blockedMessage")} · <span className="font-semibold not-italic underline">{t("showBlocked")}</span>
      </button>
    </div>
  );
}

function UserMessage({ message, grouped, unread, myId, nameOf, actions, quoteBlocked = false }: RowProps) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const created = new Date(message.createdAt);
  const time = format.dateTime(created, { hour: "numeric", minute: "2-digit" });
  const mine = message.author.id === myId;
  const deleted = message.deletedAt !== null;
  const mentionsMe = !deleted && parseBody(message.body).some((p) => "mention" in p && p.mention === myId);
  const showHeader = !grouped || message.replyTo !== null;

  return (
    <div
      className={`group relative flex gap-3 rounded-md px-1 ${showHeader ? "mt-3 py-0.5" : "py-0.5"} ${
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
          <time dateTime={message.createdAt} className="hidden pt-1 text-[10px] text-stone-400 group-hover:block">
            {time}
          </time>
        )}
      </div>
      <div className="min-w-0 flex-1">
        {message.replyTo && (
          <button
            type="button"
            onClick={() => actions.onJumpTo(message.replyTo!.seq)}
            className="mb-0.5 flex max-w-full items-center gap-1 truncate text-left text-xs text-stone-500 hover:text-stone-800"
            data-testid="reply-quote"
          >
            <span aria-hidden>↪</span>
            <span className="font-semibold">{message.replyTo.authorName}</span>
            <span className="truncate">
              {message.replyTo.deleted
                ? t("deletedQuote")
                : quoteBlocked
                  ? t("blockedMessage")
                  : plainText(message.replyTo.excerpt, nameOf)}
            </span>
          </button>
        )}
        {showHeader && (
          <p className="flex items-baseline gap-2">
            <span className="font-semibold text-stone-900" data-testid="message-author">
              <UserName user={message.author} />
            </span>
            <time
              dateTime={message.createdAt}
              className="text-xs text-stone-400"
              title={format.dateTime(created, { dateStyle: "long", timeStyle: "short" })}
            >
              {time}
            </time>
          </p>
        )}
        {editing ? (
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
          <p className="text-[15px] text-stone-400 italic" data-testid="message-deleted">
            {t("deleted")}
          </p>
        ) : (
          <div className="min-w-0 break-words whitespace-pre-wrap text-[15px] leading-relaxed text-stone-800">
            <MessageBody body={message.body} myId={myId} nameOf={nameOf} />
            {message.editedAt && <span className="ml-1 text-[11px] text-stone-400">{t("edited")}</span>}
            {unread > 0 && (
              <span
                className="ml-1.5 align-baseline text-xs font-bold text-amber-500"
                data-testid="unread-by"
                title={t("unreadBy", { count: unread })}
              >
                {unread}
              </span>
            )}
          </div>
        )}
        {message.reactions.length > 0 && (
          <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("reactions")}>
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
        )}
      </div>

      {!deleted && !editing && <MessageToolbar message={message} mine={mine} actions={actions} onEdit={() => setEditing(true)} />}
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
