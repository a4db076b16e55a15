import { getTranslations } from "next-intl/server";
import { UserMenu } from "@/components/app/AppShell";
import { StudyNav } from "@/components/study/StudyNav";
import { StatsScreen } from "@/components/study-stats/StatsScreen";
import { requirePageUser } from "@/server/page-user";
import { getStudyStats } from "@/server/study/stats";

export async function generateMetadata() {
  return { title: (await getTranslations("studyStats"))("title") };
}

/** One's own study stats (server/study/stats.ts), read with the page. */
export default async function StudyStatsPage() {
  const me = await requirePageUser();
  const stats = await getStudyStats(me.id);
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col">
      <StudyNav />
      <StatsScreen stats={stats} />
      <div className="md:hidden">
        <UserMenu me={me} />
      </div>
    </div>
  );
}
