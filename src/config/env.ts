// Every environment variable of SPEC §2 in one zod schema. parseEnv is pure (no process.env here)
// so the Node entry, the Worker entry and the tests all parse the same way.
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().min(1).optional());

const timeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM in 24-hour time, e.g. 07:00');

const isValidTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const platformUserList = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return [] as { platform: 'telegram' | 'zalo'; externalId: string }[];
      const out: { platform: 'telegram' | 'zalo'; externalId: string }[] = [];
      for (const raw of s.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = /^(telegram|zalo):(\d{1,25})$/.exec(raw);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${raw}" is not telegram:<user id> or zalo:<user id>` });
          continue;
        }
        out.push({ platform: m[1] as 'telegram' | 'zalo', externalId: m[2]! });
      }
      return out;
    }),
);

const url = (def: string) =>
  z.preprocess(emptyToUndefined, z.string().trim().url('must be an absolute URL').default(def));

export const EnvSchema = z
  .object({
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0, "must be 0 (any free port) to 65535").max(65535).default(8787)),
    HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):')
        .default('file:./data/loa.db'),
    ),
    DATABASE_AUTH_TOKEN: optionalString,
    TIMEZONE: z.preprocess(
      emptyToUndefined,
      z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
    ),
    DIGEST_TIME: z.preprocess(emptyToUndefined, timeOfDay.default('07:00')),
    /** Press feeds (RSS/Atom) whose articles officials may pick with /them: comma list of http(s) URLs. */
    FEEDS: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : []), z.array(z.string().regex(/^https?:\/\/\S+$/, 'must be a comma list of http(s) feed URLs'))),
    ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    OFFICIALS: platformUserList,
    TELEGRAM_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'does not look like a bot token from @BotFather (123456:ABC...)').optional(),
    ),
    TELEGRAM_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -').optional(),
    ),
    TELEGRAM_BOT_USERNAME: optionalString,
    TELEGRAM_API_ROOT: url('https://api.telegram.org'),
    ZALO_APP_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d+$/, 'must be the numeric App ID').optional()),
    ZALO_APP_SECRET: optionalString,
    ZALO_OA_SECRET_KEY: optionalString,
    ZALO_REFRESH_TOKEN: optionalString,
    ZALO_API_ROOT: url('https://openapi.zalo.me'),
    ZALO_OAUTH_ROOT: url('https://oauth.zaloapp.com'),
    /** An approved (paid) ZBS template sent to members outside the 7-day window instead of skipping them (SPEC §4). */
    ZALO_TEMPLATE_ID: z.preprocess(emptyToUndefined, z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the template id from the Zalo Business console').optional()),
    /** The most template messages a day (they are paid); 0 = none. */
    ZALO_TEMPLATE_DAILY_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(1_000_000).default(0)),
    /** Zalo sends per second (the app limit is 4,000/min; keep a margin). */
    ZALO_RATE_PER_SEC: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1000).default(40)),
    /** Telegram sends per second overall (the free limit is about 30/s). */
    TELEGRAM_RATE_PER_SEC: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1000).default(25)),
    /**
     * Seconds a claimed outgoing message stays with the process that claimed it; after a crash,
     * another process (or the restarted one) sends it when this has passed (SPEC §4).
     */
    OUTBOX_LEASE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(600).default(60)),
    /** Public base URL of this server (for signed download links); optional. */
    PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url('must be an absolute URL').optional()),
    /** Signs export download links (/downloads/<token>); defaults to a key derived from ADMIN_TOKEN. */
    DOWNLOAD_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
    /** Bearer token for GET /metrics (SPEC §9); /metrics is 404 when unset. */
    METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    /** Daily snapshots of the embedded database (SPEC §9): folder, local time, how many to keep. */
    BACKUP_DIR: optionalString,
    BACKUP_TIME: z.preprocess(emptyToUndefined, timeOfDay.default('02:30')),
    BACKUP_KEEP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(14)),
    /** Days an outgoing message's text is kept after its final state (SPEC §6 Retention). */
    RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  });

const present = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * Rules across variables, checked on the raw values so they are reported together with the
 * per-variable problems (zod skips refinements when a field fails).
 */
function crossFieldProblems(raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (present(raw.TELEGRAM_BOT_TOKEN) && !present(raw.TELEGRAM_WEBHOOK_SECRET)) {
    problems.push('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set (any 1-256 characters of A-Z, a-z, 0-9, _ and -)');
  }
  const zaloKeys = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;
  if (zaloKeys.some((k) => present(raw[k]))) {
    for (const k of zaloKeys) {
      if (!present(raw[k])) problems.push(`${k} is required when any of ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY is set`);
    }
  }
  return problems;
}

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Validate raw variables (process.env or a Worker's env). Throws EnvError listing every problem, one line each. */
export function parseEnv(raw: Record<string, unknown>): Env {
  const res = EnvSchema.safeParse(raw);
  const problems = res.success
    ? []
    : res.error.issues.map((i) => `${i.path.length ? String(i.path[0]) : 'configuration'} ${i.message}`);
  problems.push(...crossFieldProblems(raw));
  if (problems.length || !res.success) throw new EnvError(problems);
  return res.data;
}

export const telegramEnabled = (env: Env) => Boolean(env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_WEBHOOK_SECRET);
export const zaloEnabled = (env: Env) => Boolean(env.ZALO_APP_ID && env.ZALO_APP_SECRET && env.ZALO_OA_SECRET_KEY);
