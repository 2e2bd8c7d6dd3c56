import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePolicyPack } from "./engine/parse-input.ts";
import { type PolicyEvent, policyEventsOfPack } from "./engine/policy-events.ts";

/** Where the border policy packs live: one JSON file per pack, whatever its name. */
const packsDir = fileURLToPath(new URL("../../packs/border/", import.meta.url));

let cached: PolicyEvent[] | undefined;

/**
 * The dated events of every border policy pack in `packs/border/`, oldest first. Read once per process; a
 * file that is not a valid pack is an error naming it, so a broken pack is never silently left out.
 */
export function borderPolicyEvents(dir = packsDir): PolicyEvent[] {
  if (cached && dir === packsDir) return cached;
  const events = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      const parsed = parsePolicyPack(fs.readFileSync(`${dir}${dir.endsWith("/") ? "" : "/"}${name}`, "utf8"));
      if (!parsed.ok)
        throw new Error(
          `${name} is not a valid border policy pack: ${parsed.problems.map((p) => p.message).join("; ")}`,
        );
      return policyEventsOfPack(parsed.value);
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (dir === packsDir) cached = events;
  return events;
}
