// The long-poll's hold runs out on time, also after the garbage collector has run: with
// AbortSignal.any([…, AbortSignal.timeout()]) the timeout was collected and an idle page's request
// was held until the next change (none answered in 62 s), past the idle timeouts of proxies.
import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import { createChangeNotifier } from '../../../server/events/notifier'
import { eventRoutes } from '../../../server/routes/events'

v8.setFlagsFromString('--expose_gc')
const gc = vm.runInNewContext('gc') as () => void

describe('GET /api/events hold', () => {
  it('answers "nothing changed" when the hold runs out, even after a garbage collection', async () => {
    const notifier = createChangeNotifier()
    // Nothing changes, so nothing is read: these would throw if the route asked them.
    const unread = () => Promise.reject(new Error('nothing changed: nothing to read'))
    const routes = eventRoutes(notifier, { list: unread } as never, { read: unread }, { page: unread }, 300)
    const answer = routes.request(`/?after=${notifier.version()}`)
    await vi.waitFor(() => expect(notifier.waiting()).toBe(1))
    for (let i = 0; i < 3; i++) gc()
    const res = await answer
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ version: notifier.version(), changed: [] })
    expect(notifier.waiting()).toBe(0)
    // A hold that never runs out fails here, not at the suite's three-minute deadline.
  }, 30_000)
})
