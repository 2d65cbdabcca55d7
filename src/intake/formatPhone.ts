// A Japanese phone number stored as domestic digits ("09012345678") written as people read it,
// with hyphens where the numbering plan puts them: mobile and IP 090-1234-5678, toll-free and
// navi-dial 0120-123-456 / 0570-064-556 / 0800-123-4567, landlines area code - exchange - 4
// digits (03-1234-5678, 045-123-4567, 0422-12-3456). Anything else (110, #9110, already
// hyphenated) is returned as it is.

/** 11 digits: 3-4-4 (020, 050, 060, 070, 080, 090), 0800 as 4-3-4. */
const ELEVEN = /^0[2-9]0\d{8}$/;
/** 10-digit non-geographic numbers: 0120, 0570, 0990, 0180 as 4-3-3. */
const NON_GEOGRAPHIC = /^0(?:120|570|990|180)\d{6}$/;
/** Two-digit area codes: Tokyo 03, Osaka 06. */
const TWO_DIGIT_AREAS = new Set(["03", "06"]);
/**
 * Three-digit area codes whose whole range is three digits (the large cities). The rest of the
 * 10-digit landlines are written with a four-digit code (0422-12-3456), the most common length;
 * an exact split for every town would need the ministry's full table.
 */
const THREE_DIGIT_AREAS = new Set([
  "011", "017", "018", "019", "022", "023", "024", "025", "026", "027", "028", "029", "043", "044", "045", "047", "048",
  "052", "053", "054", "055", "058", "059", "072", "073", "075", "076", "077", "078", "082", "084", "086", "087", "088",
  "089", "092", "093", "095", "096", "097", "098", "099",
]);

export function formatPhone(phone: string): string {
  const d = phone;
  if (!/^\d+$/.test(d)) return phone;
  if (d.length === 11 && d.startsWith("0800")) return `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`;
  if (ELEVEN.test(d)) return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  if (d.length !== 10 || !/^0[1-9]/.test(d)) return phone;
  if (NON_GEOGRAPHIC.test(d)) return `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`;
  // Landlines: area code + exchange are six digits, the subscriber's number the last four.
  const area = TWO_DIGIT_AREAS.has(d.slice(0, 2)) ? 2 : THREE_DIGIT_AREAS.has(d.slice(0, 3)) ? 3 : 4;
  return `${d.slice(0, area)}-${d.slice(area, 6)}-${d.slice(6)}`;
}
