// Runs one HiGHS solve in a worker thread, so a WebAssembly crash or out-of-memory kills only this worker.
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader of its parent.
import { parentPort, workerData } from "node:worker_threads";
import loadHighs from "highs";

const highs = await loadHighs();
const { model, options, integer } = workerData;
const data = {
  ...model,
  sense: highs.constants.objectiveSense.maximize,
  ...(integer
    ? { integrality: new Int32Array(model.numCols).fill(highs.constants.variableType.integer) }
    : {}),
};
const solver = highs.createModel(data);
try {
  solver.options.set({ output_flag: false, ...options });
  solver.run();
  const status = solver.getModelStatus();
  const names = Object.entries(highs.constants.modelStatus);
  const statusName = names.find(([, code]) => code === status)?.[0] ?? String(status);
  let primal;
  let objective = Number.NaN;
  try {
    primal = solver.getSolution().colValue;
    objective = solver.getObjectiveValue();
  } catch {
    primal = undefined;
  }
  let bound = objective;
  if (integer) {
    const dual = Number(solver.info.get("mip_dual_bound"));
    bound = Number.isFinite(dual) ? dual : Number.POSITIVE_INFINITY;
  }
  parentPort.postMessage({ status: statusName, objective, bound, primal });
} finally {
  solver.dispose();
}
