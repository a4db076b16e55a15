import { z } from "zod";
import "./schemas"; // first: zod without `new Function` in the browser (see there)

/**
 * The shared calendar's inputs and answers (issue 13): the browser's forms and the server's
 * routes parse the same schemas. Times cross the wire as the event's wall clock ("2026-03-02T19:00",
 * or a date for an all-day event) with its IANA zone; the server turns them into UTC instants.
 * Refusals carry the code the user sees: calendar_time (end before start, too long),
 * calendar_repeat (a repetition out of bounds), time_zone (a zone this server does not know).
 */

export const CALENDAR_LIMITS = {
  titleMaxChars: 200,
  descriptionMaxChars: 2000,
  locationMaxChars: 200,
  /** One occurrence lasts at most this long. */
  maxDurationMs: 14 * 24 * 60 * 60 * 1000,
  maxInterval: 30,
  maxCount: 400,
  /** A repetition ends within this many days of its first occurrence (or never). */
  maxUntilDays: 5 * 366,
  /** A range asked for at once (a month view with its edges, an agenda). */
  maxRangeDays: 100,
  /** Occurrences answered for one range, whatever the number of events. */
  maxOccurrences: 2000,
} as const;

export const EVENT_KINDS = ["event", "deadline", "exam"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const RSVP_ANSWERS = ["going", "maybe", "no"] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
/** Reminder offsets a user can pick, in minutes before the start. */
export const REMINDER_CHOICES = [0, 5, 10, 30, 60, 120, 1440] as const;
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;

const wallTime = z
  .string()
  .max(16, { abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, "calendar_time");
const dateOnly = z
  .string()
  .max(10, { abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "calendar_repeat");

export const repeatInput = z
  .object({
    freq: z.enum(FREQUENCIES, { message: "calendar_repeat" }),
    interval: z
      .number({ message: "calendar_repeat" })
      .int("calendar_repeat")
      .min(1, "calendar_repeat")
      .max(CALENDAR_LIMITS.maxInterval, "calendar_repeat"),
    weekdays: z
      .array(z.enum(WEEKDAYS, { message: "calendar_repeat" }))
      .max(7, "calendar_repeat")
      .optional(),
    /** The last day an occurrence may start on, in the event's zone (inclusive). */
    until: dateOnly.optional(),
    count: z
      .number({ message: "calendar_repeat" })
      .int("calendar_repeat")
      .min(1, "calendar_repeat")
      .max(CALENDAR_LIMITS.maxCount, "calendar_repeat")
      .optional(),
  })
  .strict()
  .refine((r) => r.until === undefined || r.count === undefined, { message: "calendar_repeat" });
export type RepeatInput = z.infer<typeof repeatInput>;

const eventShape = {
  title: z.string().trim().min(1).max(CALENDAR_LIMITS.titleMaxChars),
  description: z.string().max(CALENDAR_LIMITS.descriptionMaxChars),
  location: z.string().trim().max(CALENDAR_LIMITS.locationMaxChars),
  videoChannelId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .nullable(),
  kind: z.enum(EVENT_KINDS),
  allDay: z.boolean(),
  /** Wall-clock start in `timeZone`: "YYYY-MM-DDTHH:mm", or "YYYY-MM-DD" all day. */
  start: wallTime,
  /** Wall-clock end; for all-day events the last day (inclusive). */
  end: wallTime,
  timeZone: z.string().max(64, { abort: true }),
  repeat: repeatInput.nullable(),
  reminderMinutes: z
    .number()
    .int()
    .refine((m) => (REMINDER_CHOICES as readonly number[]).includes(m), "not one of the reminder choices")
    .nullable(),
};

export const eventFields = z
  .object({
    ...eventShape,
    description: eventShape.description.default(""),
    location: eventShape.location.default(""),
    videoChannelId: eventShape.videoChannelId.default(null),
    kind: eventShape.kind.default("event"),
    allDay: eventShape.allDay.default(false),
    repeat: eventShape.repeat.default(null),
    reminderMinutes: eventShape.reminderMinutes.default(null),
  })
  .strict();
export type EventFieldsInput = z.input<typeof eventFields>;

/** Which occurrences an edit or a cancellation reaches. */
export const EDIT_SCOPES = ["one", "following", "all"] as const;
export type EditScope = (typeof EDIT_SCOPES)[number];
const occurrenceKey = z.number().int().min(0).max(8.64e15);

/** Only the fields given change. */
export const updateEventBody = z
  .object(eventShape)
  .partial()
  .extend({ scope: z.enum(EDIT_SCOPES).default("all"), occurrence: occurrenceKey.optional() })
  .strict();
export const rsvpBody = z.object({ occurrence: occurrenceKey, answer: z.enum(RSVP_ANSWERS).nullable() }).strict();

const isoInstant = z
  .string()
  .max(30, { abort: true })
  .pipe(z.iso.datetime({ offset: true }));
export const rangeQuery = z.object({ from: isoInstant, to: isoInstant }).strict();
export const cancelQuery = z
  .object({
    scope: z.enum(EDIT_SCOPES).default("all"),
    occurrence: z.string().max(16, { abort: true }).regex(/^\d+$/).transform(Number).optional(),
  })
  .strict();
export const occurrenceQuery = z.object({ occurrence: z.string().max(16, { abort: true }).regex(/^\d+$/).transform(Number) }).strict();

export interface RsvpCounts {
  going: number;
  maybe: number;
  no: number;
  mine: RsvpAnswer | null;
}

/** One occurrence as the calendar views show it. */
export interface CalendarOccurrence {
  eventId: string;
  spaceId: string;
  spaceName: string;
  /** The original start (ms): names this occurrence for RSVPs, exceptions and RECURRENCE-ID. */
  occurrence: number;
  start: string;
  end: string;
  allDay: boolean;
  kind: EventKind;
  title: string;
  description: string;
  location: string;
  videoChannel: { id: string; name: string } | null;
  timeZone: string;
  /** The series' rule as the form edits it (null: a one-off event). */
  repeat: RepeatInput | null;
  /** This occurrence was moved or edited on its own. */
  changed: boolean;
  reminderMinutes: number | null;
  creatorId: string;
  canEdit: boolean;
  rsvp: RsvpCounts;
}

export interface RsvpPerson {
  id: string;
  name: string;
  image: string | null;
  answer: RsvpAnswer;
}

/** What `calendar:reminder` carries to each member. */
export interface CalendarReminder {
  eventId: string;
  spaceId: string;
  spaceName: string;
  occurrence: number;
  title: string;
  start: string;
  allDay: boolean;
  videoChannelId: string | null;
}
