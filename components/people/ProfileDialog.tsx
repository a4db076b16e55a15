"use client";
import { X } from "lucide-react";
import * as RadixDialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode, Result } from "@/lib/errors";
import type { Profile } from "@/lib/realtime/contract";
import { ConfirmDialog } from "@/components/spaces/ConfirmDialog";
import { StudyStatusText } from "@/components/study/StudyStatusLine";
import { useStudyStatuses } from "@/components/study/useStudyStatuses";
import { peopleApi } from "./api";
import { useUndoablePeopleChange } from "./useUndoablePeopleChange";

/** A person's profile card: background, picture, name, status message, and what the viewer can do. */
export function ProfileDialog({
  userId,
  myId,
  onClose,
  onEdit,
}: {
  userId: string;
  myId: string;
  onClose: () => void;
  onEdit: () => void;
}) {
  const t = useTranslations("people");
  const tu = useTranslations("onboarding");
  const errorText = useErrorText();
  const router = useRouter();
  const { socket } = useRealtime();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<"unfriend" | "block" | null>(null);
  const undoable = useUndoablePeopleChange();
  // The server shows it only to people who may see this person's presence.
  const study = useStudyStatuses([userId])[userId];

  const load = useCallback(async () => {
    const res = await peopleApi.profile(userId);
    if (res.ok) setProfile(res.profile);
    else setError(res.error.code);
  }, [userId]);

  useEffect(() => {
    void load();
    if (!socket) return;
    const reload = () => void load();
    const onProfile = (e: { userId: string }) => {
      if (e.userId === userId) reload();
    };
    socket.on("friends:changed", reload);
    socket.on("profile:changed", onProfile);
    return () => {
      socket.off("friends:changed", reload);
      socket.off("profile:changed", onProfile);
    };
  }, [load, socket]);

  const act = async (run: () => Promise<Result>) => {
    setBusy(true);
    setError(null);
    const res = await run();
    setBusy(false);
    if (!res.ok) setError(res.error.code);
    await load();
  };

  const openChat = async () => {
    setBusy(true);
    setError(null);
    const res = await peopleApi.openDm(userId);
    setBusy(false);
    if (!res.ok) return setError(res.error.code);
    onClose();
    router.push(`/chats/${res.channelId}`);
  };

  const mine = userId === myId;
  const name = profile?.name ?? "";

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <RadixDialog.Content
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-sm -translate-x-1/2 -translate-y-1/2 overflow-hidden rounded-2xl bg-white shadow-xl"
          data-testid="profile-card"
        >
          <div
            className="relative h-36 bg-gradient-to-br from-brand-400 to-brand-700 bg-cover bg-center"
            style={profile?.backgroundImage ? { backgroundImage: `url(${profile.backgroundImage})` } : undefined}
            data-testid="profile-background"
            data-image={profile?.backgroundImage ?? ""}
          >
            <RadixDialog.Close
              aria-label={t("close")}
              className="absolute top-2 right-2 flex h-8 w-8 items-center justify-center rounded-full bg-black/30 text-lg text-white hover:bg-black/50"
            >
              <X size={18} aria-hidden="true" />
            </RadixDialog.Close>
          </div>
          <div className="flex flex-col items-center px-6 pb-6">
            <div className="relative -mt-12 rounded-full bg-white p-1" data-testid="profile-avatar" data-image={profile?.image ?? ""}>
              <Avatar name={name || "?"} image={profile?.image ?? null} size={88} />
            </div>
            <RadixDialog.Title className="mt-2 max-w-full truncate text-xl font-bold" data-testid="profile-name">
              {profile ? name : t("loading")}
            </RadixDialog.Title>
            <RadixDialog.Description
              className={`mt-1 max-w-full text-center text-sm break-words ${profile?.statusMessage ? "text-stone-600" : "text-stone-400"}`}
              data-testid="profile-status"
            >
              {profile?.statusMessage || t("noStatus")}
            </RadixDialog.Description>
            {profile && !mine && (profile.blocked || profile.friend !== "none") && (
              <p className="mt-2 rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium text-stone-600" data-testid="friend-state">
                {t(`state.${profile.blocked ? "blocked" : (profile.friend as "friends" | "outgoing" | "incoming")}`)}
              </p>
            )}
            {study && (
              <p
                className="mt-2 max-w-full truncate rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200"
                data-testid="profile-studying"
              >
                <StudyStatusText status={study} />
              </p>
            )}
            {error && (
              <div className="mt-3 w-full">
                <Alert>{errorText(error)}</Alert>
              </div>
            )}
            {profile && (
              <div className="mt-4 flex w-full flex-col gap-2">
                {mine ? (
                  <Button onClick={onEdit}>{t("editProfile")}</Button>
                ) : profile.blocked ? (
                  <Button variant="secondary" disabled={busy} onClick={() => act(() => peopleApi.unblock(userId))}>
                    {t("actions.unblock")}
                  </Button>
                ) : (
                  <>
                    <div className="flex gap-2">
                      <FriendActions profile={profile} busy={busy} act={act} onRemove={() => setConfirming("unfriend")} />
                      <Button
                        variant={profile.friend === "friends" ? "primary" : "secondary"}
                        className="flex-1"
                        disabled={busy}
                        onClick={openChat}
                      >
                        {t("actions.chat")}
                      </Button>
                    </div>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => setConfirming("block")}
                      className="self-center rounded-md px-2 py-1 text-xs font-medium text-stone-500 hover:bg-red-50 hover:text-red-600"
                    >
                      {t("actions.block")}
                    </button>
                  </>
                )}
              </div>
            )}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
      {confirming && profile && (
        <ConfirmDialog
          title={tu(`${confirming}Title`, { name })}
          description={tu(`${confirming}Hint`)}
          confirmLabel={t(confirming === "unfriend" ? "actions.remove" : "actions.block")}
          onConfirm={() => undoable.run(confirming, profile.id, name)}
          onClose={() => setConfirming(null)}
          // Done: the card closes, so the toast's Undo is in reach (a modal card would cover it).
          onDone={onClose}
        />
      )}
    </RadixDialog.Root>
  );
}

/** The friend buttons for where the viewer stands with this person. */
function FriendActions({
  profile,
  busy,
  act,
  onRemove,
}: {
  profile: Profile;
  busy: boolean;
  act: (run: () => Promise<Result>) => Promise<void>;
  onRemove: () => void;
}) {
  const t = useTranslations("people");
  const id = profile.id;
  switch (profile.friend) {
    case "none":
      return (
        <Button className="flex-1" disabled={busy} onClick={() => act(() => peopleApi.request(id))}>
          {t("actions.add")}
        </Button>
      );
    case "outgoing":
      return (
        <Button variant="secondary" className="flex-1" disabled={busy} onClick={() => act(() => peopleApi.cancel(id))}>
          {t("actions.cancel")}
        </Button>
      );
    case "incoming":
      return (
        <>
          <Button className="flex-1" disabled={busy} onClick={() => act(() => peopleApi.accept(id))}>
            {t("actions.accept")}
          </Button>
          <Button variant="secondary" className="flex-1" disabled={busy} onClick={() => act(() => peopleApi.decline(id))}>
            {t("actions.decline")}
          </Button>
        </>
      );
    case "friends":
      return (
        <Button variant="secondary" className="flex-1" disabled={busy} onClick={onRemove}>
          {t("actions.remove")}
        </Button>
      );
  }
}
