import { getTranslations } from "next-intl/server";
import { UserMenu } from "@/components/app/AppShell";
import { StudyNav } from "@/components/study/StudyNav";
import { StudyDirectory } from "@/components/study/StudyDirectory";
import { requirePageUser } from "@/server/page-user";
import { listDirectory } from "@/server/services/study-groups";

export async function generateMetadata() {
  return { title: (await getTranslations("study"))("directoryTitle") };
}

/** The directory of listed study groups (server/services/study-groups.ts), its first page read with the page. */
export default async function StudyGroupsPage() {
  const me = await requirePageUser();
  const first = await listDirectory(me.id, {});
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col">
      <StudyNav />
      <StudyDirectory first={first} />
      <div className="md:hidden">
        <UserMenu me={me} />
      </div>
    </div>
  );
}
