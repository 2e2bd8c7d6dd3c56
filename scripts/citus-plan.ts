// Prints the statements that distribute a migrated Hemisphere database under Citus (docs/scale.md): reference
// tables, then tenant tables by tenant_id in one colocation group, in an order the foreign keys allow. Refuses
// (exit 1, naming each problem) a schema that breaks a rule of citus-readiness.
//   node --import tsx scripts/citus-plan.ts --database-url postgres://owner@coordinator:5432/hemisphere
import { parseArgs } from "node:util";
import { citusDistributionPlan, readCatalog } from "../src/platform/db/citus-readiness.ts";
import { openDatabase } from "../src/platform/db/connect.ts";
import { TABLE_KINDS } from "../src/platform/db/table-kinds.ts";

const { values } = parseArgs({ options: { "database-url": { type: "string" } } });
const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("error: --database-url (or DATABASE_URL) is needed: the migrated database to read\n");
  process.exit(2);
}
const database = await openDatabase({ dataDir: "", databaseUrl: url });
try {
  const catalog = await database.asOwner((tx) => readCatalog(tx));
  process.stdout.write(`${citusDistributionPlan(catalog, TABLE_KINDS).join("\n")}\n`);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
