import type { InputProblem } from "../shared/input-problem.ts";
/** The closed set of failure kinds; each maps once to an HTTP status and a CLI exit code. */
export const errorCodes = {
  BAD_INPUT: { status: 400, exit: 2 },
  UNAUTHENTICATED: { status: 401, exit: 1 },
  FORBIDDEN: { status: 403, exit: 1 },
  NOT_FOUND: { status: 404, exit: 1 },
  CONFLICT: { status: 409, exit: 1 },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 2 },
  RATE_LIMITED: { status: 429, exit: 1 },
  UNAVAILABLE: { status: 503, exit: 1 },
  INTERNAL: { status: 500, exit: 1 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The one error type the application throws on purpose; `details` is safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  get exitCode(): number {
    return errorCodes[this.code].exit;
  }
}

export type { InputProblem } from "../shared/input-problem.ts";

/** Formats located input problems as one readable block: the first `limit`, then the total. */
export function formatProblems(problems: InputProblem[], limit = 20): string {
  const shown = problems.slice(0, limit).map((p) => {
    const where = [p.file, p.line === undefined ? undefined : `line ${p.line}`, p.field && `field ${p.field}`]
      .filter(Boolean)
      .join(", ");
    return where ? `${where}: ${p.message}` : p.message;
  });
  const more = problems.length > limit ? [`… and ${problems.length - limit} more`] : [];
  return [...shown, ...more, `${problems.length} problem(s) in total`].join("\n");
}

/** Throws a BAD_INPUT error carrying every problem when there is at least one. */
export function failOnProblems(problems: InputProblem[], what: string): void {
  if (problems.length === 0) return;
  throw new AppError("BAD_INPUT", `${what}:\n${formatProblems(problems)}`, {
    problems: problems.slice(0, 20),
    total: problems.length,
  });
}
