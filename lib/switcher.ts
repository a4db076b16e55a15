import { z } from "zod";

/** What the quick switcher (Ctrl/⌘+K) can jump to in the user's spaces: GET /api/switcher. */
export const switcherSpaces = z.object({
  spaces: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      icon: z.string().nullable(),
      defaultChannelId: z.string().nullable(),
      channels: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(["text", "video"]) })),
    }),
  ),
});
export type SwitcherSpaces = z.infer<typeof switcherSpaces>;
