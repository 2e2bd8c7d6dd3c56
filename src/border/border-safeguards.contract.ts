import { z } from "zod";
import { queryCount, trimmedText } from "../platform/contract/primitives.contract.ts";
import { SafeguardCode } from "./border.contract.ts";

// Safeguards on the record: which ones an encounter opened, whether each is still open, and the closures
// and reopenings behind that, shared by routes and web pages.

export const SafeguardParam = z.object({ id: z.uuid(), code: SafeguardCode });

/** Closing a safeguard: why, which of the evidence the pack asks for, and where that evidence is filed. */
export const SafeguardClosureInput = z.strictObject({
  reason: trimmedText(3, 2000),
  evidenceKind: trimmedText(1, 300),
  evidenceReference: trimmedText(1, 200),
});
export type SafeguardClosureInput = z.infer<typeof SafeguardClosureInput>;

/** Reopening a closed safeguard (a correction): only the reason. */
export const SafeguardReopenInput = z.strictObject({ reason: trimmedText(3, 2000) });
export type SafeguardReopenInput = z.infer<typeof SafeguardReopenInput>;

export const SafeguardEventView = z.object({
  id: z.uuid(),
  action: z.enum(["close", "reopen"]),
  reason: z.string(),
  evidenceKind: z.string().nullable(),
  evidenceReference: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type SafeguardEventView = z.infer<typeof SafeguardEventView>;

/** A safeguard the encounter opened: open until an authorised officer closes it with evidence. */
export const SafeguardStatusView = z.object({
  code: SafeguardCode,
  status: z.enum(["open", "closed"]),
  effect: z.string(),
  /** The evidence the pack asks for before it may be closed (empty when the pack has no rule for it). */
  evidenceNeeded: z.array(z.string()),
  history: z.array(SafeguardEventView),
});
export type SafeguardStatusView = z.infer<typeof SafeguardStatusView>;

export const SafeguardList = z.object({ safeguards: z.array(SafeguardStatusView) });
export type SafeguardList = z.infer<typeof SafeguardList>;

/** The supervisor's queue: safeguards still open, newest encounters first, without personal fields. */
export const OpenSafeguards = z.object({
  safeguards: z.array(
    z.object({
      encounterId: z.uuid(),
      /** The encounter's reference (`E-7KQ2-M9XD`). */
      encounterReference: z.string(),
      date: z.string(),
      citizenship: z.string(),
      demographic: z.string(),
      code: SafeguardCode,
      effect: z.string(),
      evidenceNeeded: z.array(z.string()),
    }),
  ),
});
export type OpenSafeguards = z.infer<typeof OpenSafeguards>;

export const OpenSafeguardsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: queryCount().default(0),
});
