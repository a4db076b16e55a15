"use client";
import { createContext, useContext } from "react";

/**
 * The space a chat sits in, for the message menu's "Mark as material" (components/chat/
 * MessageActionSheet.tsx): given by the space screen around its channel, absent in dms and
 * group chats, where files cannot be materials.
 */
export interface SpaceMaterials {
  spaceId: string;
}

const Context = createContext<SpaceMaterials | null>(null);

export const SpaceMaterialsProvider = Context.Provider;

export function useSpaceMaterials(): SpaceMaterials | null {
  return useContext(Context);
}
