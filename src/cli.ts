// Command line: `npm run -s cli -- <command>`. Prints results alone on stdout (scripts read
// them); errors go to stderr with exit code 2 for bad usage, 1 for failures.
import { loadConfig, ConfigError } from "./config.ts";
import { openAndMigrate } from "./db/database.ts";
import { createApiToken, Role } from "./web/apiAuth.ts";
import { ACCOUNT_ACTIONS, createStaffUser, runAccountAction, type AccountAction } from "./web/staff/accounts.ts";
import { loadMunicipality } from "./intake/municipality.ts";

const USAGE = `usage:
  cli crisis-scan [--detail] (messages on stdin, one per line → one JSON line each; --detail adds certainty)
  cli token create --role <admin|supervisor|caseworker> --name <name> [--window <windowId>]...
  cli token revoke --name <name>
  cli token list
  cli user create --role <admin|supervisor|caseworker> --name <name> [--window <windowId>]...
  cli user unlock|disable|enable|reset --name <name>   (reset prints a new one-time password)
  cli release list
  cli release publish --note <note>      (publishes FLOW_FILE, MUNICIPALITY_FILE and LOCALES_DIR)
  cli release rollback --version <n> --note <note>`;

class UsageError extends Error {}

function flags(args: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) throw new UsageError(`unexpected argument ${a}`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${a} needs a value`);
    out.set(a.slice(2), [...(out.get(a.slice(2)) ?? []), value]);
    i++;
  }
  return out;
}

const one = (f: Map<string, string[]>, name: string): string => {
  const v = f.get(name);
  if (!v || v.length !== 1) throw new UsageError(`--${name} is required once`);
  return v[0]!;
};

/** --role, --name and --window…: a caseworker needs windows, and they must be in the directory. */
function who(f: Map<string, string[]>): { role: Role; name: string; windows: string[] } {
  const role = Role.safeParse(one(f, "role"));
  if (!role.success) throw new UsageError("--role must be admin, supervisor or caseworker");
  const name = one(f, "name");
  const windows = f.get("window") ?? [];
  if (role.data === "caseworker" && windows.length === 0) throw new UsageError("a caseworker needs at least one --window");
  const known = new Set(loadMunicipality(loadConfig(process.env, { server: false }).MUNICIPALITY_FILE).windows.map((w) => w.id));
  const unknown = windows.filter((w) => !known.has(w));
  if (unknown.length > 0) throw new UsageError(`unknown window: ${unknown.join(", ")}`);
  return { role: role.data, name, windows };
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openAndMigrate>>) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { server: false });
  const db = await openAndMigrate({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function run(argv: string[]): Promise<void> {
  const [group, command, ...rest] = argv;
  if (group === "crisis-scan") {
    // The same detector the conversation runs on every typed message; no database needed.
    const { crisisScanLines } = await import("./crisis/crisisScan.ts");
    const lines = crisisScanLines(await readStdin(), { detail: command === "--detail" });
    process.stdout.write(lines.length > 0 ? lines.join("\n") + "\n" : "");
    return;
  }
  if (group === "token" && command === "create") {
    const { role, name, windows } = who(flags(rest));
    const token = await withDatabase((db) => createApiToken(db.prisma, { name, role, windowIds: windows }));
    process.stdout.write(token + "\n");
    return;
  }
  if (group === "user" && command === "create") {
    const { role, name, windows } = who(flags(rest));
    const password = await withDatabase((db) => createStaffUser(db.prisma, { username: name, role, windowIds: windows }));
    process.stdout.write(password + "\n");
    return;
  }
  if (group === "user" && (ACCOUNT_ACTIONS as readonly string[]).includes(command ?? "")) {
    const name = one(flags(rest), "name");
    const r = await withDatabase((db) => runAccountAction(db.prisma, command as AccountAction, name, "cli"));
    if (!r.ok) throw new Error(`no user named ${name}`);
    process.stdout.write(r.oneTimePassword ? `${r.oneTimePassword}\n` : `${r.action} ${r.username}\n`);
    return;
  }
  if (group === "token" && command === "revoke") {
    const name = one(flags(rest), "name");
    const n = await withDatabase(async (db) => (await db.prisma.apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } })).count);
    if (n === 0) throw new Error(`no active token named ${name}`);
    process.stdout.write(`revoked ${n}\n`);
    return;
  }
  if (group === "token" && command === "list") {
    const rows = await withDatabase((db) => db.prisma.apiToken.findMany({ orderBy: { createdAt: "asc" } }));
    for (const r of rows) process.stdout.write(`${r.name}\t${r.role}\t${r.windowIds.join(",") || "-"}\t${r.revokedAt ? "revoked" : "active"}\n`);
    return;
  }
  if (group === "release") {
    await release(command, flags(rest));
    return;
  }
  throw new UsageError(USAGE);
}

/** Releases (src/releases/): list them, publish the repository's files, roll back to a version. */
async function release(command: string | undefined, f: Map<string, string[]>): Promise<void> {
  const { publishRelease, rollbackRelease } = await import("./releases/publishRelease.ts");
  const { problemLine } = await import("./releases/verifyRelease.ts");
  const report = (r: Awaited<ReturnType<typeof publishRelease>>) => {
    if (r.ok) return void process.stdout.write(`published version ${r.version}\n`);
    if (r.reason === "not_found") throw new Error(r.message);
    process.stderr.write(r.problems.map(problemLine).join("\n") + "\n");
    throw new Error(`not published: ${r.problems.length} problem(s)`);
  };
  if (command === "list") {
    if (f.size > 0) throw new UsageError("release list takes no options");
    const rows = await withDatabase((db) => db.prisma.release.findMany({ orderBy: { version: "asc" }, select: { version: true, note: true, publishedBy: true, publishedAt: true } }));
    for (const r of rows) process.stdout.write(`${r.version}\t${r.publishedAt.toISOString()}\t${r.publishedBy}\t${r.note}\n`);
    return;
  }
  if (command === "publish") {
    const note = one(f, "note");
    const { readSeedContent } = await import("./releases/releaseContent.ts");
    const content = readSeedContent(loadConfig());
    report(await withDatabase((db) => publishRelease(db.prisma, content, { by: "cli", note })));
    return;
  }
  if (command === "rollback") {
    const version = Number(one(f, "version"));
    if (!Number.isInteger(version) || version < 1) throw new UsageError("--version must be a version number");
    const note = one(f, "note");
    report(await withDatabase((db) => rollbackRelease(db.prisma, version, { by: "cli", note })));
    return;
  }
  throw new UsageError(USAGE);
}

run(process.argv.slice(2)).catch((err: Error) => {
  if (err instanceof UsageError) {
    process.stderr.write(err.message + (err.message === USAGE ? "\n" : `\n${USAGE}\n`));
    process.exit(2);
  }
  process.stderr.write((err instanceof ConfigError ? err.message : `error: ${err.message}`) + "\n");
  process.exit(1);
});
