import type { NationSweep, RetentionService } from "./retention.service.ts";

export interface RetentionTimerOptions {
  /** Time between two sweeps (default a day). */
  intervalMs?: number;
  /** Time from start to the first sweep (default five minutes: the server is up and seeded first). */
  firstDelayMs?: number;
  /** Where each nation's counts and failures are written. */
  log: (line: string) => void;
}

/** A nation's sweep as one log line: counts only, never an id. */
export function sweepLine(s: NationSweep): string {
  const kinds = s.kinds.map((k) =>
    s.dryRun
      ? `${k.kind} ${k.expired} expired`
      : `${k.kind} ${k.erased} erased of ${k.expired} expired (${k.days} days)${k.failed ? `, ${k.failed} failed` : ""}`,
  );
  const tail = [s.interrupted ? "interrupted" : "", s.error ? `FAILED: ${s.error}` : ""].filter(Boolean);
  return `${s.nation}: ${kinds.length ? kinds.join("; ") : "no retention periods"}${tail.length ? `; ${tail.join("; ")}` : ""}`;
}

/**
 * The server's daily retention sweep: the same sweep as `hemisphere retention run`, on an unref'd timer so it
 * never keeps the process alive. Only nations with periods are logged; a failing nation is logged and the
 * others still swept. `stop` interrupts a sweep in progress between two erasures and waits for it.
 */
export function startRetentionTimer(retention: RetentionService, options: RetentionTimerOptions) {
  const interval = options.intervalMs ?? 86_400_000;
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout;

  const run = () => {
    running = retention
      .sweep({
        signal: controller.signal,
        onNation: (s) => {
          if (s.kinds.length > 0 || s.error) options.log(`retention: ${sweepLine(s)}`);
        },
      })
      .then(
        () => undefined,
        (error: unknown) => options.log(`retention: sweep failed: ${String(error)}`),
      )
      .finally(() => {
        running = null;
        if (!controller.signal.aborted) schedule(interval);
      });
  };
  const schedule = (ms: number) => {
    timer = setTimeout(run, ms);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 300_000);

  return {
    async stop(): Promise<void> {
      controller.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
