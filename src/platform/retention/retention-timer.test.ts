import { describe, expect, it } from "vitest";
import type { RetentionService, SweepOptions } from "./retention.service.ts";
import { startRetentionTimer } from "./retention-timer.ts";

// The server's daily sweep: runs the sweep on its timer, logs nations with periods or failures only, and
// interrupts a sweep in progress when the server stops.

describe("the retention timer", () => {
  it("sweeps after its first delay, logs counts and failures only, and stops a sweep in progress", async () => {
    const lines: string[] = [];
    let aborted = false;
    let release: () => void = () => {};
    const sweeping = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const began = new Promise<void>((resolve) => {
      started = resolve;
    });
    const service = {
      sweep: async (options: SweepOptions = {}) => {
        options.onNation?.({ nation: "ARG", kinds: [], dryRun: false, interrupted: false, error: null });
        options.onNation?.({
          nation: "USA",
          kinds: [{ kind: "registry.person", days: 365, expired: 3, erased: 2, failed: 1 }],
          dryRun: false,
          interrupted: false,
          error: "registry.person: locked",
        });
        options.signal?.addEventListener("abort", () => {
          aborted = true;
          release();
        });
        started();
        await sweeping;
        return [];
      },
    } as unknown as RetentionService;
    const timer = startRetentionTimer(service, { firstDelayMs: 1, log: (l) => lines.push(l) });
    await began;
    expect(lines).toEqual([
      "retention: USA: registry.person 2 erased of 3 expired (365 days), 1 failed; FAILED: registry.person: locked",
    ]);
    await timer.stop();
    expect(aborted).toBe(true);
  });
});
