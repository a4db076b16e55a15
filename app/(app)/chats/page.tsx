import { getTranslations } from "next-intl/server";
import { ChatBubbleIcon } from "@/components/conversations/icons";

/** Beside the list on a desktop, before a chat is chosen (a phone shows only the list). */
export default async function ChatsHome() {
  const t = await getTranslations("conversations");
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-3 bg-stone-50 p-8 text-center text-stone-500">
      <span className="text-stone-300">
        <ChatBubbleIcon size={56} />
      </span>
      <p>{t("pickOne")}</p>
    </main>
  );
}
