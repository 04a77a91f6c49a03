// The change notifier's version rules on their own: numbered changes taken in order, missed ones
// reported as "everything changed", and waiters woken. Decision 016 and 026.
import { describe, expect, it } from 'vitest'
import { createChangeNotifier } from '../../../server/events/notifier'
import { manualClock } from '../manual-clock'

const forever = () => new AbortController().signal

describe('change notifier', () => {
  it('tells a waiter the kinds changed after its version, from numbered changes heard in order', async () => {
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 0 })
    const held = notifier.wait(10, forever())
    notifier.record(11, ['jobs'], true)
    expect(await held).toEqual({ version: 11, kinds: ['jobs'] })
    notifier.record(12, ['images'], true)
    expect(await notifier.wait(10, forever())).toEqual({ version: 12, kinds: ['jobs', 'images'] })
    expect(await notifier.wait(11, forever())).toEqual({ version: 12, kinds: ['images'] })
  })

  it('ignores a version it already has, and reports everything changed across a gap it did not hear', async () => {
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 0 })
    notifier.record(11, ['jobs'], true)
    notifier.record(11, ['comparisons'], true)
    notifier.record(9, ['comparisons'], true)
    expect(await notifier.wait(10, forever())).toEqual({ version: 11, kinds: ['jobs'] })
    notifier.record(14, ['images'], true)
    expect((await notifier.wait(11, forever()))?.kinds.sort()).toEqual(['comparisons', 'images', 'jobs'])
  })

  it('hands each change to its listeners, and publishes instead of counting when told how', async () => {
    const published: unknown[] = []
    const notifier = createChangeNotifier({ firstVersion: 5, publish: async (kinds, urgent) => void published.push({ kinds, urgent }) })
    const heard: number[] = []
    notifier.onChange((c) => heard.push(c.version))
    await notifier.bump(['jobs'], false)
    // Published, not counted: the version comes back from the database through record().
    expect(published).toEqual([{ kinds: ['jobs'], urgent: false }])
    expect(notifier.version()).toBe(5)
    notifier.record(6, ['jobs'], true)
    expect(heard).toEqual([6])
  })

  it('says whether results or edits of given kinds were announced after a version', () => {
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 0 })
    notifier.record(11, ['jobs'], false)
    expect(notifier.announcedSince(10, ['jobs'])).toBe(false) // progress only
    notifier.record(12, ['jobs', 'comparisons'], true)
    expect(notifier.announcedSince(10, ['jobs'])).toBe(true)
    expect(notifier.announcedSince(10, ['comparisons', 'jobs'])).toBe(true)
    expect(notifier.announcedSince(10, ['images'])).toBe(false)
    expect(notifier.announcedSince(12, ['jobs'])).toBe(false)
  })
})

describe('a page that asks for calm', () => {
  /** Whether `p` has been answered, once everything already due has run. */
  const settled = async <T>(p: Promise<T>) => {
    let done = false
    void p.then(() => (done = true))
    await new Promise((r) => setImmediate(r))
    return done
  }

  it('hears progress alone only once its calm is over, gathered into one answer', async () => {
    const clock = manualClock()
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 200, clock })
    const held = notifier.wait(10, forever(), 3000)
    notifier.record(11, ['jobs'], false)
    clock.advance(1000)
    notifier.record(12, ['jobs', 'comparisons'], false)
    clock.advance(1500)
    expect(await settled(held)).toBe(false)
    clock.advance(500)
    expect(await held).toEqual({ version: 12, kinds: ['jobs', 'comparisons'] })
  })

  it('hears a result at once, with the progress held before it', async () => {
    const clock = manualClock()
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 200, clock })
    const held = notifier.wait(10, forever(), 3000)
    notifier.record(11, ['jobs'], false)
    clock.advance(300)
    expect(await settled(held)).toBe(false)
    notifier.record(12, ['jobs', 'images'], true)
    expect(await held).toEqual({ version: 12, kinds: ['jobs', 'images'] })
  })

  it('asking again with only progress since its version waits for calm; with a result or a gap, answers at once', async () => {
    const clock = manualClock()
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 0, clock })
    notifier.record(11, ['jobs'], false)
    const progress = notifier.wait(10, forever(), 2000)
    expect(await settled(progress)).toBe(false)
    // Without calm (an older page, plain polling) it is answered at once, as before.
    expect(await notifier.wait(10, forever())).toEqual({ version: 11, kinds: ['jobs'] })
    clock.advance(2000)
    expect(await progress).toEqual({ version: 11, kinds: ['jobs'] })

    notifier.record(12, ['images'], true)
    notifier.record(13, ['jobs'], false)
    expect(await notifier.wait(11, forever(), 2000)).toEqual({ version: 13, kinds: ['images', 'jobs'] })
    // A page that has heard that result is back to calm for the progress after it.
    const after = notifier.wait(12, forever(), 2000)
    expect(await settled(after)).toBe(false)
    clock.advance(2000)
    expect(await after).toEqual({ version: 13, kinds: ['jobs'] })
    // A gap (announcements missed) may hide anything: everything changed, at once.
    notifier.record(20, ['jobs'], false)
    expect((await notifier.wait(13, forever(), 2000))?.kinds.sort()).toEqual(['comparisons', 'images', 'jobs'])
  })

  it('lets go of a calm page that leaves, and of every page when closing', async () => {
    const clock = manualClock()
    const notifier = createChangeNotifier({ firstVersion: 10, coalesceMs: 0, clock })
    notifier.record(11, ['jobs'], false)
    const leaving = new AbortController()
    const left = notifier.wait(10, leaving.signal, 3000)
    const staying = notifier.wait(11, forever(), 3000)
    expect(notifier.waiting()).toBe(2)
    leaving.abort()
    expect(await left).toBeNull()
    notifier.close()
    expect(await staying).toBeNull()
    expect(notifier.waiting()).toBe(0)
    // No timer is left behind to answer anyone later.
    expect(clock.pending()).toBe(0)
  })
})
