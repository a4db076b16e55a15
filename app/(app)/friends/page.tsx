import { getTranslations } from "next-intl/server";
import { UserMenu } from "@/components/app/AppShell";
import { FriendsScreen } from "@/components/people/FriendsScreen";
import { requirePageUser } from "@/server/page-user";
import { getFriendsOverview } from "@/server/services/friends";
import { getProfile } from "@/server/services/profiles";

export async function generateMetadata() {
  return { title: (await getTranslations("people"))("title") };
}

export default async function FriendsPage() {
  const me = await requirePageUser();
  const [overview, profile] = await Promise.all([getFriendsOverview(me.id), getProfile(me.id, me.id)]);
  return (
    <div className="flex min-w-0 flex-1 flex-col bg-white">
      <FriendsScreen me={profile} initial={overview} />
      <div className="md:hidden">
        <UserMenu me={me} />
      </div>
    </div>
  );
}
