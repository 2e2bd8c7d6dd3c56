/**
 * The most parameters one statement binds. PostgreSQL's wire protocol counts a statement's parameters in 16 bits
 * (65,535 at most; beyond, the count wraps and the server answers "bind message has N parameter formats"), on
 * PGlite as on a server. Staying far below keeps each statement short as well.
 */
export const MAX_STATEMENT_PARAMETERS = 10_000;

/** How many rows of `parametersPerRow` bound values fit in one statement. */
export function rowsPerStatement(parametersPerRow: number): number {
  return Math.max(1, Math.floor(MAX_STATEMENT_PARAMETERS / Math.max(1, parametersPerRow)));
}

/** `rows` cut into consecutive slices that each fit one statement of `parametersPerRow` values a row. */
export function* statementBatches<T>(rows: readonly T[], parametersPerRow: number): Generator<T[]> {
  const size = rowsPerStatement(parametersPerRow);
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
