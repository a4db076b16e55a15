import { postJson, sendJson } from "@/lib/api-client";
import type { StudySessionView } from "@/lib/realtime/contract";

export interface StudySettingsView {
  timeZone: string;
  startHour: number;
  dailyGoalMinutes: number;
  hideFromRankings: boolean;
}
export interface SessionPage {
  sessions: StudySessionView[];
  next: number | null;
  today: { day: string; recordedMs: number };
}
export interface SessionInput {
  subject: string;
  startedAt: string;
  endedAt: string;
  note?: string | null;
}

/** The study routes (lib/api/contract.ts APP_ROUTES), as the browser calls them. */
export const studyApi = {
  sessions: (before?: number) => sendJson<SessionPage>("GET", `/api/study/sessions${before === undefined ? "" : `?before=${before}`}`),
  add: (input: SessionInput) => postJson<{ sessions: StudySessionView[] }>("/api/study/sessions", input),
  edit: (id: string, patch: Partial<SessionInput>) =>
    sendJson<{ sessions: StudySessionView[] }>("PATCH", `/api/study/sessions/${id}`, patch),
  remove: (id: string) => sendJson<{ deleted: true }>("DELETE", `/api/study/sessions/${id}`),
  settings: () => sendJson<{ settings: StudySettingsView }>("GET", "/api/study/settings"),
  updateSettings: (patch: Partial<StudySettingsView>) => sendJson<{ settings: StudySettingsView }>("PATCH", "/api/study/settings", patch),
};
