import type { Application } from "../app.ts";
import { AppError } from "../platform/errors.ts";
import { startProgress } from "../platform/progress.ts";
import type { NationSweep } from "../platform/retention/retention.service.ts";
import { sweepLine } from "../platform/retention/retention-timer.ts";
import { withApplication } from "./with-application.ts";

export interface RetentionRunOptions {
  nation?: string | undefined;
  dryRun?: boolean | undefined;
}

/**
 * Sweeps every nation (or one) on an open application: prints a line of counts per nation as it ends and a
 * total; fails (exit 1) when a nation or a record could not be swept, or when the sweep was interrupted.
 */
export async function runRetention(
  app: Application,
  options: RetentionRunOptions,
  signal?: AbortSignal,
): Promise<NationSweep[]> {
  const dryRun = options.dryRun ?? false;
  const sweeps = await app.retention.sweep({
    nation: options.nation,
    dryRun,
    signal,
    progress: (label, total) => startProgress({ label: `erasing ${label}`, total }),
    onNation: (s) => process.stdout.write(`${sweepLine(s)}\n`),
  });
  const total = (pick: (k: NationSweep["kinds"][number]) => number) =>
    sweeps.reduce((sum, s) => sum + s.kinds.reduce((n, k) => n + pick(k), 0), 0);
  process.stdout.write(
    dryRun
      ? `dry run: ${total((k) => k.expired)} records expired in ${sweeps.length} nation(s); nothing erased\n`
      : `${total((k) => k.erased)} records erased in ${sweeps.length} nation(s)\n`,
  );
  const failed = sweeps.filter((s) => s.error !== null);
  if (failed.length > 0)
    throw new AppError(
      "INTERNAL",
      `retention failed in ${failed.length} nation(s): ${failed.map((s) => s.nation).join(", ")}`,
    );
  if (signal?.aborted)
    throw new AppError("INTERNAL", "interrupted: what was erased stays erased; run again to finish");
  return sweeps;
}

/** `hemisphere retention run`: Ctrl-C stops between two erasures, each of which is its own transaction. */
export async function retentionRunCommand(options: RetentionRunOptions): Promise<void> {
  await withApplication(async (app) => {
    const controller = new AbortController();
    const stop = () => {
      process.stderr.write("interrupted: stopping after the current record\n");
      controller.abort();
    };
    process.once("SIGINT", stop);
    try {
      await runRetention(app, options, controller.signal);
    } finally {
      process.off("SIGINT", stop);
    }
  });
}
