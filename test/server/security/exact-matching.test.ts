// Routes and credentials match exactly: a path that only starts like a real one is not that route,
// and the auth scheme name is matched in any letter case (RFC 9110 §11.1), the token exactly.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startStack, type Stack } from '../harness'

const TOKEN = 'script-token-0123456789abcdef'
let stack: Stack
let imageId: string

const get = (p: string, auth = `Bearer ${TOKEN}`) => fetch(stack.darkroom.url + p, { headers: { Authorization: auth } })

beforeAll(async () => {
  stack = await startStack({ env: { APP_TOKENS: TOKEN } })
  const res = await fetch(`${stack.darkroom.url}/api/jobs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'exact' } }),
  })
  const { id } = await res.json()
  imageId = await vi.waitFor(
    async () => {
      const job = await (await get(`/api/jobs/${id}`)).json()
      if (!job.images?.length) throw new Error(`job is ${job.status}`)
      return job.images[0].id as string
    },
    { timeout: 60_000, interval: 25 },
  )
})
afterAll(() => stack.close())

describe('image routes match whole path segments', () => {
  it('serves file and thumb, and 404s on anything that merely starts like them', async () => {
    expect((await get(`/api/images/${imageId}/file`)).status).toBe(200)
    expect((await get(`/api/images/${imageId}/thumb`)).status).toBe(200)
    expect((await get(`/api/images/${imageId}/download`)).status).toBe(200)
    for (const suffix of ['filexyz', 'file.png', 'thumbnail', 'thumb2', 'downloads', 'download.zip', 'xfile', 'fil', 'FILE']) {
      const res = await get(`/api/images/${imageId}/${suffix}`)
      expect(res.status, suffix).toBe(404)
      expect(res.headers.get('content-type'), suffix).toMatch(/application\/json/)
    }
  })

  it('does the same for zip downloads', async () => {
    for (const name of ['abc.zipxyz', 'abc.zip.exe', 'abc.zi']) expect((await get(`/api/downloads/${name}`)).status, name).toBe(404)
  })
})

describe('bearer tokens', () => {
  it('accepts the scheme name in any letter case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) expect((await get('/api/jobs', `${scheme} ${TOKEN}`)).status, scheme).toBe(200)
  })

  it('still refuses a wrong token, another scheme, or a token in the wrong case', async () => {
    for (const auth of [`bearer ${TOKEN}x`, `Basic ${TOKEN}`, `Bearer ${TOKEN.toUpperCase()}`, `Bearer`, `bearer${TOKEN}`]) {
      expect((await get('/api/jobs', auth)).status, auth).toBe(401)
    }
  })
})
