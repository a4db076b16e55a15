import { z } from "zod";
// First, for its browser-side zod setting (no `new Function` under the CSP); the quick switcher
// is the one place the browser still parses with zod, and it loads only when opened.
import "./schemas";

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
