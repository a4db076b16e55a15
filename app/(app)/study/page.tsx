import { getTranslations } from "next-intl/server";
import { UserMenu } from "@/components/app/AppShell";
import { StudyNav } from "@/components/study/StudyNav";
import { StudyScreen } from "@/components/study/StudyScreen";
import { LIMITS } from "@/lib/limits";
import { requirePageUser } from "@/server/page-user";
import { listSessions } from "@/server/study/sessions";
import { getStudySettings, hasStudySettings } from "@/server/study/settings";

export async function generateMetadata() {
  return { title: (await getTranslations("studyTimer"))("title") };
}

export default async function StudyPage() {
  const me = await requirePageUser();
  const [page, settings, stored] = await Promise.all([
    listSessions(me.id, { limit: LIMITS.studySessionsPageSize }),
    getStudySettings(me.id),
    hasStudySettings(me.id),
  ]);
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col">
      <StudyNav />
      <StudyScreen initialPage={page} initialSettings={settings} hasSettings={stored} />
      <div className="md:hidden">
        <UserMenu me={me} />
      </div>
    </div>
  );
}
