import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { adminQuery } from "../../../test/template-db.ts";
import type { Database } from "./connect.ts";

// A PostgreSQL server may end idle connections (a restart, an administrator, a database dropped with force).
// The pool reports that as an error event; unheard, Node ends the process, so one closed connection would take
// a server down. The pool listens, discards the connection and opens another for the next request.

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe.runIf(process.env.TEST_DATABASE_URL)("an idle connection ended by the server", () => {
  it("does not end the process, and the next query runs on a new connection", async () => {
    const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    const pid = first.rows[0]!.pid;
    // Ended from another session, as an administrator would: the pool's own connections stay untouched.
    await adminQuery(process.env.TEST_DATABASE_URL!, `select pg_terminate_backend(${Number(pid)})`);
    // Give the terminated idle connection time to report its end to the pool.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    expect(again.rows[0]!.pid).not.toBe(pid);
  });
});
