// How the suite measures and reports: a row per benchmark with its own figure, the reference measured beside it in
// the same run, the ratio and the goal; a deterministic random source; progress lines; peak memory.
import { readFileSync } from 'node:fs';

export interface Row {
  /** What is measured, as in docs/performance.md. */
  what: string;
  result: { value: number; unit: string; note?: string } | null;
  reference: { what: string; value: number; unit: string } | null;
  /** result ÷ reference, oriented so that the goal reads as written (e.g. "≥ 0.7"). */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  /** Why a row was not measured, or what to know about it. */
  remark?: string;
  extra?: Record<string, unknown>;
}

/** mulberry32: the same seed gives the same national dataset. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Whole cents as a decimal string: the money never goes through a float. */
export const centsText = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs `workers` loops calling `once` until `seconds` have passed; returns the completions per second. */
export async function throughput(
  workers: number,
  seconds: number,
  once: (worker: number, i: number) => Promise<void>,
): Promise<{ perSecond: number; count: number; ms: number }> {
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await once(worker, i);
        count++;
      }
    }),
  );
  const ms = performance.now() - started;
  return { perSecond: (count * 1000) / ms, count, ms };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Peak resident set of a process (this one by default), in MiB, from the kernel's own high-water mark. */
export function peakRssMiB(pid: number | 'self' = 'self'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** A progress line on stderr, at most every half second, so that a long generation shows it is alive. */
export function progress(label: string, total: number): (done: number) => void {
  let last = 0;
  const started = performance.now();
  return (done) => {
    const now = performance.now();
    if (done < total && now - last < 500) return;
    last = now;
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const eta = done > 0 && done < total ? `, ${Math.round((total - done) / rate)} s left` : '';
    process.stderr.write(
      `  ${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round(rate)}/s${eta})\n`,
    );
  };
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A row from a measured figure and its reference; `higherIsBetter` orients the ratio as the goal reads. */
export function ratioRow(input: {
  what: string;
  value: number;
  unit: string;
  referenceWhat: string;
  referenceValue: number;
  goal: string;
  /** The ratio the goal asks for, and whether the ratio must be at least (≥) or at most (≤) it. */
  threshold: number;
  atLeast: boolean;
  /** Other conditions of the goal (same totals, no gap, p99 bound...). */
  alsoMet?: boolean;
  ratio?: number;
  remark?: string;
  note?: string;
  extra?: Record<string, unknown>;
}): Row {
  const ratio = input.ratio ?? input.value / input.referenceValue;
  const met = (input.atLeast ? ratio >= input.threshold : ratio <= input.threshold) && input.alsoMet !== false;
  return {
    what: input.what,
    result: { value: round(input.value), unit: input.unit, ...(input.note ? { note: input.note } : {}) },
    reference: { what: input.referenceWhat, value: round(input.referenceValue), unit: input.unit },
    ratio: round(ratio, 3),
    goal: input.goal,
    met,
    ...(input.remark ? { remark: input.remark } : {}),
    ...(input.extra ? { extra: input.extra } : {}),
  };
}

export function skippedRow(what: string, goal: string, remark: string): Row {
  return { what, result: null, reference: null, ratio: null, goal, met: null, remark };
}

/** The table printed at the end: every row with its figure, reference, ratio and goal. */
export function printRows(rows: readonly Row[]): void {
  const fmt = (v: { value: number; unit: string } | null) => (v ? `${v.value.toLocaleString('en')} ${v.unit}` : '—');
  const table = rows.map((r) => ({
    what: r.what,
    result: fmt(r.result),
    reference: r.reference ? `${fmt(r.reference)} (${r.reference.what})` : '—',
    ratio: r.ratio === null ? '—' : `${r.ratio}×`,
    goal: r.goal,
    met: r.met === null ? 'n/a' : r.met ? 'yes' : 'NO',
  }));
  const keys = ['what', 'result', 'reference', 'ratio', 'goal', 'met'] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(k.length, ...table.map((t) => t[k].length))])) as Record<
    (typeof keys)[number],
    number
  >;
  const line = (cells: Record<(typeof keys)[number], string>) => keys.map((k) => cells[k].padEnd(width[k])).join(' | ');
  console.log(line({ what: 'what', result: 'result', reference: 'reference', ratio: 'ratio', goal: 'goal', met: 'met' }));
  console.log(keys.map((k) => '-'.repeat(width[k])).join('-|-'));
  for (const t of table) console.log(line(t));
  for (const r of rows) if (r.remark) console.log(`  · ${r.what}: ${r.remark}`);
}
