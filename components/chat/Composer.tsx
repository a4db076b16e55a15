"use client";
import { Paperclip, RotateCw, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { focusComposerAfterSwitch } from "@/components/keyboard/navigation";
import { mentionToken } from "@/lib/mentions";
import type { Attachment, ChatMessage, UserSummary } from "@/lib/realtime/contract";
import { EmojiButton } from "./EmojiPicker";
import { formatBytes } from "./MessageAttachments";
import type { AttachmentUploads } from "./useAttachmentUploads";
import { useMarkdown } from "./useMarkdown";

const MENTION_QUERY = /(^|\s)@([^\s@]{0,32})$/;

/**
 * The message box: Enter sends, Shift+Enter breaks the line (and Enter while a Korean IME is
 * composing does neither); "@" suggests members; shows the count near the limit. Files come
 * in by the paperclip, a paste or a drop anywhere on the chat (ChatView holds the uploads);
 * each uploads at once with its progress, and the message (with an optional caption) goes out
 * once they are all stored.
 */
export function Composer({
  channelName,
  onSend,
  onTyping,
  maxChars,
  members,
  nameOf,
  replyingTo,
  onCancelReply,
  placeholder,
  onEditLast,
  files,
}: {
  channelName: string;
  onSend: (body: string, attachments: Attachment[]) => void;
  onTyping: () => void;
  maxChars: number;
  members: UserSummary[];
  nameOf: (userId: string) => string | undefined;
  replyingTo: ChatMessage | null;
  onCancelReply: () => void;
  /** Instead of "Message #channel" (a dm: "Message Bob"). */
  placeholder?: string;
  /** ↑ in the empty box: open the editor of the user's last message (false: there is none). */
  onEditLast?: () => boolean;
  /** The files picked, pasted or dropped for this message. */
  files: AttachmentUploads;
}) {
  const t = useTranslations("chat");
  const te = useTranslations("errors");
  const markdown = useMarkdown();
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<Map<string, string>>(new Map()); // "@name" → userId
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes once a picked mention is on screen (before the next keystroke). */
  const caretAfterRender = useRef<number | null>(null);

  // A box for another channel or chat (a switch): it takes the focus.
  const label = placeholder ?? channelName;
  useEffect(() => focusComposerAfterSwitch(box.current), [label]);

  useLayoutEffect(() => {
    if (caretAfterRender.current === null) return;
    box.current?.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
    caretAfterRender.current = null;
  }, [text]);

  const body = [...picked].reduce((b, [label, id]) => b.split(label).join(mentionToken(id)), text.trim());
  const tooLong = body.length > maxChars;
  const suggestions = query === null ? [] : members.filter((m) => m.name.toLowerCase().includes(query.toLowerCase())).slice(0, 6);

  const canSend = !tooLong && !files.busy && (text.trim().length > 0 || files.ready);

  function submit() {
    if (!canSend) return;
    onSend(body, files.uploads.flatMap((u) => (u.attachment ? [u.attachment] : [])));
    files.clear();
    setText("");
    setPicked(new Map());
    setQuery(null);
  }

  function choose(member: UserSummary) {
    const el = box.current;
    const caret = el?.selectionStart ?? text.length;
    const before = text.slice(0, caret).replace(MENTION_QUERY, (_m, lead: string) => `${lead}@${member.name} `);
    const next = before + text.slice(caret);
    setText(next);
    setPicked((p) => new Map(p).set(`@${member.name}`, member.id));
    setQuery(null);
    caretAfterRender.current = before.length;
  }

  /** An emoji from the picker goes in at the caret (or over the selection), and typing goes on after it. */
  function insertEmoji(emoji: string) {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    setText(text.slice(0, start) + emoji + text.slice(end));
    caretAfterRender.current = start + emoji.length;
    el?.focus();
  }

  function onChange(value: string, caret: number) {
    setText(value);
    const match = MENTION_QUERY.exec(value.slice(0, caret));
    setQuery(match ? match[2]! : null);
    setActive(0);
    if (value.trim()) onTyping();
  }

  return (
    <form
      className="relative shrink-0 px-3 pb-3 sm:px-4 sm:pb-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="composer"
    >
      {suggestions.length > 0 && (
        <ul
          role="listbox"
          aria-label={t("mentionList")}
          className="absolute bottom-full left-4 z-20 mb-1 w-64 overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-stone-200"
        >
          {suggestions.map((m, i) => (
            <li key={m.id} role="option" aria-selected={i === active}>
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(m)}
                className={`block w-full truncate px-3 py-2 text-left text-sm ${i === active ? "bg-brand-50 text-brand-700" : "hover:bg-stone-50"}`}
              >
                @{m.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {replyingTo && (
        <div className="flex items-center gap-2 rounded-t-xl bg-stone-200/70 px-3 py-1.5 text-xs text-stone-600" data-testid="replying-to">
          <span className="min-w-0 flex-1 truncate">
            <span className="font-semibold">{t("replyingTo", { name: replyingTo.author.name })}</span> ·{" "}
            {markdown.plain(replyingTo.body, nameOf)}
          </span>
          <button type="button" onClick={onCancelReply} aria-label={t("cancelReply")} className="rounded p-0.5 hover:bg-stone-300">
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      )}
      {files.uploads.length > 0 && (
        <ul className="mb-1 flex flex-wrap gap-2" aria-label={t("attachments")} data-testid="composer-uploads">
          {files.uploads.map((u) => (
            <li
              key={u.localId}
              className={`flex w-56 max-w-full items-center gap-2 rounded-lg px-2 py-1.5 text-xs ring-1 ${
                u.state === "failed" ? "bg-red-50 text-red-800 ring-red-200" : "bg-white text-stone-700 ring-stone-200"
              }`}
              data-testid="composer-upload"
              data-state={u.state}
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium" title={u.name}>
                  {u.name}
                </span>
                {u.state === "failed" ? (
                  <span className="block truncate" role="alert" title={u.tooLarge ? t("tooLargeFor", u.tooLarge) : undefined}>
                    {u.tooLarge ? t("tooLargeFor", u.tooLarge) : te.has(u.error ?? "internal") ? te(u.error ?? "internal") : te("internal")}
                  </span>
                ) : u.state === "uploading" ? (
                  <span
                    role="progressbar"
                    aria-label={t("uploading", { name: u.name })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(u.progress * 100)}
                    className="mt-1 block h-1 overflow-hidden rounded bg-stone-200"
                  >
                    <span className="block h-full bg-brand-500 transition-[width]" style={{ width: `${Math.round(u.progress * 100)}%` }} />
                  </span>
                ) : (
                  <span className="block text-stone-500">{formatBytes(u.bytes)}</span>
                )}
              </span>
              {u.state === "failed" && !u.tooLarge && (
                <button type="button" onClick={() => files.retry(u.localId)} aria-label={t("retryUpload", { name: u.name })} className="rounded p-1 hover:bg-red-100">
                  <RotateCw size={14} aria-hidden />
                </button>
              )}
              <button
                type="button"
                onClick={() => files.remove(u.localId)}
                aria-label={u.state === "uploading" ? t("cancelUpload", { name: u.name }) : t("removeFile", { name: u.name })}
                className="rounded p-1 hover:bg-stone-100"
              >
                <X size={14} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div
        className={`flex items-end gap-2 bg-stone-100 p-2 ring-1 ${replyingTo ? "rounded-b-xl" : "rounded-xl"} ${
          tooLong ? "ring-red-400" : "ring-stone-200 focus-within:ring-brand-300"
        }`}
      >
        <div className="relative min-w-0 flex-1">
          <textarea
            ref={box}
            data-composer=""
            value={text}
            onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
            onPaste={(e) => {
              // A copied picture or file is attached; copied text pastes as usual.
              if (e.clipboardData.files.length === 0) return;
              e.preventDefault();
              files.add(e.clipboardData.files);
            }}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (suggestions.length > 0) {
                if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((a) => (a + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
                  return;
                }
                if (e.key === "Enter" || e.key === "Tab") {
                  e.preventDefault();
                  choose(suggestions[active]!);
                  return;
                }
                if (e.key === "Escape") {
                  setQuery(null);
                  return;
                }
              }
              if (e.key === "Escape" && replyingTo) onCancelReply();
              if (e.key === "ArrowUp" && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && text === "" && onEditLast?.()) {
                e.preventDefault();
                return;
              }
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                submit();
              }
            }}
            rows={1}
            placeholder={placeholder ?? t("placeholder", { channel: channelName })}
            aria-label={placeholder ?? t("placeholder", { channel: channelName })}
            // Empty, the box is one line (sized by its content, the placeholder grew it to two lines
            // for "#채널이름에 메시지 보내기" on a phone); typed text grows it. Chromium clips a
            // textarea's placeholder without "…" whatever its CSS, so the placeholder seen is the
            // span below (the attribute stays for what reads it) and ends in an ellipsis.
            className={`block max-h-40 min-h-9 w-full resize-none bg-transparent px-2 py-1.5 text-[15px] outline-none placeholder:text-transparent ${
              text === "" ? "h-9 overflow-hidden" : "[field-sizing:content]"
            }`}
          />
          {text === "" && (
            <span
              aria-hidden
              className="pointer-events-none absolute inset-x-2 top-1.5 truncate text-[15px] text-stone-600"
              data-testid="composer-placeholder"
            >
              {placeholder ?? t("placeholder", { channel: channelName })}
            </span>
          )}
        </div>
        {/* After the box, as the emoji button is: Shift+Tab from the box goes back to the messages. */}
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(e) => {
            if (e.target.files) files.add(e.target.files);
            e.target.value = "";
            box.current?.focus();
          }}
        />
        <button
          type="button"
          onClick={() => picker.current?.click()}
          aria-label={t("attach")}
          title={t("attach")}
          className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-200 hover:text-stone-900"
        >
          <Paperclip size={18} aria-hidden />
        </button>
        <EmojiButton
          onPick={insertEmoji}
          className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-200 hover:text-stone-900"
        />
        <button
          type="submit"
          disabled={!canSend}
          className="h-9 rounded-lg bg-brand-500 px-4 text-sm font-semibold text-white transition hover:bg-brand-600 disabled:bg-stone-300"
        >
          {t("send")}
        </button>
      </div>
      {body.length > maxChars * 0.9 && (
        <p className={`mt-1 text-right text-xs ${tooLong ? "text-red-600" : "text-stone-400"}`} role={tooLong ? "alert" : undefined}>
          {t("tooLong", { count: body.length, max: maxChars })}
        </p>
      )}
    </form>
  );
}
