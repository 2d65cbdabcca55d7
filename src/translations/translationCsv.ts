// CSV of one language's texts for spreadsheets: a header `key,ja,<lang>`, one row per key
// (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled), UTF-8 with a
// byte-order mark so that spreadsheet programs read the Japanese right.

const field = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeCsv(rows: readonly (readonly string[])[]): string {
  return "\uFEFF" + rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

export interface CsvRecord {
  /** The line the record starts on (1 = the header). */
  line: number;
  fields: string[];
}

/** Parses CSV; throws CsvError on a quote left open. Blank lines are skipped. */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let f = "";
    let quoted = false;
    let inQuotes = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            f += '"';
            i++;
          } else inQuotes = false;
        } else {
          if (c === "\n") line++;
          f += c;
        }
      } else if (c === '"' && f === "" && !quoted) {
        inQuotes = quoted = true;
      } else if (c === ",") {
        fields.push(f);
        f = "";
        quoted = false;
      } else if (c === "\r" || c === "\n") {
        break;
      } else f += c;
    }
    if (inQuotes) throw new CsvError(start);
    fields.push(f);
    if (text[i] === "\r" && text[i + 1] === "\n") i++;
    i++;
    line++;
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
  }
  return records;
}

export class CsvError extends Error {
  readonly line: number;

  constructor(line: number) {
    super(`line ${line}: a quoted field is not closed`);
    this.line = line;
    this.name = "CsvError";
  }
}
