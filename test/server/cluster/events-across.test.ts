// Live updates across instances: two Darkroom instances on one PostgreSQL database, one simulator.
// A page long-polling one instance hears what happens through the other, and the versions mean the
// same on both, so a page that reconnects to the other instance misses nothing. Decision 026.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { eventsSchema, type Events } from '../../../shared/events'
import { LISTENER_NAME } from '../../../server/cluster/change-listener'
import { startSimulator } from '../../../server/simulator/serve'
import { createDatabase } from '../../support/postgres'
import { FAST_TIMING, startStack, TEST_KEY, type Stack } from '../harness'

let one: Stack
let two: Stack
let url: string

beforeAll(async () => {
  url = await createDatabase()
  const sim = await startSimulator({ apiKey: TEST_KEY, port: 0, timing: FAST_TIMING })
  one = await startStack({ simulator: sim, env: { DATABASE_URL: url } })
  two = await startStack({ simulator: sim, env: { DATABASE_URL: url } })
})
afterAll(async () => {
  await one?.close()
  await two?.close()
})

async function events(stack: Stack, after?: number): Promise<Events> {
  const res = await stack.api(`/api/events${after === undefined ? '' : `?after=${after}`}`)
  expect(res.status).toBe(200)
  return eventsSchema.parse(await res.json())
}

/** Long-polls `stack` from `after` until `kind` has been heard; returns every answer. */
async function hearUntil(stack: Stack, after: number, done: (answers: Events[]) => boolean) {
  const answers: Events[] = []
  while (!done(answers)) answers.push(await events(stack, answers.at(-1)?.version ?? after))
  return answers
}

describe('live updates across instances', () => {
  it('answers a long-poll held on one instance when a job is made and completed through the other', async () => {
    const listening = one.darkroom.changes
    const held = events(one, listening.version())
    await vi.waitFor(() => expect(listening.waiting()).toBe(1), { timeout: 60_000 })

    const job = await two.createJob('z-image-turbo', { prompt: 'a heron across the wire' })
    const first = await held
    expect(first.changed).toContain('jobs')
    expect(first.jobs?.items.map((j) => j.id)).toContain(job.id)

    // The same page keeps listening on instance one and hears the image that instance two stored, with
    // the job list in that same answer already showing it completed (the change is announced on commit).
    const answers = await hearUntil(one, first.version, (a) => a.some((e) => e.changed.includes('images')))
    const withImage = answers.find((a) => a.changed.includes('images'))!
    const shown = withImage.jobs?.items.find((j) => j.id === job.id)
    expect(shown?.status).toBe('completed')
    expect(shown?.images).toHaveLength(1)
  })

  it('gives versions that mean the same on every instance: a page moving to the other instance is held, then told', async () => {
    const done = await two.settle((await two.createJob('z-image-turbo', { prompt: 'settle first' })).id)
    expect(done.status).toBe('completed')
    // Both instances have heard the same changes, numbered alike.
    await expect.poll(() => one.darkroom.changes.version()).toBe(two.darkroom.changes.version())

    // A version learnt from instance one is current on instance two: nothing to tell, so it holds…
    const { version } = await events(one, 0)
    const held = events(two, version)
    await vi.waitFor(() => expect(two.darkroom.changes.waiting()).toBe(1), { timeout: 60_000 })
    // …until a change made through instance one.
    const job = await one.createJob('ernie-image-turbo', { prompt: 'told on the other side' })
    const answer = await held
    expect(answer.version).toBeGreaterThan(version)
    expect(answer.changed).toContain('jobs')
    expect(answer.jobs?.items.map((j) => j.id)).toContain(job.id)
    await one.settle(job.id)
  })

  it('tells a page everything changed when its version is from another life of the database', async () => {
    await expect.poll(() => two.darkroom.changes.version()).toBe(one.darkroom.changes.version())
    const before = two.darkroom.changes.version()
    const answer = await events(two, before + 1_000_000)
    // The instance's own version at the moment it answered: a change heard late from instance one may
    // still move it between the two reads, never back, and never to the page's version from elsewhere.
    expect(answer.version).toBeGreaterThanOrEqual(before)
    expect(answer.version).toBeLessThanOrEqual(two.darkroom.changes.version())
    expect(answer.changed.sort()).toEqual(['comparisons', 'images', 'jobs'])
  })

  it('announces a person’s edit made on one instance to a page on the other', async () => {
    const job = await one.settle((await one.createJob('z-image-turbo', { prompt: 'a favourite across' })).id)
    await expect.poll(() => two.darkroom.changes.version()).toBe(one.darkroom.changes.version())
    const held = events(two, two.darkroom.changes.version())
    await vi.waitFor(() => expect(two.darkroom.changes.waiting()).toBe(1), { timeout: 60_000 })
    const res = await one.api(`/api/images/${job.images[0]!.id}`, { method: 'PATCH', json: { favourite: true } })
    expect(res.status).toBe(200)
    expect((await held).changed).toEqual(['images'])
  })

  it('keeps hearing the other instance after its listening connection is cut', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const { rows } = await admin.query<{ ended: boolean }>(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1 and datname = current_database()',
        [LISTENER_NAME],
      )
      expect(rows.map((r) => r.ended)).toEqual([true, true])
    } finally {
      await admin.end()
    }
    // A page on instance one, from the version it had; a job made through instance two meanwhile or just after.
    const from = one.darkroom.changes.version()
    const job = await two.createJob('z-image-turbo', { prompt: 'heard after the cut' })
    const answers = await hearUntil(one, from, (a) => a.some((e) => e.jobs?.items.some((j) => j.id === job.id)))
    expect(answers.at(-1)!.changed).toContain('jobs')
    await two.settle(job.id)
  })
})
