import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FlowRow } from "./engine/flows-types.ts";
import { parseFlowFile } from "./engine/parse-flow-file.ts";

/** The shared real data beside the project (tests that need it skip when it is absent). */
export const dataDir = fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const hasRealData = existsSync(`${dataDir}cbp`);

/** Rows of every CBP AOR release file. */
export function aorRows(): FlowRow[] {
  return readdirSync(`${dataDir}cbp`)
    .filter((f) => f.startsWith("cbp_resp_aor_"))
    .flatMap((f) => parseFlowFile(readFileSync(`${dataDir}cbp/${f}`), { file: f }).rows);
}

/** Rows of the FY2000–FY2020 Border Patrol sector table. */
export function sectorRows(): FlowRow[] {
  const file = "uwchr_usbp_monthly_encounters_fy2000-fy2020.psv";
  return parseFlowFile(readFileSync(`${dataDir}cbp/${file}`), { file }).rows;
}
