import { describe, expect, it } from 'vitest'
import { createLogger } from '../../server/log'

const SECRET = 'pz_live_0123456789abcdef'

function capture(format: 'pretty' | 'json') {
  const lines: string[] = []
  const log = createLogger({ secrets: [SECRET], write: (l) => lines.push(l), format })
  return { log, lines }
}

describe('logger', () => {
  it('writes one readable line per event on a terminal, with the fields after the message', () => {
    const { log, lines } = capture('pretty')
    log.warn('poll failed', { job: 'job_1', status: 503, reason: 'gateway busy' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}poll failed {2}job=job_1 status=503 reason="gateway busy"$/)
  })

  it('writes JSON lines when asked, with time, level, message and fields', () => {
    const { log, lines } = capture('json')
    log.error('download failed', { job: 'job_2' })
    const entry = JSON.parse(lines[0]!)
    expect(entry).toMatchObject({ level: 'error', msg: 'download failed', job: 'job_2' })
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false)
  })

  it.each(['pretty', 'json'] as const)('redacts secrets in the %s format, in the message and in fields', (format) => {
    const { log, lines } = capture(format)
    log.info(`sent with ${SECRET}`, { header: `Bearer ${SECRET}`, nested: { key: SECRET } })
    expect(lines.join('\n')).not.toContain(SECRET)
    expect(lines.join('\n').match(/\[redacted\]/g)).toHaveLength(3)
  })

  it('leaves out info lines when quiet, in both formats', () => {
    for (const format of ['pretty', 'json'] as const) {
      const lines: string[] = []
      const log = createLogger({ write: (l) => lines.push(l), quiet: true, format })
      log.info('hello')
      log.warn('careful')
      expect(lines).toHaveLength(1)
    }
  })
})
