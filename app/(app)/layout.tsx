import { redirect } from "next/navigation";
import { AppShell } from "@/components/app/AppShell";
import { RealtimeProvider } from "@/components/chat/RealtimeProvider";
import { currentUser } from "@/server/auth";
import { listMySpaces } from "@/server/services/spaces";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const me = await currentUser();
  if (!me) redirect("/signin");
  const spaces = await listMySpaces(me.id);
  return (
    <RealtimeProvider>
      <AppShell me={me} spaces={spaces}>
        {children}
      </AppShell>
    </RealtimeProvider>
  );
}
