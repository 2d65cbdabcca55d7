// The environment (contract section 4), parsed with zod in one place. A wrong value stops the
// server with one line that names the variable.
import { z } from "zod";

const optionalNonEmpty = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

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
    DATA_ENCRYPTION_KEY: optionalNonEmpty,
    INTAKE_EXPIRY_DAYS: int(30, 1, 3650),
    REPLY_TOKEN_TTL_SECONDS: int(50, 0, 3600),
    WORKER_CONCURRENCY: int(8, 1, 64),
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
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.LINE_CHANNEL_SECRET) !== Boolean(c.LINE_CHANNEL_ACCESS_TOKEN)) {
      const missing = c.LINE_CHANNEL_SECRET ? "LINE_CHANNEL_ACCESS_TOKEN" : "LINE_CHANNEL_SECRET";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other LINE credential" });
    }
    // A lease shorter than a LINE call would let another instance retry a call still in flight.
    if (c.OUTBOX_LEASE_SECONDS * 1000 <= c.LINE_CALL_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["OUTBOX_LEASE_SECONDS"], message: "must be longer than LINE_CALL_TIMEOUT_MS" });
    }
  });

export type Config = z.infer<typeof ConfigSchema> & { simulator: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join(".")} ${issue.message}`);
  }
  return { ...parsed.data, simulator: !parsed.data.LINE_CHANNEL_SECRET };
}
