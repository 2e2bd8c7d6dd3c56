/** An action: a function that takes its dependencies first, then what its caller passes. */
// biome-ignore lint/suspicious/noExplicitAny: the argument lists of actions differ; each keeps its own below.
type Action<D> = (deps: D, ...args: any[]) => unknown;

/** An action with its dependencies bound: what a caller of the service sees. */
type Bound<D, F> = F extends (deps: D, ...args: infer A) => infer R ? (...args: A) => R : never;

/**
 * Binds a service's actions to their dependencies: each action is a top-level function named by what it does,
 * taking the dependencies first, and the service object routes and commands call is these functions bound.
 * The keys are the service's method names.
 */
export function bindActions<D, A extends Record<string, Action<D>>>(
  deps: D,
  actions: A,
): { [K in keyof A]: Bound<D, A[K]> } {
  return Object.fromEntries(
    Object.entries(actions).map(([name, action]) => [name, (...args: unknown[]) => action(deps, ...args)]),
  ) as { [K in keyof A]: Bound<D, A[K]> };
}
