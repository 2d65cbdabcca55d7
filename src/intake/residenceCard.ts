// Whom the residence card (在留カード) is named to: only a foreign national (the intake's
// person.foreignNational). Everyone else — Japanese nationals and those who did not say — is
// asked for an ID such as the My Number Card. One rule for every text that lists documents:
// the console's "what to bring" template and the end message's entitlements.
export function namesResidenceCard(intake: { person: { foreignNational: boolean | null } }): boolean {
  return intake.person.foreignNational === true;
}
