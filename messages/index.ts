/**
 * UI strings, one JSON file per namespace and locale (messages/<locale>/<namespace>.json), so a
 * feature owns its own file. tests/i18n.test.ts checks both locales have the same keys.
 */
import en_app from "./en/app.json";
import en_auth from "./en/auth.json";
import en_spaces from "./en/spaces.json";
import en_invite from "./en/invite.json";
import en_chat from "./en/chat.json";
import en_locale from "./en/locale.json";
import en_errors from "./en/errors.json";
import en_presence from "./en/presence.json";
import en_conversations from "./en/conversations.json";
import en_people from "./en/people.json";
import en_video from "./en/video.json";
import en_onboarding from "./en/onboarding.json";
import en_kakao from "./en/kakao.json";
import en_time from "./en/time.json";
import en_feedback from "./en/feedback.json";
import en_messageActions from "./en/messageActions.json";
import en_theme from "./en/theme.json";
import en_reading from "./en/reading.json";
import en_emoji from "./en/emoji.json";
import en_search from "./en/search.json";
import en_drawer from "./en/drawer.json";
import en_materials from "./en/materials.json";
import en_study from "./en/study.json";
import en_calendar from "./en/calendar.json";
import en_studyTimer from "./en/studyTimer.json";
import en_studyStats from "./en/studyStats.json";
import en_studyRoom from "./en/studyRoom.json";
import ko_app from "./ko/app.json";
import ko_auth from "./ko/auth.json";
import ko_spaces from "./ko/spaces.json";
import ko_invite from "./ko/invite.json";
import ko_chat from "./ko/chat.json";
import ko_locale from "./ko/locale.json";
import ko_errors from "./ko/errors.json";
import ko_presence from "./ko/presence.json";
import ko_conversations from "./ko/conversations.json";
import ko_people from "./ko/people.json";
import ko_video from "./ko/video.json";
import ko_onboarding from "./ko/onboarding.json";
import ko_kakao from "./ko/kakao.json";
import ko_time from "./ko/time.json";
import ko_feedback from "./ko/feedback.json";
import ko_messageActions from "./ko/messageActions.json";
import ko_theme from "./ko/theme.json";
import ko_reading from "./ko/reading.json";
import ko_emoji from "./ko/emoji.json";
import ko_search from "./ko/search.json";
import ko_drawer from "./ko/drawer.json";
import ko_materials from "./ko/materials.json";
import ko_study from "./ko/study.json";
import ko_calendar from "./ko/calendar.json";
import ko_studyTimer from "./ko/studyTimer.json";
import ko_studyStats from "./ko/studyStats.json";
import ko_studyRoom from "./ko/studyRoom.json";

export const MESSAGES = {
  en: {
    app: en_app,
    auth: en_auth,
    spaces: en_spaces,
    invite: en_invite,
    chat: en_chat,
    locale: en_locale,
    errors: en_errors,
    presence: en_presence,
    conversations: en_conversations,
    people: en_people,
    video: en_video,
    onboarding: en_onboarding,
    kakao: en_kakao,
    time: en_time,
    feedback: en_feedback,
    messageActions: en_messageActions,
    theme: en_theme,
    reading: en_reading,
    emoji: en_emoji,
    search: en_search,
    drawer: en_drawer,
    materials: en_materials,
    study: en_study,
    calendar: en_calendar,
    studyTimer: en_studyTimer,
    studyStats: en_studyStats,
    studyRoom: en_studyRoom,
  },
  ko: {
    app: ko_app,
    auth: ko_auth,
    spaces: ko_spaces,
    invite: ko_invite,
    chat: ko_chat,
    locale: ko_locale,
    errors: ko_errors,
    presence: ko_presence,
    conversations: ko_conversations,
    people: ko_people,
    video: ko_video,
    onboarding: ko_onboarding,
    kakao: ko_kakao,
    time: ko_time,
    feedback: ko_feedback,
    messageActions: ko_messageActions,
    theme: ko_theme,
    reading: ko_reading,
    emoji: ko_emoji,
    search: ko_search,
    drawer: ko_drawer,
    materials: ko_materials,
    study: ko_study,
    calendar: ko_calendar,
    studyTimer: ko_studyTimer,
    studyStats: ko_studyStats,
    studyRoom: ko_studyRoom,
  },
} as const;
