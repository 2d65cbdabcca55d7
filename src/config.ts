// The environment (contract section 4), parsed with zod in one place. A wrong value stops the
// server with one line that names the variable.
import { z } from "zod";
import { LOG_LEVELS } from "./log.ts";

const optionalNonEmpty = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const bool = (def: "true" | "false") => z.enum(["true", "false"], { error: "must be true or false" }).default(def).transform((v) => v === "true");
const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;
/** A rate limit as "<requests>/<window>", e.g. 20/15m: at most 20 in any 15 minutes. */
const limit = (def: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,6}\/[1-9]\d{0,4}[smh]$/, { error: "must look like 20/15m (requests per window of s, m or h)" })
    .default(def)
    .transform((v) => {
      const [points, window] = v.split("/") as [string, string];
      return { points: Number(points), seconds: Number(window.slice(0, -1)) * UNIT_SECONDS[window.slice(-1) as keyof typeof UNIT_SECONDS] };
    });
/** Express's "trust proxy": unset trusts none; a number of hops, or addresses/subnets. */
const trustProxy = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(/^[0-9A-Za-z.:/, ]{1,500}$/, { error: "must be a number of hops or addresses/subnets" })
    .optional()
    .transform((v) => (v === undefined ? false : /^\d+$/.test(v) ? Number(v) : v)),
);

export const ConfigSchema = z
  .object({
    PORT: int(3000, 0, 65535),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// or postgresql:// URL" }).optional(),
    ),
    LINE_CHANNEL_SECRET: optionalNonEmpty,
    LINE_CHANNEL_ACCESS_TOKEN: optionalNonEmpty,
    LINE_API_BASE_URL: z.url({ error: "must be an http(s) URL" }).default("https://api.line.me"),
    /** false leaves the channel's rich menu alone (a city that designs its own in LINE's manager). */
    LINE_RICH_MENU: bool("true"),
    /** LINE's data host: the rich menu's image goes there. */
    LINE_DATA_API_BASE_URL: z.url({ error: "must be an http(s) URL" }).default("https://api-data.line.me"),
    DATA_ENCRYPTION_KEY: optionalNonEmpty,
    INTAKE_EXPIRY_DAYS: int(30, 1, 3650),
    REPLY_TOKEN_TTL_SECONDS: int(50, 0, 3600),
    WORKER_CONCURRENCY: int(8, 1, 64),
    /**
     * A resident's waiting events taken in one transaction. Unset: 1 on the embedded database (a
     * transaction holds the one connection the webhook's inserts wait for), 4 on PostgreSQL.
     */
    INBOX_BATCH_MAX: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(20).optional()),
    /**
     * The inbox worker starts no transaction while signed webhook requests are in hand. Unset: on
     * PostgreSQL (at 300 events/s it lowered the 200's p99), not on the embedded database (there
     * the worker is the bottleneck and the database already lets the webhook's insert go first;
     * at 100 events/s the wait doubled the answers' lag).
     */
    WEBHOOKS_FIRST: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).transform((v) => v === "true").optional()),
    LOADING_ANIMATION_AFTER_MS: int(800, 0, 60000),
    LINE_CALL_TIMEOUT_MS: int(5000, 100, 60000),
    OUTBOX_LEASE_SECONDS: int(15, 1, 3600),
    OUTBOX_CONCURRENCY: int(16, 1, 256),
    INSTANCE_ID: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: "must be 1-64 letters, digits, '.', '_' or '-'" }).optional()),
    FLOW_FILE: z.string().default("flows/intake.flow.yaml"),
    MUNICIPALITY_FILE: z.string().default("flows/municipality.yaml"),
    LOCALES_DIR: z.string().default("locales"),
    PUBLIC_BASE_URL: z.url({ error: "must be an http(s) URL" }).optional(),
    SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^smtps?:\/\//, { error: "must be an smtp:// or smtps:// URL" }).optional()),
    NOTIFY_FROM: z.string().default("tsunagu@localhost"),
    NOTIFY_SIGNING_SECRET: optionalNonEmpty,
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    // /metrics: with a token on the main port, and/or without one on a port bound to 127.0.0.1.
    METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, { error: "must be at least 16 characters" }).optional()),
    METRICS_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
    NODE_ENV: optionalNonEmpty,
    SIMULATOR: bool("false"),
    TRUST_PROXY: trustProxy,
    RATE_LIMIT_SIGN_IN: limit("20/15m"),
    RATE_LIMIT_API: limit("600/1m"),
    RATE_LIMIT_WEBHOOK_REJECTED: limit("60/1m"),
    SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
    SESSION_MAX_HOURS: int(12, 1, 7 * 24),
  })
  .superRefine((c, ctx) => {
    if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT) {
      ctx.addIssue({ code: "custom", path: ["METRICS_PORT"], message: "must differ from PORT" });
    }
    if (Boolean(c.LINE_CHANNEL_SECRET) !== Boolean(c.LINE_CHANNEL_ACCESS_TOKEN)) {
      const missing = c.LINE_CHANNEL_SECRET ? "LINE_CHANNEL_ACCESS_TOKEN" : "LINE_CHANNEL_SECRET";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other LINE credential" });
    }
    // A lease shorter than a LINE call would let another instance retry a call still in flight.
    if (c.OUTBOX_LEASE_SECONDS * 1000 <= c.LINE_CALL_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["OUTBOX_LEASE_SECONDS"], message: "must be longer than LINE_CALL_TIMEOUT_MS" });
    }
  });

/** What the server (not the CLI) also needs: LINE credentials, or the simulator when asked for. */
const ServerSchema = ConfigSchema.superRefine((c, ctx) => {
  const production = c.NODE_ENV === "production";
  if (c.SIMULATOR && production) {
    ctx.addIssue({ code: "custom", path: ["SIMULATOR"], message: "must not be true when NODE_ENV=production" });
  } else if (c.SIMULATOR && c.LINE_CHANNEL_SECRET) {
    ctx.addIssue({ code: "custom", path: ["SIMULATOR"], message: "runs without LINE: unset it or the LINE credentials" });
  } else if (!c.SIMULATOR && !c.LINE_CHANNEL_SECRET && production) {
    // A typo in the secrets' names must stop a production server, never open the simulator.
    // Elsewhere the server starts without LINE (its /webhook refuses everything) and says so.
    ctx.addIssue({ code: "custom", path: ["LINE_CHANNEL_SECRET"], message: "is required in production" });
  }
});

export type Config = z.infer<typeof ConfigSchema> & { simulator: boolean };

export class ConfigError extends Error {}

/** The configuration; `{ server: false }` (the CLI) skips what only the running bot needs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, o: { server?: boolean } = {}): Config {
  const parsed = (o.server === false ? ConfigSchema : ServerSchema).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join(".")} ${issue.message}`);
  }
  return { ...parsed.data, simulator: parsed.data.SIMULATOR };
}
