import { STUDY_STATS_ROUTES } from "@/lib/api/study-stats";
import { apiRoute } from "@/server/http";
import { sessionsCsv } from "@/server/study/export";

/** One's own sessions as CSV, streamed a page at a time (server/study/export.ts). */
export const GET = apiRoute(STUDY_STATS_ROUTES.exportSessions, async ({ user, query }) => {
  const chunks = sessionsCsv(user.id, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="moim-study-sessions.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
