/** A progress line on stderr with counts, rate and time left; quiet when stderr is not a terminal unless forced. */
export interface Progress {
  tick(n?: number): void;
  setTotal(total: number): void;
  done(): void;
}

export interface ProgressOptions {
  label: string;
  total?: number;
  stream?: NodeJS.WriteStream;
  /** Milliseconds between redraws. */
  intervalMs?: number;
  /** Clock for tests; defaults to performance.now. */
  now?: () => number;
}

/** Starts a progress display; call `tick` as work completes and `done` at the end. */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 250;
  const started = now();
  let total = options.total;
  let count = 0;
  let lastDraw = 0;
  const tty = Boolean(stream.isTTY);

  const render = (final: boolean): void => {
    const seconds = Math.max((now() - started) / 1000, 1e-9);
    const rate = count / seconds;
    const parts = [`${options.label}: ${count.toLocaleString("en-US")}`];
    if (total !== undefined && total > 0) {
      const share = Math.min(count / total, 1);
      const width = 24;
      const filled = Math.round(share * width);
      parts[0] = `${options.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${count.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
      if (!final && rate > 0) parts.push(`${formatDuration((total - count) / rate)} left`);
    }
    parts.push(`${Math.round(rate).toLocaleString("en-US")}/s`);
    if (final) parts.push(`in ${formatDuration(seconds)}`);
    const line = parts.join("  ");
    stream.write(tty ? `\r\x1b[2K${line}${final ? "\n" : ""}` : `${line}\n`);
  };

  return {
    tick(n = 1) {
      count += n;
      const t = now();
      const every = tty ? interval : Math.max(interval, 2000);
      if (t - lastDraw >= every) {
        lastDraw = t;
        render(false);
      }
    },
    setTotal(value: number) {
      total = value;
    },
    done() {
      render(true);
    },
  };
}

/** Seconds as a short human duration: 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
