// How deeply a JSON text nests, counted on the raw bytes before any parser or schema walks it:
// 100 000 nested arrays parse, then overflow the stack of whatever recurses over them.

export const MAX_JSON_DEPTH = 64;

/** True when the JSON text nests arrays and objects deeper than `max`. */
export function jsonTooDeep(text: Buffer | string, max = MAX_JSON_DEPTH): boolean {
  const s = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
