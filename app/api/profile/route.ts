import { userRoute } from "@/server/http";
import { updateProfile } from "@/server/services/profiles";

/** PATCH only the fields being changed: `{ name?, statusMessage?, image?, backgroundImage? }`. */
export const PATCH = userRoute(async (user, body) => updateProfile(user.id, body));
