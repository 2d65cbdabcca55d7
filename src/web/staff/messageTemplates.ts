// Which text of a message template a resident gets: the "what to bring" list names the residence
// card only to a foreign national (namesResidenceCard).
import type { Intake } from "../../intake/intakeSchema.ts";
import { namesResidenceCard } from "../../intake/residenceCard.ts";
import type { MessageTemplate } from "./consoleCodes.ts";

export function templateKey(kind: MessageTemplate, intake: { person: Pick<Intake["person"], "foreignNational"> }): string {
  if (kind === "documents" && namesResidenceCard(intake)) return "templates.documentsForeignNational";
  return `templates.${kind}`;
}
