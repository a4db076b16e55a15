"use client";
import { X } from "lucide-react";
import * as RadixDialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { usePresence } from "@/components/chat/RealtimeProvider";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson, sendJson } from "@/lib/api-client";
import type { ConversationView } from "@/lib/conversations";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import { ConversationAvatar } from "./ConversationAvatar";
import { PeoplePicker, useContacts } from "./PeoplePicker";
import { PhotoPicker } from "./PhotoPicker";
import { useConversationTitle } from "./useConversationTitle";
import { UserName } from "@/components/people/UserName";

/** A group's side panel: its photo and name (any member may change them), members, invite, leave. */
export function MembersPanel({
  me,
  view,
  open,
  onOpenChange,
}: {
  me: UserSummary;
  view: ConversationView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("conversations");
  const errorText = useErrorText();
  const router = useRouter();
  const presence = usePresence(open ? view.members.map((m) => m.id) : []);
  const [renaming, setRenaming] = useState(false);
  const title = useConversationTitle()(view, view.members.filter((m) => m.id !== me.id));
  // An unnamed group's rename box starts empty (its title is the others' names, not a name).
  const ownName = view.named ? view.name : "";
  const [name, setName] = useState(ownName);
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const channelId = view.channel.id;

  async function update(body: { name?: string; image?: string }) {
    setError(null);
    const result = await sendJson("PATCH", `/api/conversations/${channelId}`, body);
    if (!result.ok) return setError(errorText(result.error.code));
    setRenaming(false);
    router.refresh();
  }

  async function leave() {
    const result = await postJson(`/api/conversations/${channelId}/leave`);
    if (!result.ok) return setError(errorText(result.error.code));
    setLeaving(false);
    onOpenChange(false);
    router.push("/chats");
    router.refresh();
  }

  return (
    <>
      <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="fixed inset-0 z-30 bg-black/30" />
          <RadixDialog.Content
            className="fixed inset-y-0 right-0 z-30 flex w-full max-w-sm flex-col bg-white shadow-xl"
            data-testid="members-panel"
          >
            <header className="flex h-14 shrink-0 items-center border-b border-stone-200 px-4">
              <RadixDialog.Title className="flex-1 font-bold">{t("info")}</RadixDialog.Title>
              <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
              <RadixDialog.Close aria-label={t("cancel")} className="rounded-md p-1.5 text-stone-500 hover:bg-stone-100">
                <X size={20} aria-hidden="true" />
              </RadixDialog.Close>
            </header>
            <div className="flex-1 overflow-y-auto">
              <section className="flex flex-col items-center gap-3 border-b border-stone-200 px-4 py-5">
                <ConversationAvatar
                  kind="group"
                  name={title}
                  image={view.image}
                  members={view.members.filter((m) => m.id !== me.id)}
                  size={72}
                />
                {renaming ? (
                  <form
                    className="flex w-full gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void update({ name });
                    }}
                  >
                    <input
                      autoFocus
                      value={name}
                      maxLength={LIMITS.channelNameMaxChars}
                      onChange={(e) => setName(e.target.value)}
                      aria-label={t("groupName")}
                      placeholder={title}
                      className="h-10 min-w-0 flex-1 rounded-lg border border-stone-300 px-3 text-[15px] outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
                    />
                    <Button type="submit" disabled={!name.trim()} className="h-10">
                      {t("save")}
                    </Button>
                  </form>
                ) : (
                  <p className="text-center text-lg font-bold break-all">{title}</p>
                )}
                <div className="flex flex-wrap justify-center gap-2">
                  {!renaming && (
                    <Button
                      variant="secondary"
                      className="h-9"
                      onClick={() => {
                        setName(ownName);
                        setRenaming(true);
                      }}
                    >
                      {t("rename")}
                    </Button>
                  )}
                  <PhotoPicker
                    preview={false}
                    image={view.image}
                    onChange={(image) => void update({ image })}
                    onError={(code) => setError(errorText(code))}
                  />
                </div>
                {error && <Alert>{error}</Alert>}
              </section>
              <section className="px-2 py-3" aria-label={t("members", { count: view.members.length })}>
                <div className="flex items-center px-2 pb-2">
                  <h3 className="flex-1 text-xs font-semibold tracking-wide text-stone-500 uppercase">
                    {t("members", { count: view.members.length })}
                  </h3>
                  <Button variant="secondary" className="h-8 px-3" onClick={() => setInviting(true)}>
                    + {t("invite")}
                  </Button>
                </div>
                <ul data-testid="group-members">
                  {view.members.map((m) => (
                    <li key={m.id} className="flex items-center gap-3 rounded-lg px-2 py-1.5" data-testid="group-member">
                      <span className="relative">
                        <Avatar name={m.name} image={m.image} size={36} />
                        <span
                          className={`absolute -right-0.5 -bottom-0.5 h-3 w-3 rounded-full ring-2 ring-white ${
                            presence[m.id] === "online" ? "bg-emerald-500" : presence[m.id] === "idle" ? "bg-amber-400" : "bg-stone-300"
                          }`}
                        />
                      </span>
                      <span className="flex min-w-0 flex-1 items-baseline gap-1 font-medium">
                        <UserName user={m} />
                        {m.id === me.id && <span className="shrink-0 text-sm font-normal text-stone-400">{t("you")}</span>}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
            <footer className="border-t border-stone-200 p-3">
              <button
                type="button"
                onClick={() => setLeaving(true)}
                className="h-10 w-full rounded-lg text-sm font-semibold text-red-600 hover:bg-red-50 hover:text-red-700"
              >
                {t("leave")}
              </button>
            </footer>
          </RadixDialog.Content>
        </RadixDialog.Portal>
      </RadixDialog.Root>

      <InviteDialog view={view} title={title} open={inviting} onOpenChange={setInviting} />

      <Dialog open={leaving} onOpenChange={setLeaving} title={t("leaveTitle", { name: title })} description={t("leaveBody")}>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setLeaving(false)}>
            {t("cancel")}
          </Button>
          <button
            type="button"
            onClick={() => void leave()}
            className="inline-flex h-10 items-center rounded-lg bg-red-600 px-4 text-sm font-semibold text-white hover:bg-red-700 active:bg-red-800"
          >
            {t("leave")}
          </button>
        </div>
      </Dialog>
    </>
  );
}

/** Invite more people (any member may), from the user's contacts who are not in the group yet. */
function InviteDialog({
  view,
  title,
  open,
  onOpenChange,
}: {
  view: ConversationView;
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("conversations");
  const errorText = useErrorText();
  const router = useRouter();
  const contacts = useContacts(open);
  const [selected, setSelected] = useState<UserSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inGroup = new Set(view.members.map((m) => m.id));
  const room = LIMITS.groupChatMaxMembers - view.members.length;

  function close(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setSelected([]);
      setError(null);
    }
  }

  async function invite() {
    setBusy(true);
    const result = await postJson(`/api/conversations/${view.channel.id}/members`, { userIds: selected.map((p) => p.id) });
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error.code));
    close(false);
    router.refresh();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={t("inviteTitle", { name: title })}
      description={t("groupLimit", { max: LIMITS.groupChatMaxMembers })}
    >
      <div className="flex flex-col gap-4">
        <PeoplePicker
          people={contacts && contacts.filter((p) => !inGroup.has(p.id))}
          selected={selected}
          onChange={setSelected}
          max={Math.max(0, room)}
        />
        {error && <Alert>{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => close(false)}>
            {t("cancel")}
          </Button>
          <Button disabled={selected.length === 0 || busy} onClick={() => void invite()}>
            {t("inviteButton", { count: selected.length })}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
