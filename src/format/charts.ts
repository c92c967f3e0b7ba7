/**
 * One-line charts from block elements (each one column wide): a sparkline
 * for per-day usage and a bar with eighth-block precision for shares.
 */

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** Partial blocks for 1/8 … 7/8 of a column. */
const EIGHTHS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/** Negative, NaN and infinite inputs count as 0: the charts show amounts. */
function amount(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/**
 * Resample to `width` buckets, each the max of its slice, so a spike is
 * never averaged away.
 */
function resample(values: number[], width: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < width; b++) {
    const from = Math.floor((b * values.length) / width);
    const to = Math.max(from + 1, Math.floor(((b + 1) * values.length) / width));
    let max = 0;
    for (let i = from; i < to; i++) max = Math.max(max, amount(values[i] ?? 0));
    out.push(max);
  }
  return out;
}

/**
 * A sparkline, one column per value, scaled from 0 to the largest value
 * (so zero is always the lowest bar). With `width` and more values than
 * that, values are bucketed by max into `width` columns; fewer are not
 * stretched. All zeros → '▁' repeated; no values (or width <= 0) → ''.
 */
export function sparkline(values: number[], width?: number): string {
  const cols = width === undefined ? values.length : Math.floor(width);
  if (values.length === 0 || cols <= 0) return '';
  const series = values.length > cols ? resample(values, cols) : values.map(amount);
  // A loop, not Math.max(...series): spreading a long series overflows the stack.
  let max = 0;
  for (const v of series) if (v > max) max = v;
  if (max === 0) return SPARKS[0].repeat(series.length);
  return series.map((v) => SPARKS[Math.round((v / max) * 7)] ?? SPARKS[0]).join('');
}

/**
 * A horizontal bar for value/max over `width` columns: full blocks then at
 * most one partial eighth block, rounded down so a bar never overstates,
 * and never longer than `width` (values above max are capped). Not padded.
 * max <= 0 or width <= 0 → ''.
 */
export function bar(value: number, max: number, width: number): string {
  if (!(max > 0) || !(width > 0)) return '';
  const ratio = Math.min(1, amount(value) / max);
  // The epsilon keeps 0.3 * 10 * 8 = 23.999… from losing an eighth to float error.
  const eighths = Math.floor(ratio * Math.floor(width) * 8 + 1e-9);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  return '█'.repeat(full) + (rest > 0 ? (EIGHTHS[rest - 1] ?? '') : '');
}
