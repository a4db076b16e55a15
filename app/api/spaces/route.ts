import { getLocale } from "next-intl/server";
import { isLocale } from "@/lib/i18n";
import { userRoute } from "@/server/http";
import { createSpace, listMySpaces } from "@/server/services/spaces";

export const GET = userRoute(async (user) => ({ spaces: await listMySpaces(user.id) }));
// The first channel is named in the language the creator sees the app in (i18n/request.ts).
export const POST = userRoute(async (user, body) => {
  const locale = await getLocale();
  return createSpace(user.id, body as never, isLocale(locale) ? locale : undefined);
});
