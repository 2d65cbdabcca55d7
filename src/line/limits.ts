// LINE's documented limits (shared/line-openapi/SOURCE.md); labels count grapheme clusters.
export const LINE_LIMITS = {
  messagesPerRequest: 5,
  text: 5000,
  quickReplyItems: 13,
  quickReplyLabel: 20,
  flexButtonLabel: 40,
  postbackData: 300,
  displayText: 300,
  flexAltText: 1500,
} as const;

export { clampGraphemes, clampUtf16, graphemeLength } from "../i18n/textLength.ts";
