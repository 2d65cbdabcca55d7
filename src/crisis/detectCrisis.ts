// Crisis screening of one typed message (contract §7) with the shipped model; how rules and model
// are combined and graded is in gradeCrisis.ts.
import { loadCrisisModel, type CrisisModel } from "./crisisModel.ts";
import { crisisDetector, type CrisisDetection } from "./gradeCrisis.ts";

export type { CrisisCertainty, CrisisDetection } from "./gradeCrisis.ts";
export { foldForCrisis, normalizeForCrisis } from "./normalizeForCrisis.ts";

// Loaded once, synchronously, when the module is first imported (a few MB, some milliseconds).
export const SHIPPED_MODEL: CrisisModel = loadCrisisModel(new URL("./crisisModel.json", import.meta.url));

/**
 * Screens one typed message for a present crisis (contract §7). Returns null when there is none.
 * The language is not needed: every language's rules run, and the model reads every script.
 */
export const detectCrisis: (text: string) => CrisisDetection | null = crisisDetector(SHIPPED_MODEL);
