// Multinomial logistic regression (softmax) with L2, trained by AdaGrad over a seeded shuffle:
// the same corpus gives the same weights, bit for bit.
import type { Features } from "../../src/crisis/crisisFeatures.ts";

export type Example = { f: Features; y: number };
export type TrainOptions = {
  buckets: number;
  classes: number;
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
  /** Weight of class 0 ("none") examples: crises outnumber near-misses in the corpus, not in life. */
  noneWeight: number;
};
export type Trained = { weights: Float64Array; bias: Float64Array };

/** mulberry32: a small, seeded pseudo-random generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainSoftmax(examples: Example[], o: TrainOptions): Trained {
  const C = o.classes;
  const weights = new Float64Array(o.buckets * C);
  const sq = new Float64Array(o.buckets * C);
  const bias = new Float64Array(C);
  const biasSq = new Float64Array(C);
  const next = rng(o.seed);
  const order = examples.map((_, i) => i);
  const logits = new Float64Array(C);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const e of order) {
      const { f, y } = examples[e]!;
      logits.set(bias);
      for (let k = 0; k < f.idx.length; k++) {
        const base = f.idx[k]! * C;
        for (let c = 0; c < C; c++) logits[c]! += weights[base + c]! * f.val[k]!;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, logits[c]!);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += logits[c] = Math.exp(logits[c]! - max);
      for (let c = 0; c < C; c++) {
        const g = (logits[c]! / sum - (c === y ? 1 : 0)) * (y === 0 ? o.noneWeight : 1);
        biasSq[c]! += g * g;
        bias[c]! -= (o.rate * g) / (Math.sqrt(biasSq[c]!) + 1e-8);
        for (let k = 0; k < f.idx.length; k++) {
          const j = f.idx[k]! * C + c;
          // L2 on the weights this example touches (the usual sparse approximation).
          const grad = g * f.val[k]! + o.l2 * weights[j]!;
          sq[j]! += grad * grad;
          weights[j]! -= (o.rate * grad) / (Math.sqrt(sq[j]!) + 1e-8);
        }
      }
    }
  }
  return { weights, bias };
}
