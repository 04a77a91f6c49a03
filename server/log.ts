// One logger for the server. Secrets are redacted here, at the logger, not at each call site.
export type Logger = ReturnType<typeof createLogger>
type Fields = Record<string, unknown>

/** Replaces every secret (of 4 characters or more) in a text with "[redacted]". */
export function createRedactor(secrets: (string | undefined)[]) {
  const list = secrets.filter((s): s is string => !!s && s.length >= 4)
  return (text: string) => list.reduce((t, s) => t.split(s).join('[redacted]'), text)
}

export function createLogger(options: { secrets?: (string | undefined)[]; write?: (line: string) => void; quiet?: boolean } = {}) {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const redact = createRedactor(options.secrets ?? [])

  function emit(level: 'info' | 'warn' | 'error', msg: string, fields?: Fields) {
    if (options.quiet && level === 'info') return
    write(redact(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })))
  }
  return {
    info: (msg: string, fields?: Fields) => emit('info', msg, fields),
    warn: (msg: string, fields?: Fields) => emit('warn', msg, fields),
    error: (msg: string, fields?: Fields) => emit('error', msg, fields),
  }
}
