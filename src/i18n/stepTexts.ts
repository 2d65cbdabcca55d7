// Where a flow step's texts live in locales/<lang>/bot.json. A step names its texts (`texts:` in
// the flow), so that renaming the step's id leaves every translation where it is; without it the
// step id is the name. One rule, read by the conversation (what it says) and by the i18n check
// (which keys the flow needs).
export interface StepTextsRef {
  id: string;
  texts?: string;
}

/** The name under which a step's texts are kept. */
export const textsName = (step: StepTextsRef): string => step.texts ?? step.id;

/** The question ("q.<texts>.text"). */
export const questionKey = (step: StepTextsRef): string => `q.${textsName(step)}.text`;

/** A label of this step's own, before the option set's ("q.<texts>.options.<value>"). */
export const ownLabelKey = (step: StepTextsRef, value: unknown): string => `q.${textsName(step)}.options.${String(value)}`;

/** The step's line in the summary ("summary.field.<texts>"). */
export const summaryLabelKey = (step: StepTextsRef): string => `summary.field.${textsName(step)}`;

/** The skip button's own label ("q.<texts>.skip"), where the question has one: "nothing to add" agrees with its text. */
export const skipLabelKey = (step: StepTextsRef): string => `q.${textsName(step)}.skip`;
