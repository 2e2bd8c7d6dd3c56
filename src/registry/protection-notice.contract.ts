import { z } from "zod";

/**
 * Whether a victim's protection record (kept by networks, behind its wall) names this person or a record merged
 * into theirs: that one exists, never what it holds. For the protection side only.
 */
export const ProtectionNotice = z.object({ protectionRecord: z.boolean() });
export type ProtectionNotice = z.infer<typeof ProtectionNotice>;
