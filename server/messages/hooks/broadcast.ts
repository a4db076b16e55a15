import "server-only";
import { rooms } from "@/lib/realtime/contract";
import { events } from "../../events/sink";
import { activityRoom } from "../../services/access";
import type { AfterCommitHook } from "../pipeline";

/**
 * The first hook: the message to those who opened the channel, and its new last seq to those
 * who only show the channel's badge or chat list entry. The pipeline runs hooks in seq order
 * per channel, so this is the broadcast in seq order. One emit per room, encoded once.
 */
export const broadcast: AfterCommitHook = ({ channel, message }) => {
  events().publish(rooms.channel(channel.id), "message:new", message);
  // Those in the channel just got the message itself.
  events().publishExcept(activityRoom(channel), rooms.channel(channel.id), "channel:activity", {
    spaceId: channel.spaceId,
    channelId: channel.id,
    lastSeq: message.seq,
    authorId: message.author.id,
  });
};
