import { getTranslations } from "next-intl/server";

/** Beside the list on a desktop, before a chat is chosen (a phone shows only the list). */
export default async function ChatsHome() {
  const t = await getTranslations("conversations");
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-3 bg-stone-50 p-8 text-center text-stone-500">
      <span aria-hidden className="text-5xl">
        💬
      </span>
      <p>{t("pickOne")}</p>
    </main>
  );
}
