// X-Webhook-URL: the final status object is posted once to the caller's URL.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { settled, start, status, submit } from './support'

describe('webhook', () => {
  it('posts the final status once to the X-Webhook-URL', async () => {
    const hook = await webhookReceiver()
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a fox' }, { 'X-Webhook-URL': hook.url })
    expect(sim.control.submissions()).toEqual([
      expect.objectContaining({ requestId: id, model: 'z-image-turbo', body: { prompt: 'a fox' }, webhookUrl: hook.url }),
    ])
    await expect.poll(() => hook.bodies.length).toBe(1)
    expect(hook.bodies[0]).toMatchObject({
      request_id: id,
      status: 'COMPLETED',
      output: { media_url: [`${sim.url}/media/${id}/output-0.png`] },
    })
    // Looking at the job again sends nothing more: a later job's callback arrives, and it alone.
    await status(sim.url, id)
    const later = await submit(sim.url, 'z-image-turbo', { prompt: 'a later fox' }, { 'X-Webhook-URL': hook.url })
    await expect.poll(() => hook.bodies.length).toBe(2)
    expect(hook.bodies.map((b) => (b as { request_id: string }).request_id)).toEqual([id, later])
  })

  it('posts FAILED results too, and survives an unreachable URL', async () => {
    const hook = await webhookReceiver()
    const sim = await start()
    const dead = await submit(sim.url, 'z-image-turbo', { prompt: 'a fox' }, { 'X-Webhook-URL': 'http://127.0.0.1:9/unreachable' })
    const id = await submit(sim.url, 'ernie-image', { prompt: 'nsfw' }, { 'X-Webhook-URL': hook.url })
    await expect.poll(() => hook.bodies.length).toBe(1)
    expect(hook.bodies[0]).toMatchObject({ request_id: id, status: 'FAILED', output: null })
    expect((await settled(sim.url, dead)).status).toBe('COMPLETED')
  })
})

/** A bare HTTP server that keeps the JSON bodies posted to it; closed after the test. */
async function webhookReceiver() {
  const bodies: unknown[] = []
  const server = createServer((req, res) => {
    let text = ''
    req.on('data', (chunk) => (text += chunk))
    req.on('end', () => {
      bodies.push(JSON.parse(text))
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { bodies, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }
}
