// DATABASE_URL: only PostgreSQL URLs are accepted, a bad one is refused naming the variable without
// echoing it, and its password never reaches a log line.
import { describe, expect, it } from 'vitest'
import { databaseSecrets, parseEnv } from '../../../../server/env'
import { createLogger } from '../../../../server/log'

describe('DATABASE_URL', () => {
  it('selects PostgreSQL for postgres:// and postgresql:// URLs, and SQLite when unset or empty', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://app:pw@db:5432/darkroom' }).databaseUrl).toBe('postgres://app:pw@db:5432/darkroom')
    expect(parseEnv({ DATABASE_URL: 'postgresql://db/darkroom' }).databaseUrl).toBe('postgresql://db/darkroom')
    expect(parseEnv({}).databaseUrl).toBeUndefined()
    expect(parseEnv({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
  })

  it.each(['mysql://root:hunter22@db/darkroom', 'sqlite:///data/darkroom.db', 'db.internal:5432', 'https://db/darkroom'])(
    'refuses %s, naming the variable and the expected form, without echoing the value',
    (value) => {
      let message = ''
      try {
        parseEnv({ DATABASE_URL: value })
      } catch (e) {
        message = (e as Error).message
      }
      expect(message).toMatch(/DATABASE_URL must be a PostgreSQL URL: postgres:\/\/user:password@host/)
      expect(message).not.toContain(value)
    },
  )

  it('keeps the password out of log lines, as written in the URL and decoded', () => {
    const url = 'postgres://app:s%40cret-Pa55@db:5432/darkroom'
    for (const format of ['json', 'pretty'] as const) {
      const lines: string[] = []
      const log = createLogger({ secrets: databaseSecrets(url), write: (l) => lines.push(l), format })
      log.error('database unreachable', { url, password: 's@cret-Pa55' })
      expect(lines.join('\n')).not.toMatch(/s%40cret-Pa55|s@cret-Pa55/)
      expect(lines.join('\n')).toContain('[redacted]')
    }
    expect(databaseSecrets('postgres://db/darkroom')).toEqual([])
  })
})
