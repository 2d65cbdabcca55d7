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

/**
 * The i18next context of a question's text: "self" when the resident is the person the
 * consultation is about (respondent = self), so the person questions speak to them ("What is your
 * age group?", q.<texts>.text_self) instead of about "the person". A language without the
 * variant shows its plain text (i18next tries text_self, then text, in each language in turn).
 */
export const questionContext = (respondent: unknown): string | undefined => (respondent === "self" ? "self" : undefined);

/** A label of this step's own, before the option set's ("q.<texts>.options.<value>"). */
export const ownLabelKey = (step: StepTextsRef, value: unknown): string => `q.${textsName(step)}.options.${String(value)}`;

/** The step's line in the summary ("summary.field.<texts>"). */
export const summaryLabelKey = (step: StepTextsRef): string => `summary.field.${textsName(step)}`;

/** The skip button's own label ("q.<texts>.skip"), where the question has one: "nothing to add" agrees with its text. */
export const skipLabelKey = (step: StepTextsRef): string => `q.${textsName(step)}.skip`;
