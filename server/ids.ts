import "server-only";
import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

/** Time-ordered ids made by the app, so every store and every node agrees without a counter. */
export const newId = (): string => uuidv7();

/** An unguessable, URL-safe token (invite codes). */
export const newToken = (bytes = 12): string => randomBytes(bytes).toString("base64url");
