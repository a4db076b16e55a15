import { STUDY_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { openInquiry } from "@/server/services/study-inquiries";

/** 문의하기: the asker's one chat with the organizer about this group. */
export const POST = apiRoute(STUDY_ROUTES.inquiry, async ({ user, params }) => openInquiry(user.id, params.spaceId!));
