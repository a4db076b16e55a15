import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { id } from "@/lib/schemas";
import { getConfig } from "./config";
import { takeUndoUse } from "./rate-limit";

/**
 * "Undo" for a people change, without a table: the change's answer carries a token that says
 * what was undone (whose friendship, since when; whose block), signed with AUTH_SECRET so no
 * one can make one up, bound to the user who made the change, good for `UNDO_WINDOW_MS` and
 * honoured once (takeUndoUse: in Redis when there is one, so on every node). Once: else a
 * token kept from an unfriend could bring the friendship back after the other person, too,
 * had ended it again.
 */
export const UNDO_WINDOW_MS = 30_000;

const friendship = z.object({ status: z.enum(["pending", "accepted"]), requesterId: id, since: z.number().int() });
const change = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unfriend"), userId: id, otherId: id, friendship, at: z.number().int(), nonce: z.string().max(32) }),
  z.object({ kind: z.literal("block"), userId: id, otherId: id, friendship: friendship.nullable(), at: z.number().int(), nonce: z.string().max(32) }),
]);
export type UndoableChange = z.infer<typeof change>;
type Unsigned = UndoableChange extends infer C ? (C extends UndoableChange ? Omit<C, "at" | "nonce"> : never) : never;

export const undoInput = z.object({ token: z.string().max(1024) });

const sign = (body: string) => createHmac("sha256", `undo:${getConfig().authSecret}`).update(body).digest("base64url");

export function signUndo(what: Unsigned, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...what, at: now, nonce: randomBytes(12).toString("base64url") })).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The change behind a token this user was given, unused and in time; `undo_expired` otherwise. */
export async function redeemUndo(token: string, userId: string, now = Date.now()): Promise<UndoableChange> {
  const [body = "", mac = ""] = token.split(".");
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("validation", "Not an undo token");
  const parsed = change.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  if (!parsed.success || parsed.data.userId !== userId) throw new AppError("validation", "Not an undo token");
  if (now - parsed.data.at > UNDO_WINDOW_MS || now < parsed.data.at - 5_000) throw new AppError("undo_expired", "Too late to undo");
  if (!(await takeUndoUse(parsed.data.nonce))) throw new AppError("undo_expired", "Already undone");
  return parsed.data;
}
