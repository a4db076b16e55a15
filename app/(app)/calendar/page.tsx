import { getTranslations } from "next-intl/server";
import { PersonalCalendar } from "@/components/calendar/PersonalCalendar";
import { requirePageUser } from "@/server/page-user";
import { feedStatus } from "@/server/services/calendar-feed";
import { memberSpaces } from "@/server/services/calendar";

export async function generateMetadata() {
  return { title: (await getTranslations("calendar"))("myHeading") };
}

/** One calendar across every space of the user's, with reminders and the private feed. */
export default async function CalendarPage() {
  const me = await requirePageUser();
  const [spaces, feed] = await Promise.all([memberSpaces(me.id), feedStatus(me.id)]);
  return <PersonalCalendar spaces={spaces.map(({ id, name }) => ({ id, name }))} feed={feed} nowMs={Date.now()} />;
}
