// The server's settings, parsed once at boot. This is the only module that reads the API key.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/** Hosts the gateway's results are known to be served from (shared/pixazo-api.md, "Media hosts seen"). */
export const DOCUMENTED_MEDIA_ORIGINS = [
  'https://pub-582b7213209642b9b995c96c95a30381.r2.dev',
  'https://storage.pixazo.ai',
  'https://cdn.pixazo.ai',
] as const

const origin = (name: string) =>
  z.string().transform((value, ctx) => {
    try {
      const url = new URL(value)
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol')
      return url.origin
    } catch {
      ctx.addIssue({ code: 'custom', message: `${name}: "${value}" is not an http(s) URL` })
      return z.NEVER
    }
  })

const positive = (name: string, max: number) =>
  z.coerce
    .number({ message: `${name} must be a number` })
    .int({ message: `${name} must be a whole number` })
    .min(1, { message: `${name} must be between 1 and ${max}` })
    .max(max, { message: `${name} must be between 1 and ${max}` })

const usd = (name: string) =>
  z.coerce
    .number({ message: `${name} must be an amount in USD, e.g. 5 or 0.50` })
    .min(0, { message: `${name} must not be negative` })
    .max(1_000_000, { message: `${name} must be at most 1000000` })

/** `s3://bucket/prefix`: a bucket name as S3 allows it, then an optional key prefix. */
const STORAGE_URL_FORM = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/([A-Za-z0-9!_.*'()/-]*))?$/

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)

const envSchema = z.object({
  PIXAZO_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  PIXAZO_BASE_URL: origin('PIXAZO_BASE_URL').default('https://gateway.pixazo.ai'),
  PIXAZO_MEDIA_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const out: string[] = []
      for (const part of (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const parsed = origin('PIXAZO_MEDIA_ORIGINS').safeParse(part)
        if (parsed.success) out.push(parsed.data)
        else ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'bad origin' })
      }
      return out
    }),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined
      let url: URL | undefined
      try {
        url = new URL(value)
      } catch {
        url = undefined
      }
      if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
        // The value is not echoed: it may hold a password.
        ctx.addIssue({
          code: 'custom',
          message: 'DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database (or unset for SQLite in DATA_DIR)',
        })
        return z.NEVER
      }
      return value
    }),
  PIXAZO_MAX_RPS: positive('PIXAZO_MAX_RPS', 1000).default(5),
  PIXAZO_MAX_IN_FLIGHT: positive('PIXAZO_MAX_IN_FLIGHT', 1000).default(8),
  JOB_DEADLINE_SECONDS: positive('JOB_DEADLINE_SECONDS', 86_400).default(600),
  PIXAZO_TIMEOUT_SECONDS: positive('PIXAZO_TIMEOUT_SECONDS', 600).default(30),
  LEASE_MS: positive('LEASE_MS', 600_000).default(30_000),
  DELETE_UNDO_SECONDS: positive('DELETE_UNDO_SECONDS', 86_400).default(30),
  PIXAZO_API_KEY_FILE: z.string().trim().optional(),
  DAILY_BUDGET_USD: usd('DAILY_BUDGET_USD').optional(),
  MONTHLY_BUDGET_USD: usd('MONTHLY_BUDGET_USD').optional(),
  UNKNOWN_PRICE_USD: usd('UNKNOWN_PRICE_USD').default(0.05),
  SUBMITS_PER_MINUTE: positive('SUBMITS_PER_MINUTE', 10_000).default(30),
  APP_PASSWORD: z.string().min(10, { message: 'APP_PASSWORD must be at least 10 characters' }).optional(),
  APP_TOKENS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const tokens = (v ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
      if (tokens.some((t) => t.length < 24)) ctx.addIssue({ code: 'custom', message: 'APP_TOKENS: each token must be at least 24 characters' })
      return tokens
    }),
  PUBLIC_URL: origin('PUBLIC_URL').optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('0')
    .transform((v, ctx) => {
      const hops = v === 'false' ? 0 : v === 'true' ? 1 : /^\d+$/.test(v) ? Number(v) : NaN
      if (hops >= 0 && hops <= 10) return hops
      ctx.addIssue({ code: 'custom', message: `TRUST_PROXY must be the number of reverse proxies in front (0 to 10, or true for 1), not "${v}"` })
      return z.NEVER
    }),
  COMPARE_MAX_IMAGES: positive('COMPARE_MAX_IMAGES', 10_000).default(100),
  COMPARE_CONFIRM_IMAGES: positive('COMPARE_CONFIRM_IMAGES', 10_000).default(16),
  /** PostgreSQL instead of SQLite in DATA_DIR (server/db/open.ts). */
  HOST: z.string().trim().min(1, { message: 'HOST must not be empty' }).default('127.0.0.1'),
  // Never echoed: a mistyped URL could hold a secret.
  STORAGE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || STORAGE_URL_FORM.test(v), {
      message:
        'STORAGE_URL must look like s3://bucket/prefix (a bucket name of 3 to 63 lowercase letters, digits, dots or hyphens; the prefix is optional)',
    }),
  AWS_REGION: optionalText,
  AWS_ENDPOINT_URL_S3: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s/]+\/?$/.test(v), { message: 'AWS_ENDPOINT_URL_S3 must be an http(s) URL such as https://s3.example.com' }),
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int({ message: 'PORT must be a whole number' })
    .min(0, { message: 'PORT must be between 0 and 65535' })
    .max(65535, { message: 'PORT must be between 0 and 65535' })
    .default(8787),
})

/** An S3-compatible bucket; without credentials the SDK's usual chain (profile, instance role) applies. */
export type S3Settings = {
  bucket: string
  /** Key prefix without slashes at either end; '' for the bucket's root. */
  prefix: string
  region: string
  /** Set for S3-compatible servers; requests then use path-style addressing. */
  endpoint: string | undefined
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined
}

export type Env = {
  apiKey: string | undefined
  baseUrl: string
  mediaOrigins: string[]
  dataDir: string
  /** Set: the database is PostgreSQL at this URL; unset: SQLite in dataDir. */
  databaseUrl: string | undefined
  host: string
  port: number
  /** Upstream requests per second, submits and polls together. */
  maxRps: number
  /** Jobs submitted upstream and not yet finished, at most; the rest wait locally. */
  maxInFlight: number
  deadlineMs: number
  /** Longest wait for one gateway answer or one download. */
  timeoutMs: number
  /** How long a job stays leased to an instance without its heartbeat (docs/decisions/025). */
  leaseMs: number
  /** How long a deleted image can be restored before its files go. */
  deleteUndoMs: number
  /** Where the gateway can reach this server, for webhooks; unset = polling only. */
  publicUrl: string | undefined
  compareMaxImages: number
  compareConfirmImages: number
  /** Sign-in password for the browser; with none (and no tokens) the app is open, which boot allows only on loopback. */
  appPassword: string | undefined
  /** Bearer tokens for scripts. */
  appTokens: string[]
  dailyBudgetUsd: number | undefined
  monthlyBudgetUsd: number | undefined
  /** What an image of a model with no published price is counted as: a worst case, never zero. */
  unknownPriceUsd: number
  /** Submits (jobs or comparisons) per minute per person. */
  submitsPerMinute: number
  /** Reverse proxies in front whose X-Forwarded-For names the client; 0 = the socket is the client. */
  trustProxy: number
  /** Where image files go: a bucket (STORAGE_URL), or undefined for DATA_DIR. */
  storage: S3Settings | undefined
}

export class EnvError extends Error {}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export const isLoopback = (host: string) => /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === 'localhost'

/** Parses settings from an environment; throws EnvError naming each bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, source[k] === '' && k !== 'PIXAZO_API_KEY' ? undefined : source[k]]))
  const parsed = envSchema.safeParse(picked)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '')
      return i.message.startsWith(name) ? i.message : `${name}: ${i.message}`
    })
    throw new EnvError(`Invalid settings:\n  ${lines.join('\n  ')}`)
  }
  const e = parsed.data
  let apiKey = e.PIXAZO_API_KEY
  if (e.PIXAZO_API_KEY_FILE) {
    if (apiKey) throw new EnvError('Invalid settings:\n  Set PIXAZO_API_KEY or PIXAZO_API_KEY_FILE, not both')
    try {
      apiKey = readFileSync(e.PIXAZO_API_KEY_FILE, 'utf8').trim() || undefined
    } catch (err) {
      throw new EnvError(`Invalid settings:\n  PIXAZO_API_KEY_FILE: cannot read ${e.PIXAZO_API_KEY_FILE} (${(err as NodeJS.ErrnoException).code})`)
    }
    if (!apiKey) throw new EnvError(`Invalid settings:\n  PIXAZO_API_KEY_FILE: ${e.PIXAZO_API_KEY_FILE} is empty`)
  }
  const open = !e.APP_PASSWORD && e.APP_TOKENS.length === 0
  if (open && !isLoopback(e.HOST)) {
    throw new EnvError(
      `Refusing to listen on HOST=${e.HOST} without access control: anyone who reaches it could spend your Pixazo balance.\n` +
        '  Set APP_PASSWORD (for the browser) and/or APP_TOKENS (for scripts), or keep HOST=127.0.0.1.',
    )
  }
  // A public URL means a proxy makes this server reachable from elsewhere, whatever HOST says.
  if (open && e.PUBLIC_URL && !isLoopback(new URL(e.PUBLIC_URL).hostname.replace(/^\[|\]$/g, ''))) {
    throw new EnvError(
      `Refusing to serve PUBLIC_URL=${e.PUBLIC_URL} without access control: anyone who reaches it could spend your Pixazo balance.\n` +
        '  Set APP_PASSWORD (for the browser) and/or APP_TOKENS (for scripts).',
    )
  }
  if (!!e.AWS_ACCESS_KEY_ID !== !!e.AWS_SECRET_ACCESS_KEY) {
    throw new EnvError('Invalid settings:\n  AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both or neither')
  }
  return {
    apiKey,
    baseUrl: e.PIXAZO_BASE_URL,
    mediaOrigins: e.PIXAZO_MEDIA_ORIGINS,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    maxRps: e.PIXAZO_MAX_RPS,
    maxInFlight: e.PIXAZO_MAX_IN_FLIGHT,
    deadlineMs: e.JOB_DEADLINE_SECONDS * 1000,
    timeoutMs: e.PIXAZO_TIMEOUT_SECONDS * 1000,
    leaseMs: e.LEASE_MS,
    deleteUndoMs: e.DELETE_UNDO_SECONDS * 1000,
    publicUrl: e.PUBLIC_URL,
    compareMaxImages: e.COMPARE_MAX_IMAGES,
    compareConfirmImages: e.COMPARE_CONFIRM_IMAGES,
    appPassword: e.APP_PASSWORD,
    appTokens: e.APP_TOKENS,
    dailyBudgetUsd: e.DAILY_BUDGET_USD,
    monthlyBudgetUsd: e.MONTHLY_BUDGET_USD,
    unknownPriceUsd: e.UNKNOWN_PRICE_USD,
    submitsPerMinute: e.SUBMITS_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    storage: e.STORAGE_URL ? s3Settings(e.STORAGE_URL, e) : undefined,
  }
}

function s3Settings(url: string, e: z.infer<typeof envSchema>): S3Settings {
  const [, bucket, prefix] = STORAGE_URL_FORM.exec(url)!
  return {
    bucket: bucket!,
    prefix: (prefix ?? '').replace(/^\/+|\/+$/g, ''),
    region: e.AWS_REGION ?? 'us-east-1',
    endpoint: e.AWS_ENDPOINT_URL_S3?.replace(/\/$/, ''),
    credentials:
      e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN }
        : undefined,
  }
}

/** The password inside DATABASE_URL, as written and decoded: for the logger's redaction list. */
export function databaseSecrets(databaseUrl: string | undefined): string[] {
  if (!databaseUrl) return []
  const { password } = new URL(databaseUrl)
  return password ? [password, decodeURIComponent(password)] : []
}
