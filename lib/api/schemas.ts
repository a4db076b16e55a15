/**
 * Zod shapes of what the HTTP API answers, for the OpenAPI document (scripts/openapi.ts). Each
 * is checked at compile time against the TypeScript type the server builds (the `Same` checks
 * at the end), so the document cannot describe a shape the code does not send.
 */
import { z } from "zod";
import "../schemas"; // first: zod without `new Function` in the browser (see there)
import { ERROR_CODES } from "../error-codes";
import type { ChannelSummary, ChatMessage, ReadCursor, StudySessionView, StudyTimer, SystemEvent, UserSummary } from "../realtime/contract";

export const userSummary = z.object({ id: z.string(), name: z.string(), image: z.string().nullable() }).meta({ id: "UserSummary" });

export const systemEvent = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("created"), actor: userSummary, name: z.string() }),
    z.object({ type: z.literal("invited"), actor: userSummary, targets: z.array(userSummary) }),
    z.object({ type: z.literal("left"), actor: userSummary }),
    z.object({ type: z.literal("renamed"), actor: userSummary, name: z.string() }),
    z.object({ type: z.literal("call"), actor: userSummary, missed: z.boolean(), seconds: z.number().optional() }),
  ])
  .meta({ id: "SystemEvent", description: "What a system message says; the client words it in the reader's language." });

const attachment = z
  .object({
    id: z.string(),
    kind: z.enum(["image", "video", "file"]),
    name: z.string(),
    mime: z.string(),
    bytes: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .meta({ id: "Attachment" });

export const chatMessage = z
  .object({
    id: z.string(),
    channelId: z.string(),
    seq: z.number().int().describe("1, 2, 3, … per channel, gap-free: the order of the channel"),
    clientId: z.string().describe("The sender's idempotency key (system messages get a deterministic one)"),
    body: z.string().describe('"" once deleted, and on system messages. Mentions are `<@userId>` tokens'),
    createdAt: z.string().describe("ISO 8601"),
    editedAt: z.string().nullable(),
    deletedAt: z.string().nullable(),
    author: userSummary,
    system: systemEvent.nullable(),
    replyTo: z
      .object({
        id: z.string(),
        seq: z.number().int(),
        authorId: z.string(),
        authorName: z.string(),
        excerpt: z.string(),
        deleted: z.boolean(),
      })
      .nullable(),
    reactions: z.array(z.object({ emoji: z.string(), userIds: z.array(z.string()) })),
    attachments: z.array(attachment),
    linkPreviews: z
      .array(
        z
          .object({
            urlHash: z.string().describe("SHA-256 of the URL, hex: names the card in linkPreview:remove"),
            url: z.string(),
            title: z.string().nullable(),
            description: z.string().nullable(),
            siteName: z.string().nullable(),
            image: z.string().nullable().describe("A path on this origin (the server passes the picture on)"),
          })
          .meta({ id: "LinkPreview" }),
      )
      .describe("Cards for the message's first links, once the server fetched them"),
  })
  .meta({ id: "ChatMessage" });

/** The message a drawer item came from: where clicking it jumps. */
const drawerSource = {
  messageId: z.string(),
  seq: z.number().int(),
  authorId: z.string(),
  createdAt: z.string().describe("ISO 8601, the message's"),
};

export const drawerItem = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("attachment"), attachment, ...drawerSource }),
    z.object({ type: z.literal("link"), url: z.string(), host: z.string().describe("The URL's host name, without www."), ...drawerSource }),
  ])
  .meta({ id: "DrawerItem", description: "A photo, video, file or link shared in a channel, with the message it came from." });
export type DrawerItem = z.infer<typeof drawerItem>;

/** A file a space pinned into its materials view (server/services/materials.ts). */
export const material = z
  .object({
    attachment: attachment,
    channel: z.object({ id: z.string(), name: z.string() }),
    messageId: z.string(),
    seq: z.number().int().describe("The message's seq: /spaces/{spaceId}/{channelId}?at={seq} jumps to it"),
    uploader: userSummary,
    uploadedAt: z.string().describe("ISO 8601"),
    markedBy: z.string().describe("The user id of whoever marked it"),
    markedAt: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Material" });
export type Material = z.infer<typeof material>;

/** A material as its space's list shows it to one member: with whether they may unpin it. */
export const listedMaterial = material
  .extend({ canRemove: z.boolean().describe("The reader may unpin it: its uploader, whoever pinned it, or an owner or admin") })
  .meta({ id: "ListedMaterial" });
export type ListedMaterial = z.infer<typeof listedMaterial>;

export const channelSummary = z
  .object({
    id: z.string(),
    spaceId: z.string().nullable(),
    name: z.string(),
    kind: z.enum(["text", "video", "dm", "group"]),
    lastSeq: z.number().int(),
    categoryId: z.string().nullable(),
    isPrivate: z.boolean(),
  })
  .meta({ id: "ChannelSummary" });

export const readCursor = z.object({ userId: z.string(), lastReadSeq: z.number().int() }).meta({ id: "ReadCursor" });

// ---- study (issue 13) ----
const ms = z.number().int().describe("ms since the epoch, the server's clock");
export const studyTimer = z
  .object({
    mode: z.enum(["stopwatch", "pomodoro"]),
    subject: z.string(),
    startedAt: ms,
    runningSince: ms.nullable().describe("null while paused"),
    segments: z.array(z.tuple([z.number().int(), z.number().int()])).describe("Stretches it ran before the current one, [start, end] ms"),
    focusMinutes: z.number().int().nullable(),
    breakMinutes: z.number().int().nullable(),
    version: z.number().int().describe("Send it back with the next command; an older one is refused as timer_stale"),
  })
  .meta({ id: "StudyTimer" });
export const studyTimerSnapshot = {
  timer: studyTimer.nullable().describe("null: no timer"),
  serverNow: ms.describe("The server's clock when read: draw elapsed time from it, not from the device's clock"),
};
export const studySession = z
  .object({
    id: z.string(),
    subject: z.string(),
    startedAt: ms,
    endedAt: ms,
    studiedMs: z.number().int().describe("Counted time: pauses and pomodoro breaks left out"),
    pauseCount: z.number().int(),
    studyDay: z.string().describe("YYYY-MM-DD, the owner's study day (it starts at their day start hour, in their zone)"),
    source: z.enum(["timer", "manual", "room"]),
    note: z.string().nullable(),
    edited: z.boolean().describe("Added or changed by hand"),
  })
  .meta({ id: "StudySession" });
export const studySettings = z
  .object({
    timeZone: z.string().describe("IANA zone the study day is counted in"),
    startHour: z.number().int().describe("0–23: the hour the study day starts (05:00 by default)"),
    dailyGoalMinutes: z.number().int().describe("0: no goal"),
    hideFromRankings: z.boolean().describe("Left out of group leaderboards"),
  })
  .meta({ id: "StudySettings" });

export const errorBody = z
  .object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES).describe("Stable; clients translate it (messages/<locale>/errors.json)"),
      message: z.string().describe("For logs and developers, in English; not for users"),
    }),
  })
  .meta({ id: "Error" });

/** A success: `{ ok: true, ...fields }`. */
export const ok = <T extends z.ZodRawShape>(shape: T) => z.object({ ok: z.literal(true), ...shape });

// ---- the zod shapes and the server's types must agree (a compile error otherwise) ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(_: T) => undefined;
agree<Same<z.infer<typeof userSummary>, UserSummary>>(true);
agree<Same<z.infer<typeof systemEvent>, SystemEvent>>(true);
agree<Same<z.infer<typeof chatMessage>, ChatMessage>>(true);
agree<Same<z.infer<typeof channelSummary>, ChannelSummary>>(true);
agree<Same<z.infer<typeof readCursor>, ReadCursor>>(true);
agree<Same<z.infer<typeof studyTimer>, StudyTimer>>(true);
agree<Same<z.infer<typeof studySession>, StudySessionView>>(true);
