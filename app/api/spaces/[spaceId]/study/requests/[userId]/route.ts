import { STUDY_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { decideJoinRequest } from "@/server/services/study-requests";

/** An owner or admin approves or declines someone's pending join request. */
export const POST = apiRoute(STUDY_ROUTES.decideRequest, async ({ user, params, body }) =>
  decideJoinRequest(user.id, params.spaceId!, params.userId!, body),
);
