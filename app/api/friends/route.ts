import { userRoute } from "@/server/http";
import { getFriendsOverview } from "@/server/services/friends";

/** Friends, requests both ways and blocked people, for the friends screen. */
export const GET = userRoute(async (user) => ({ overview: await getFriendsOverview(user.id) }));
