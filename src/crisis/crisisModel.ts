// The statistical half of crisis screening: a softmax over "none" and the six crisis kinds, on
// hashed character n-grams (crisisFeatures.ts). Trained by scripts/trainCrisis.ts from
// corpus/crisis/train/ and shipped as crisisModel.json; loaded once, scored in microseconds.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { z } from "zod";
import { CRISIS_KINDS, type CrisisKind } from "./crisisKinds.ts";
import { crisisFeatures, FEATURE_BUCKETS } from "./crisisFeatures.ts";

export const MODEL_CLASSES = ["none", ...CRISIS_KINDS] as const;
export const MODEL_FORMAT = "tsunagu-crisis-model/1";

/**
 * The probabilities at which a model hit is graded "possible" or "clear", and below which the model
 * overrules a rule's hit (not a self_harm plan): the model is then all but sure nothing is wrong.
 */
export const ThresholdsSchema = z.object({
  possible: z.number().min(0).max(1),
  clear: z.number().min(0).max(1),
  overrule: z.number().min(0).max(1),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  /** SHA-256 of the training corpus files the model was trained on (see crisisCorpus.ts). */
  corpusSha256: z.string().regex(/^[0-9a-f]{64}$/),
  buckets: z.literal(FEATURE_BUCKETS),
  classes: z.array(z.string()).refine((c) => c.join() === MODEL_CLASSES.join(), "classes differ from this code's"),
  thresholds: ThresholdsSchema,
  /** Weights are int8; weight = q * scale. */
  scale: z.number().positive(),
  bias: z.array(z.number()).length(MODEL_CLASSES.length),
  /** base64 of raw-deflated int8 weights, bucket-major (bucket * classes + class). */
  weights: z.string(),
  /** Figures on the held-out development split, as the training script measured them. */
  development: z.record(z.string(), z.unknown()),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export type CrisisModel = {
  /** int8 weights as shipped (weight = q * scale): a quarter of the memory of floats. */
  weights: Int8Array;
  scale: number;
  bias: Float64Array;
  thresholds: Thresholds;
  corpusSha256: string;
};

/** Kind → probability, for the six kinds (the "none" class is the rest). */
export type KindScores = Record<CrisisKind, number>;

const C = MODEL_CLASSES.length;

export function modelFromFile(file: ModelFile): CrisisModel {
  const q = new Int8Array(inflateRawSync(Buffer.from(file.weights, "base64")));
  if (q.length !== FEATURE_BUCKETS * C) throw new Error(`crisis model: ${q.length} weights, expected ${FEATURE_BUCKETS * C}`);
  return { weights: q, scale: file.scale, bias: Float64Array.from(file.bias), thresholds: file.thresholds, corpusSha256: file.corpusSha256 };
}

export function loadCrisisModel(path: string | URL): CrisisModel {
  return modelFromFile(ModelFileSchema.parse(JSON.parse(readFileSync(path, "utf8"))));
}

/** Softmax probabilities of the six kinds for one message. */
export function scoreCrisis(model: CrisisModel, text: string): KindScores {
  const { idx, val } = crisisFeatures(text);
  const logits = Array.from(model.bias);
  for (let k = 0; k < idx.length; k++) {
    const base = idx[k]! * C;
    const v = val[k]! * model.scale;
    for (let c = 0; c < C; c++) logits[c]! += model.weights[base + c]! * v;
  }
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const out = {} as KindScores;
  CRISIS_KINDS.forEach((kind, i) => (out[kind] = exps[i + 1]! / sum));
  return out;
}
