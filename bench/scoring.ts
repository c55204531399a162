/**
 * Scoring benchmark: scores 100,000 random 153-criterion METI SCS assessments through @tierstar/scoring's fast
 * path (compiled catalogue + Uint8Array answer codes, full result: levels, categories, gaps) and through a raw,
 * hand-inlined loop over the same data that computes only met/applicable per level and the level reached.
 *
 *   npm run bench:scoring [-- --count 100000 --seed 20260327 --rounds 5]
 *
 * Prints figures only; it asserts nothing about time. Targets: ≥ 200,000 assessments/s on one core, and the
 * library within 3× of the raw loop.
 */
import { getCatalogue } from '@tierstar/guidelines';
import { ANSWER_CODES, compileCatalogue, scoreLevels, type CompiledCatalogue } from '@tierstar/scoring';
import { performance } from 'node:perf_hooks';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const COUNT = option('count', 100_000);
const SEED = option('seed', 20260327);
const ROUNDS = option('rounds', 5);

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Answer mix of a typical self-assessment: mostly met, some gaps. Per assessment a "maturity" in [0.5, 1) scales
 * the met share, so levels ★3, ★4 and none all occur.
 */
const MIX: readonly [code: number, weight: number][] = [
  [ANSWER_CODES.not_met, 0.35],
  [ANSWER_CODES.partial, 0.25],
  [ANSWER_CODES.not_applicable, 0.2],
  [ANSWER_CODES.unknown, 0.1],
  [ANSWER_CODES.missing, 0.1],
];

function generate(c: CompiledCatalogue, count: number, seed: number): Uint8Array[] {
  const rnd = prng(seed);
  const out = new Array<Uint8Array>(count);
  for (let k = 0; k < count; k++) {
    const codes = new Uint8Array(c.size);
    // Maturity: probability that a criterion is met (a few assessments are perfect).
    const maturity = rnd() < 0.05 ? 1 : 0.5 + rnd() * 0.5;
    for (let i = 0; i < c.size; i++) {
      if (rnd() < maturity) {
        codes[i] = ANSWER_CODES.met;
        continue;
      }
      let r = rnd();
      let code: number = ANSWER_CODES.not_met;
      for (const [candidate, weight] of MIX) {
        if (r < weight) {
          code = candidate;
          break;
        }
        r -= weight;
      }
      codes[i] = code;
    }
    out[k] = codes;
  }
  return out;
}

function viaLibrary(c: CompiledCatalogue, data: readonly Uint8Array[]): number {
  let checksum = 0;
  for (let k = 0; k < data.length; k++) {
    const r = scoreLevels(c, data[k]);
    checksum += (r.level ?? 0) + r.gaps.length + r.levels[0].met;
  }
  return checksum;
}

/** Raw baseline: met/applicable per level in a preallocated buffer, then the level reached. */
function rawLoop(levelOf: Uint8Array, ranks: Int32Array, data: readonly Uint8Array[]): number {
  const nLevels = ranks.length;
  const met = new Int32Array(nLevels);
  const applicable = new Int32Array(nLevels);
  let checksum = 0;
  for (let k = 0; k < data.length; k++) {
    const codes = data[k];
    met.fill(0);
    applicable.fill(0);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      const l = levelOf[i];
      if (code === 1) met[l]++;
      if (code !== 4) applicable[l]++;
    }
    let level = 0;
    let m = 0;
    let a = 0;
    for (let l = 0; l < nLevels; l++) {
      m += met[l];
      a += applicable[l];
      if (m !== a) break;
      level = ranks[l];
    }
    checksum += level + met[0];
  }
  return checksum;
}

function best(label: string, run: () => number): { rate: number; ms: number; checksum: number } {
  let bestMs = Infinity;
  let checksum = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    checksum = run();
    const ms = performance.now() - t0;
    bestMs = Math.min(bestMs, ms);
  }
  const rate = COUNT / (bestMs / 1000);
  console.log(
    `${label.padEnd(34)} ${bestMs.toFixed(1).padStart(8)} ms  ${Math.round(rate).toLocaleString('en-US').padStart(12)} assessments/s  (best of ${ROUNDS}, checksum ${checksum})`,
  );
  return { rate, ms: bestMs, checksum };
}

function main(): void {
  const catalogue = getCatalogue('meti-scs');
  if (catalogue === undefined) throw new Error('built-in catalogue meti-scs is missing');
  const compiled = compileCatalogue(catalogue);
  const data = generate(compiled, COUNT, SEED);

  const levelOf = Uint8Array.from(compiled.levelIndex);
  const ranks = Int32Array.from(compiled.ranks);

  // Warm-up (JIT) on a slice, then measure both on the full data.
  const warm = data.slice(0, Math.min(COUNT, 20_000));
  viaLibrary(compiled, warm);
  rawLoop(levelOf, ranks, warm);

  const levels = new Map<string, number>();
  for (const codes of data) {
    const key = String(scoreLevels(compiled, codes).level ?? 'none');
    levels.set(key, (levels.get(key) ?? 0) + 1);
  }

  console.log(
    `catalogue ${compiled.id}@${compiled.version}: ${compiled.size} criteria, ranks ${compiled.ranks.join('/')}, ${compiled.groupIds.length} categories`,
  );
  console.log(
    `data: ${COUNT.toLocaleString('en-US')} assessments, seed ${SEED}; levels reached: ${[...levels]
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  console.log(`node ${process.version}, single thread`);
  const lib = best('library (compiled, Uint8Array)', () => viaLibrary(compiled, data));
  const raw = best('raw baseline (inlined level loop)', () => rawLoop(levelOf, ranks, data));
  const ratio = lib.ms / raw.ms;
  console.log(`ratio library/raw: ${ratio.toFixed(2)}×`);
  console.log(
    `target: ≥ 200,000 assessments/s — ${lib.rate >= 200_000 ? 'met' : 'NOT met'} (${Math.round(lib.rate).toLocaleString('en-US')}/s)`,
  );
  console.log(`target: within 3× of the raw loop — ${ratio <= 3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`);
}

main();
