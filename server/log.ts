// One logger for the server. Secrets are redacted here, at the logger, not at each call site, and
// after formatting, so both formats pass through the same redaction.
// Format: readable lines on a terminal; JSON lines when stdout is not a TTY (a file, a log shipper)
// or when LOG_FORMAT=json.
export type Logger = ReturnType<typeof createLogger>
type Fields = Record<string, unknown>
type Level = 'info' | 'warn' | 'error'
export type LogFormat = 'pretty' | 'json'

const defaultFormat = (): LogFormat =>
  process.env.LOG_FORMAT === 'json' ? 'json' : process.env.LOG_FORMAT === 'pretty' || process.stdout.isTTY ? 'pretty' : 'json'

const COLOUR: Record<Level, string> = { info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' }

const fieldText = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return typeof value === 'string' && /[\s"=]/.test(value) ? JSON.stringify(value) : text
}

/** "12:04:05 WARN  poll failed  job=job_1 status=503". */
function pretty(time: Date, level: Level, msg: string, fields: Fields | undefined, colour: boolean) {
  const tag = level.toUpperCase().padEnd(5)
  const rest = Object.entries(fields ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${fieldText(v)}`)
    .join(' ')
  const clock = time.toTimeString().slice(0, 8)
  return `${clock} ${colour ? `${COLOUR[level]}${tag}\x1b[0m` : tag} ${msg}${rest ? `  ${colour ? `\x1b[2m${rest}\x1b[0m` : rest}` : ''}`
}

/** Replaces every secret (of 4 characters or more) in a text with "[redacted]". */
export function createRedactor(secrets: (string | undefined)[]) {
  const list = secrets.filter((s): s is string => !!s && s.length >= 4)
  return (text: string) => list.reduce((t, s) => t.split(s).join('[redacted]'), text)
}

export function createLogger(
  options: { secrets?: (string | undefined)[]; write?: (line: string) => void; quiet?: boolean; format?: LogFormat } = {},
) {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const redact = createRedactor(options.secrets ?? [])
  const format = options.format ?? defaultFormat()
  // Colour only for a real terminal we write to ourselves.
  const colour = format === 'pretty' && !options.write && !!process.stdout.isTTY && !process.env.NO_COLOR

  function emit(level: Level, msg: string, fields?: Fields) {
    if (options.quiet && level === 'info') return
    const time = new Date()
    const line = format === 'json' ? JSON.stringify({ time: time.toISOString(), level, msg, ...fields }) : pretty(time, level, msg, fields, colour)
    write(redact(line))
  }
  return {
    info: (msg: string, fields?: Fields) => emit('info', msg, fields),
    warn: (msg: string, fields?: Fields) => emit('warn', msg, fields),
    error: (msg: string, fields?: Fields) => emit('error', msg, fields),
  }
}
