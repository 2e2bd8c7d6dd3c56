/**
 * What other capabilities (and the flows store, service and routes) may use from flows: the parsers that turn
 * official statistics files into {@link FlowRow}s (one shape for every source: `period` `YYYY-MM` or `YYYY`,
 * `measure`, `value`, `dims` with snake_case keys and `*_iso` companions), the series helpers, the forecast
 * and backtest engines, and surge detection (all pure); and, for the composition root, the migrations, the
 * service, the routes and the demo seeder.
 */
import { type Migration, migrationsFromDir } from "../platform/db/migrate.ts";

export { type BacktestMethod, type BacktestRow, backtestMethods, backtestSeries } from "./engine/backtest.ts";
export { citizenshipIso } from "./engine/citizenship.ts";
export { fiscalToCalendarMonth, fiscalYearOf } from "./engine/fiscal-calendar.ts";
export {
  type FlowProblem,
  type FlowRow,
  type FlowSource,
  flowSources,
  type ParsedFlowFile,
  problemLimit,
} from "./engine/flows-types.ts";
export { type ForecastPoint, forecastSeries } from "./engine/forecast.ts";
export { type GenericSchema, genericSchemaSchema, parseGenericSchema } from "./engine/generic-import.ts";
export {
  addMonths,
  formatSeriesCsv,
  type MonthlyPoint,
  monthIndex,
  parseSeriesCsv,
} from "./engine/monthly-series.ts";
export { contentHash, detectSource, type ParseFlowOptions, parseFlowFile } from "./engine/parse-flow-file.ts";
export {
  mergeSeries,
  southwestBorderPatrolSeries,
  sumMonthly,
  venezuelansSouthwestSeries,
} from "./engine/reference-series.ts";
export {
  defaultSurgeThresholds,
  type ForecastOutlier,
  findForecastOutliers,
  findYearOverYearSurges,
  type SurgeThresholds,
  type YearOverYearSurge,
} from "./engine/surge.ts";
export { flowsRoutes } from "./flows.routes.ts";
export { seedFlowsDemo, sharedDataDir } from "./flows.seed.ts";
export { createFlowsService } from "./flows.service.ts";

/** The flows tables (releases, files, periods, dimensions, observations), after the platform's. */
export const flowsMigrations = (): Migration[] =>
  migrationsFromDir("flows", new URL("./migrations/", import.meta.url));
