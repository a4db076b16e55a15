import { STUDY_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { cancelJoinRequest, listJoinRequests, requestToJoin } from "@/server/services/study-requests";

/** Join requests: the owner's and admins' list; one's own ask, and taking it back. */
export const GET = apiRoute(STUDY_ROUTES.listRequests, async ({ user, params }) => listJoinRequests(user.id, params.spaceId!));
export const POST = apiRoute(STUDY_ROUTES.requestToJoin, async ({ user, params, body }) => requestToJoin(user.id, params.spaceId!, body));
export const DELETE = apiRoute(STUDY_ROUTES.cancelRequest, async ({ user, params }) => cancelJoinRequest(user.id, params.spaceId!));
