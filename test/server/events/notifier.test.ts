// The change notifier's version rules on their own: numbered changes taken in order, missed ones
// reported as "everything changed", and waiters woken. Decision 016 and 026.
import { describe, expect, it } from 'vitest'
import { createChangeNotifier } from '../../../server/events/notifier'

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
})
