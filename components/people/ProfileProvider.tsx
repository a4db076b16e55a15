"use client";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import type { UserSummary } from "@/lib/realtime/contract";
import dynamic from "next/dynamic";

// Loaded when first opened, so every signed-in page does not carry them from the start.
const ProfileDialog = dynamic(() => import("./ProfileDialog").then((m) => m.ProfileDialog));
const EditProfileDialog = dynamic(() => import("./EditProfileDialog").then((m) => m.EditProfileDialog));

interface ProfileCardValue {
  /** Shows this user's profile card. */
  open: (userId: string) => void;
  /** Opens the signed-in user's "Edit profile" dialog. */
  editMine: () => void;
  me: UserSummary | null;
}

const ProfileCardContext = createContext<ProfileCardValue>({ open: () => undefined, editMine: () => undefined, me: null });

/**
 * One profile card and one "Edit profile" dialog for the whole signed-in app, so any place a
 * name shows can open them. A profile edit (another tab's, or of someone on screen) re-renders
 * the pages, once for a burst.
 */
export function ProfileProvider({ me, children }: { me: UserSummary; children: React.ReactNode }) {
  const router = useRouter();
  const { socket } = useRealtime();
  const [shown, setShown] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChanged = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 200);
    };
    socket.on("profile:changed", onChanged);
    return () => {
      clearTimeout(timer);
      socket.off("profile:changed", onChanged);
    };
  }, [socket, router]);

  const open = useCallback((userId: string) => setShown(userId), []);
  const editMine = useCallback(() => {
    setShown(null);
    setEditing(true);
  }, []);
  const value = useMemo(() => ({ open, editMine, me }), [open, editMine, me]);

  return (
    <ProfileCardContext.Provider value={value}>
      {children}
      {shown && <ProfileDialog key={shown} userId={shown} myId={me.id} onClose={() => setShown(null)} onEdit={editMine} />}
      {editing && <EditProfileDialog myId={me.id} onClose={() => setEditing(false)} />}
    </ProfileCardContext.Provider>
  );
}

export function useProfileCard(): ProfileCardValue {
  return useContext(ProfileCardContext);
}
