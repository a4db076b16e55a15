import { redirect } from "next/navigation";
import { AppShell } from "@/components/app/AppShell";
import { RealtimeProvider } from "@/components/chat/RealtimeProvider";
import { ProfileProvider } from "@/components/people/ProfileProvider";
import { IncomingCalls } from "@/components/video/IncomingCalls";
import { currentUser } from "@/server/auth";
import { unreadBySpace } from "@/server/services/reads";
import { listMySpaces } from "@/server/services/spaces";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const me = await currentUser();
  if (!me) redirect("/signin");
  const [spaces, unread] = await Promise.all([listMySpaces(me.id), unreadBySpace(me.id)]);
  return (
    <RealtimeProvider>
      <ProfileProvider me={me}>
        <AppShell me={me} spaces={spaces.map((s) => ({ ...s, unread: unread[s.id] ?? 0 }))}>
          {children}
        </AppShell>
      </ProfileProvider>
      <IncomingCalls myId={me.id} />
    </RealtimeProvider>
  );
}
