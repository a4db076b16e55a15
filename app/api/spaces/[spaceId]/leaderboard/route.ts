import { STUDY_STATS_ROUTES } from "@/lib/api/study-stats";
import { apiRoute } from "@/server/http";
import { getLeaderboard } from "@/server/study/leaderboard";

/** The space's study leaderboard, for its members (server/study/leaderboard.ts). */
export const GET = apiRoute(STUDY_STATS_ROUTES.getLeaderboard, async ({ user, params, query }) => ({
  leaderboard: await getLeaderboard(user.id, params.spaceId!, query.period),
}));
