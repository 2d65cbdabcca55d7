// CPU time and resident memory of a process and everything it started, from /proc (Linux): what
// the server costs, whatever runs inside it (the embedded database is WebAssembly in the same
// process; PostgreSQL's own processes are a tree of their own, measured the same way).
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

interface Stat {
  pid: number;
  ppid: number;
  cpuTicks: number;
  rssPages: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after the last ")".
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss 24.
    return { pid, ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]), rssPages: Number(f[21]) };
  } catch {
    return null; // ended meanwhile
  }
}

function treeOf(root: number): Stat[] {
  const all: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) all.push(s);
  }
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) if (!inTree.has(s.pid) && inTree.has(s.ppid)) (inTree.add(s.pid), (grew = true));
  }
  return all.filter((s) => inTree.has(s.pid));
}

export interface TreeSample {
  /** User + system CPU of the living processes of the tree, in ms. */
  cpuMs: number;
  rssBytes: number;
}

export function sampleTree(root: number): TreeSample {
  const tree = treeOf(root);
  return {
    cpuMs: (tree.reduce((a, s) => a + s.cpuTicks, 0) * 1000) / TICKS_PER_SECOND,
    rssBytes: tree.reduce((a, s) => a + s.rssPages, 0) * PAGE_BYTES,
  };
}

/** Samples the tree's memory every `everyMs` and keeps the peak, until stopped. */
export function watchPeakRss(root: number, everyMs = 100): { peak(): number; stop(): number } {
  let peak = 0;
  const take = () => (peak = Math.max(peak, sampleTree(root).rssBytes));
  take();
  const timer = setInterval(take, everyMs);
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

export const loadAverage = (): string => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
