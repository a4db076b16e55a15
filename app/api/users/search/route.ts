import { userRoute } from "@/server/http";
import { searchUsers } from "@/server/services/users";

/** `?q=` a part of a name, or a whole email address; answers `{ users }`. */
export function GET(req: Request) {
  return userRoute(async (user) => searchUsers(user.id, new URL(req.url).searchParams.get("q") ?? ""))(req, undefined);
}
