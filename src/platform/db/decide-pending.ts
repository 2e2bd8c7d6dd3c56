import { refusal } from "../../shared/refusal.ts";
import { AppError } from "../errors.ts";

/** A request awaiting a person's decision: only its status matters to the shared steps. */
export interface PendingRow {
  status: string;
}

/**
 * The one shape of "decide a pending request" (a legal basis, a detail request, a referral, a duplicate
 * pair): read the row under a row lock, answer 404 when it is not in the caller's nation, 409 when its
 * status no longer allows the decision, then let the caller change it and record the audit event in the
 * same transaction. The lock makes two decisions at once safe: the second waits, then sees the first.
 */
export async function decidePending<Row extends PendingRow, Result>(
  request: {
    /** What is decided, for the messages ("legal basis", "referral"). */
    what: string;
    /** Reads the row with `FOR UPDATE`, in the caller's transaction and scope. */
    loadForUpdate: () => Promise<Row | undefined>;
    /** Statuses the decision may start from (default: `pending`). */
    from?: readonly string[];
  },
  decide: (row: Row) => Promise<Result>,
): Promise<Result> {
  const row = await request.loadForUpdate();
  if (!row) throw new AppError("NOT_FOUND", `no such ${request.what} in your nation`);
  const from = request.from ?? ["pending"];
  if (!from.includes(row.status))
    throw new AppError("CONFLICT", `this ${request.what} is already ${row.status}`, {
      status: row.status,
      ...refusal("already_decided", { status: row.status }),
    });
  return decide(row);
}
