import { SpaceScreen } from "@/components/spaces/SpaceScreen";
import { spacePageData } from "@/server/page-space";
import { requirePageUser } from "@/server/page-user";
import { getLeaderboard } from "@/server/study/leaderboard";

/** The space's study leaderboard, in place of a channel (the channel list and members stay); members only (a 404 otherwise). */
export default async function LeaderboardPage({ params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  const me = await requirePageUser();
  const { screen, page: leaderboard } = await spacePageData(me, spaceId, () => getLeaderboard(me.id, spaceId, "today"));
  return <SpaceScreen {...screen} channel={null} leaderboard={leaderboard} />;
}
