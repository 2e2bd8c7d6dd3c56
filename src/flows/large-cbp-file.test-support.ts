import { readFileSync } from "node:fs";
import { dataDir } from "./real-data.test-support.ts";

let real: { header: string; rows: string[] } | undefined;

function realRows(): { header: string; rows: string[] } {
  if (real) return real;
  const texts = [2020, 2021, 2022, 2023].map((fy) =>
    readFileSync(`${dataDir}cbp/cbp_resp_aor_fy${fy}.csv`, "utf8").trimEnd(),
  );
  const header = texts[0]?.split("\n")[0] ?? "";
  const rows = texts.flatMap((t) =>
    t
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/\r$/, "")),
  );
  real = { header, rows };
  return real;
}

/**
 * A CBP area-of-responsibility file of about `bytes` bytes built from the real FY2020–FY2023 rows: once they are
 * used up they repeat four fiscal years earlier, and again, so no two rows share a key. `shift` moves every
 * fiscal year back by that many years, so files built with different shifts never overlap.
 */
export function largeCbpFile(bytes: number, shift = 0): string {
  const { header, rows } = realRows();
  const out = [header];
  let size = header.length + 1;
  for (let round = 0; size < bytes; round++) {
    for (const row of rows) {
      const line = `${Number(row.slice(0, 4)) - shift - round * 4}${row.slice(4)}`;
      out.push(line);
      size += line.length + 1;
      if (size >= bytes) break;
    }
  }
  return `${out.join("\n")}\n`;
}
