// The environment (contract section 4), parsed with zod in one place. A wrong value stops the
// server with one line that names the variable.
import { z } from "zod";
import { LOG_LEVELS } from "./log.ts";

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
  })
  .superRefine((c, ctx) => {
    if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT) {
      ctx.addIssue({ code: "custom", path: ["METRICS_PORT"], message: "must differ from PORT" });
    }
    if (Boolean(c.LINE_CHANNEL_SECRET) !== Boolean(c.LINE_CHANNEL_ACCESS_TOKEN)) {
      const missing = c.LINE_CHANNEL_SECRET ? "LINE_CHANNEL_ACCESS_TOKEN" : "LINE_CHANNEL_SECRET";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other LINE credential" });
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
