import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '../../server/env'

describe('settings', () => {
  it('defaults to demo mode on loopback port 8787 with data in ./data', () => {
    expect(parseEnv({})).toEqual({
      apiKey: undefined,
      baseUrl: 'https://gateway.pixazo.ai',
      mediaOrigins: [],
      dataDir: path.resolve('./data'),
      host: '127.0.0.1',
      port: 8787,
      maxRps: 5,
      maxInFlight: 8,
      deadlineMs: 600_000,
      timeoutMs: 30_000,
      leaseMs: 30_000,
      deleteUndoMs: 30_000,
      publicUrl: undefined,
      compareMaxImages: 100,
      compareConfirmImages: 16,
      appPassword: undefined,
      appTokens: [],
      dailyBudgetUsd: undefined,
      monthlyBudgetUsd: undefined,
      unknownPriceUsd: 0.05,
      submitsPerMinute: 30,
      trustProxy: 0,
    })
    expect(parseEnv({ PIXAZO_API_KEY: '  ' }).apiKey).toBeUndefined()
  })

  it('reads every setting', () => {
    const env = parseEnv({
      PIXAZO_API_KEY: 'k',
      PIXAZO_BASE_URL: 'http://127.0.0.1:9100/',
      PIXAZO_MEDIA_ORIGINS: 'https://media.example.com/some/path, http://127.0.0.1:9200',
      DATA_DIR: '/tmp/dr',
      HOST: '0.0.0.0',
      PORT: '9000',
      APP_PASSWORD: 'a long enough password',
    })
    expect(env).toMatchObject({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9100',
      mediaOrigins: ['https://media.example.com', 'http://127.0.0.1:9200'],
      dataDir: '/tmp/dr',
      host: '0.0.0.0',
      port: 9000,
    })
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ PIXAZO_MAX_RPS: '0' }, /PIXAZO_MAX_RPS must be between 1 and 1000/],
    [{ PUBLIC_URL: 'darkroom.local' }, /PUBLIC_URL/],
    [{ PIXAZO_BASE_URL: 'gateway.pixazo.ai' }, /PIXAZO_BASE_URL: "gateway.pixazo.ai" is not an http\(s\) URL/],
    [{ PIXAZO_MEDIA_ORIGINS: 'https://ok.example,ftp://files.example' }, /PIXAZO_MEDIA_ORIGINS: "ftp:\/\/files.example"/],
  ])('stops on a bad value, naming it: %o', (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError)
    expect(() => parseEnv(source)).toThrow(message)
  })
})
