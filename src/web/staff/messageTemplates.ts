// Which text of a message template a resident gets. The "what to bring" list names the
// residence card (在留カード) only to a foreign national (the intake's person.foreignNational);
// everyone else, and whoever did not say, is asked for an ID such as the My Number Card.
import type { Intake } from "../../intake/intakeSchema.ts";
import type { MessageTemplate } from "./consoleCodes.ts";

export function templateKey(kind: MessageTemplate, intake: { person: Pick<Intake["person"], "foreignNational"> }): string {
  if (kind === "documents" && intake.person.foreignNational === true) return "templates.documentsForeignNational";
  return `templates.${kind}`;
}
