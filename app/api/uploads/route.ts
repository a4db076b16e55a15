import { uploadRoute } from "@/server/http";
import { readUploadBody, saveImage } from "@/server/services/uploads";

/** POST the image's bytes as the body; answers `{ ok, id, url }`. */
export const POST = uploadRoute(async (user, req) => saveImage(user.id, await readUploadBody(req)));
