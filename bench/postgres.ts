// PostgreSQL for the benchmark: BENCH_POSTGRES_URL (an admin URL) when given, else a private
// cluster started here from the Debian packages (as .ci/run does), else none.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface BenchPostgres {
  adminUrl: string;
  /** The postmaster's pid when the cluster is ours (its process tree is the database's cost). */
  postmasterPid: number | null;
  /** A fresh empty database; drop() removes it. */
  freshDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin/initdb"))).sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions[versions.length - 1]!, "bin") : null;
}

export async function startBenchPostgres(): Promise<BenchPostgres | null> {
  let adminUrl = process.env.BENCH_POSTGRES_URL;
  let stop = async () => {};
  let postmasterPid: number | null = null;
  if (!adminUrl) {
    const bin = binDir();
    if (!bin) return null;
    const dir = mkdtempSync(join(tmpdir(), "tsunagu-bench-pg-"));
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
    const run = (cmd: string, args: string[]) => {
      const r = asRoot ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [cmd, ...args].map((a) => `'${a}'`).join(" ")]) : spawnSync(cmd, args);
      if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString()}`);
    };
    const port = await freePort();
    run(join(bin, "initdb"), ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres"]);
    run(join(bin, "pg_ctl"), ["-D", join(dir, "data"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-l", join(dir, "log"), "-w", "start"]);
    adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stop = async () => {
      run(join(bin, "pg_ctl"), ["-D", join(dir, "data"), "-m", "fast", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = adminUrl;
  // On this machine, the postmaster is the parent of our backend: its process tree is PostgreSQL's cost.
  try {
    // Read while the connection is open: its backend ends with it (reading after was a race).
    const stat = await withAdmin(admin, async (c) => readFileSync(`/proc/${Number((await c.query("SELECT pg_backend_pid() AS p")).rows[0].p)}/stat`, "utf8"));
    postmasterPid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    postmasterPid = null; // elsewhere: not measured
  }
  return {
    adminUrl: admin,
    postmasterPid,
    async freshDatabase() {
      const name = `tsunagu_bench_${randomBytes(5).toString("hex")}`;
      await withAdmin(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return { url: url.toString(), drop: () => withAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
    },
    stop,
  };
}
