/**
 * Simple forecasters evaluated from every origin in one pass. `table[t]` holds the forecasts for horizons
 * 1..H made after seeing the first `t` values (so `table[t][h-1]` forecasts `z[t+h-1]`); undefined where the
 * model has too little history. Everything here works on whatever scale it is given (the engine uses logs).
 */
export type OriginTable = (Float64Array | undefined)[];

const season = 12;

function table(
  n: number,
  H: number,
  from: number,
  forecast: (t: number, out: Float64Array) => void,
): OriginTable {
  const out: OriginTable = new Array(n + 1);
  for (let t = from; t <= n; t++) {
    const row = new Float64Array(H);
    forecast(t, row);
    out[t] = row;
  }
  return out;
}

/** Last value carried forward. */
export function naiveTable(z: ArrayLike<number>, H: number): OriginTable {
  return table(z.length, H, 1, (t, row) => row.fill(z[t - 1] as number));
}

/** The same month a year before (the last value while less than a year is known). */
export function seasonalNaiveTable(z: ArrayLike<number>, H: number): OriginTable {
  return table(z.length, H, 1, (t, row) => {
    for (let h = 1; h <= H; h++) {
      const back = t - 1 + h - season * Math.ceil(h / season);
      row[h - 1] = (back >= 0 ? z[back] : z[t - 1]) as number;
    }
  });
}

/** Mean of the last `k` values: a naive forecast that shrugs off a single odd month. */
export function recentMeanTable(z: ArrayLike<number>, H: number, k: number): OriginTable {
  return table(z.length, H, k, (t, row) => {
    let sum = 0;
    for (let i = t - k; i < t; i++) sum += z[i] as number;
    row.fill(sum / k);
  });
}

/**
 * The last value moved by the average change between the same months in up to `years` earlier years: the
 * current level with the usual seasonal shape, whatever that level is.
 */
export function seasonalShapeTable(z: ArrayLike<number>, H: number, years: number): OriginTable {
  return table(z.length, H, season + 1, (t, row) => {
    for (let h = 1; h <= H; h++) {
      let sum = 0;
      let count = 0;
      for (let k = 1; k <= years; k++) {
        const base = t - 1 - season * k;
        const target = base + h;
        if (base < 0 || target >= t) break;
        sum += (z[target] as number) - (z[base] as number);
        count++;
      }
      row[h - 1] = (z[t - 1] as number) + (count > 0 ? sum / count : 0);
    }
  });
}

/** Smoothing weights of an additive exponential smoothing model with damped trend (error-correction form). */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  seasonal: boolean;
}

/** The running state of the model after some observations. */
export interface EtsState {
  level: number;
  trend: number;
  seasonals: Float64Array;
  /** How many observations the state has absorbed (the next one's season is `t % 12`). */
  t: number;
  sse: number;
  steps: number;
}

/** Initial state: first year's mean level, year-on-year slope, first year's seasonal deviations. */
export function initialEtsState(z: ArrayLike<number>, seasonal: boolean): EtsState {
  const seasonals = new Float64Array(season);
  if (!seasonal) {
    const trend = z.length > 1 ? ((z[1] as number) - (z[0] as number)) / 2 : 0;
    return { level: z[0] as number, trend, seasonals, t: 1, sse: 0, steps: 0 };
  }
  const mean = (from: number): number => {
    let s = 0;
    for (let i = from; i < from + season; i++) s += z[i] as number;
    return s / season;
  };
  const first = mean(0);
  for (let i = 0; i < season; i++) seasonals[i] = (z[i] as number) - first;
  const trend = (mean(season) - first) / season;
  return { level: first - trend * ((season - 1) / 2), trend, seasonals, t: 0, sse: 0, steps: 0 };
}

/** Absorbs observations `z[state.t .. upTo)` into the state, adding their one-step errors to its SSE. */
export function advanceEts(state: EtsState, z: ArrayLike<number>, upTo: number, p: EtsParams): void {
  for (let t = state.t; t < upTo; t++) {
    const phase = t % season;
    const s = p.seasonal ? (state.seasonals[phase] as number) : 0;
    const error = (z[t] as number) - (state.level + p.phi * state.trend + s);
    state.level = state.level + p.phi * state.trend + p.alpha * error;
    state.trend = p.phi * state.trend + p.beta * error;
    if (p.seasonal) state.seasonals[phase] = s + p.gamma * error;
    state.sse += error * error;
    state.steps++;
  }
  state.t = Math.max(state.t, upTo);
}

/** Point forecasts for horizons 1..H from a state. */
export function etsForecast(state: EtsState, p: EtsParams, out: Float64Array): void {
  let damp = 0;
  let phiPower = 1;
  for (let h = 1; h <= out.length; h++) {
    phiPower *= p.phi;
    damp += phiPower;
    const s = p.seasonal ? (state.seasonals[(state.t + h - 1) % season] as number) : 0;
    out[h - 1] = state.level + damp * state.trend + s;
  }
}

/** Standard deviation multipliers of the h-step error relative to the one-step error (Hyndman et al., class 1). */
export function etsSpread(p: EtsParams, H: number): Float64Array {
  const out = new Float64Array(H);
  let sum = 1;
  for (let h = 1; h <= H; h++) {
    out[h - 1] = Math.sqrt(sum);
    const j = h;
    const c = p.alpha + (p.phi === 1 ? p.beta * j : (p.beta * p.phi * (1 - p.phi ** j)) / (1 - p.phi));
    const seasonalJump = p.seasonal && j % season === 0 ? p.gamma : 0;
    sum += (c + seasonalJump) ** 2;
  }
  return out;
}

/** The last value plus the last month's change, damped by `phi` each month ahead: short-lived momentum. */
export function momentumTable(z: ArrayLike<number>, H: number, phi: number): OriginTable {
  return table(z.length, H, 2, (t, row) => {
    const step = (z[t - 1] as number) - (z[t - 2] as number);
    let damp = 0;
    for (let h = 1; h <= H; h++) {
      damp += phi ** h;
      row[h - 1] = (z[t - 1] as number) + damp * step;
    }
  });
}

/** Simple exponential smoothing with a fixed weight: a level that follows the data at speed `alpha`. */
export function smoothedLevelTable(z: ArrayLike<number>, H: number, alpha: number): OriginTable {
  let level = z[0] as number;
  return table(z.length, H, 1, (t, row) => {
    if (t > 1) level += alpha * ((z[t - 1] as number) - level);
    row.fill(level);
  });
}
