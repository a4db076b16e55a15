import { AppShell } from "@/components/app/AppShell";
import { AttachmentLimitsProvider } from "@/components/chat/AttachmentLimits";
import { RealtimeProvider } from "@/components/chat/RealtimeProvider";
import { ProfileProvider } from "@/components/people/ProfileProvider";
import { IncomingCalls } from "@/components/video/IncomingCalls";
import { getConfig } from "@/server/config";
import { requirePageUser } from "@/server/page-user";
import { unreadBySpace } from "@/server/services/reads";
import { listMySpaces } from "@/server/services/spaces";
import { readTimer } from "@/server/study/timer";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const me = await requirePageUser();
  const [spaces, unread, studyTimer] = await Promise.all([listMySpaces(me.id), unreadBySpace(me.id), readTimer(me.id)]);
  return (
    <RealtimeProvider>
      <ProfileProvider me={me}>
        <AttachmentLimitsProvider maxMb={getConfig().abuse.attachmentMaxMb}>
          <AppShell me={me} spaces={spaces.map((s) => ({ ...s, unread: unread[s.id] ?? 0 }))} banner={<IncomingCalls myId={me.id} />} studyTimer={studyTimer}>
            {children}
          </AppShell>
        </AttachmentLimitsProvider>
      </ProfileProvider>
    </RealtimeProvider>
  );
}
