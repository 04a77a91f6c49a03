// Services throw a few domain errors; onError is the one place they become HTTP answers.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { apiErrorSchema } from '../../shared/api'
import { Conflict, Invalid, NotFound, OverBudget, TooMany } from '../../server/errors'
import { onError } from '../../server/http-errors'
import { createLogger } from '../../server/log'

const logs: string[] = []
const app = new Hono()
  .get('/not-found', () => {
    throw new NotFound('No job with this id')
  })
  .get('/conflict', () => {
    throw new Conflict('A completed job cannot be retried')
  })
  .get('/invalid', () => {
    throw new Invalid('Invalid parameters: prompt: Prompt is required', { prompt: 'Prompt is required' })
  })
  .get('/over-budget', () => {
    throw new OverBudget('daily', { spentUsd: 0.048, addUsd: 0.008, budgetUsd: 0.05 })
  })
  .get('/too-many', () => {
    throw new TooMany('Too many submits: at most 3 a minute (SUBMITS_PER_MINUTE). Try again in 12 s.', 12)
  })
  .get('/bug', () => {
    throw new Error('secret internals')
  })
app.onError(onError(createLogger({ write: (l) => logs.push(l) })))

async function answer(path: string) {
  const res = await app.request(path)
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...apiErrorSchema.parse(await res.json()).error }
}

describe('domain errors become HTTP answers in one place', () => {
  it('maps each error to its status with the one error body shape', async () => {
    expect(await answer('/not-found')).toMatchObject({ status: 404, message: 'No job with this id' })
    expect(await answer('/conflict')).toMatchObject({ status: 409, message: 'A completed job cannot be retried' })
    expect(await answer('/invalid')).toMatchObject({ status: 400, fields: { prompt: 'Prompt is required' } })
    expect(await answer('/too-many')).toMatchObject({ status: 429, retryAfter: '12' })
  })

  it('refuses over budget with the figures, naming the setting to raise', async () => {
    const message =
      'Over the daily budget: $0.048 spent or reserved so far, this would add $0.008 ($0.056 in all), and the budget is $0.050. Wait until tomorrow (UTC) or raise DAILY_BUDGET_USD.'
    expect(await answer('/over-budget')).toEqual({ status: 403, retryAfter: null, message, fields: { budget: message } })
  })

  it('hides anything else behind a 500 and logs it', async () => {
    expect(await answer('/bug')).toMatchObject({ status: 500, message: expect.not.stringContaining('secret') })
    expect(logs.some((l) => l.includes('secret internals'))).toBe(true)
  })
})
