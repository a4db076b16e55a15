import { uploadRoute } from "@/server/http";
import { receiveImage } from "@/server/services/uploads";

/** POST the image's bytes as the body; answers `{ ok, id, url }`. */
export const POST = uploadRoute(async (user, req) => receiveImage(user.id, req));
