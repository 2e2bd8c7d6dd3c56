import { isNotFutureEncounter } from "./border.contract.ts";
import { EncounterRecord } from "./border-records.contract.ts";

/**
 * An encounter as the API records it: the shared shape, and not dated in the future by the server's clock (kept
 * apart from the shared shape so the engines that validate with it stay free of the clock).
 */
export const EncounterRecordToday = EncounterRecord.superRefine((e, ctx) => {
  if (!isNotFutureEncounter(e.date, Date.now()))
    ctx.addIssue({ code: "custom", path: ["date"], message: "an encounter cannot be dated in the future" });
});
