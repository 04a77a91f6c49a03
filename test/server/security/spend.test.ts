// Spending limits: budgets refuse a submit that would cross them, with the figures; the spend report
// shows what was spent per day, model and person; each person's submits are rate-limited.
import { afterEach, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

const TOKEN = 'budget-script-token-0123456789'
const asScript = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }
const submit = (params: Record<string, unknown>, model = 'z-image-turbo') =>
  stack.api('/api/jobs', { method: 'POST', headers: asScript, body: JSON.stringify({ model, params }) })

describe('spending limits', () => {
  it('refuses the seventh Z-Image Turbo image of a $0.05 day with the figures, and reports the spend', async () => {
    stack = await startStack({ env: { DAILY_BUDGET_USD: '0.05', APP_TOKENS: TOKEN } })
    for (let i = 0; i < 6; i++) expect((await submit({ prompt: `budget ${i}` })).status).toBe(201)
    const refused = await submit({ prompt: 'one too many' })
    expect(refused.status).toBe(403)
    const body = await refused.json()
    expect(body.error.message).toBe(
      'Over the daily budget: $0.048 spent or reserved so far, this would add $0.008 ($0.056 in all), and the budget is $0.050. Wait until tomorrow (UTC) or raise DAILY_BUDGET_USD.',
    )
    expect(body.error.fields).toHaveProperty('budget')
    expect(stack.sim.control.submissions().some((s) => s.body.prompt === 'one too many')).toBe(false)

    const report = await (await stack.api('/api/spend', { headers: asScript })).json()
    const today = new Date().toISOString().slice(0, 10)
    expect(report).toMatchObject({
      today: { usd: 0.048, budgetUsd: 0.05 },
      byDay: [{ day: today, usd: 0.048 }],
      byModel: [{ model: 'z-image-turbo', usd: 0.048 }],
      byPerson: [{ person: 'token 1', usd: 0.048 }],
    })
  })

  it('counts unknown prices at the configured worst case, and checks a whole comparison before saving it', async () => {
    stack = await startStack({ env: { DAILY_BUDGET_USD: '0.10', UNKNOWN_PRICE_USD: '0.04' } })
    expect(
      (await stack.api('/api/jobs', { method: 'POST', json: { model: 'ernie-image', params: { prompt: 'priced as 0.04', num_images: 2 } } })).status,
    ).toBe(201)
    const third = await stack.api('/api/jobs', { method: 'POST', json: { model: 'ernie-image-turbo', params: { prompt: 'would be 0.12' } } })
    expect(third.status).toBe(403)
    const grid = await stack.api('/api/comparisons', {
      method: 'POST',
      json: { model: 'z-image-turbo', params: { prompt: 'grid' }, axes: { x: { param: 'model', values: ['z-image-turbo', 'ernie-image-turbo'] } } },
    })
    expect(grid.status).toBe(403)
    expect((await grid.json()).error.message).toMatch(/^Over the daily budget: \$0.080 spent or reserved so far, this would add \$0.048/)
  })

  it('limits submits per person per minute', async () => {
    stack = await startStack({ env: { SUBMITS_PER_MINUTE: '3' } })
    for (let i = 0; i < 3; i++)
      expect((await stack.api('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt: `rate ${i}` } } })).status).toBe(201)
    const limited = await stack.api('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt: 'rate 4' } } })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).error.message).toMatch(/at most 3 a minute/)
    expect((await stack.api('/api/jobs')).status).toBe(200)
  })

  it('limits submits per person: three sign-ins with the one password share one limit', async () => {
    const PASSWORD = 'correct horse battery staple'
    stack = await startStack({ env: { SUBMITS_PER_MINUTE: '3', APP_PASSWORD: PASSWORD } })
    const sessions: string[] = []
    for (let i = 0; i < 3; i++) {
      const res = await stack.api('/api/auth/sign-in', { method: 'POST', json: { password: PASSWORD } })
      expect(res.status).toBe(204)
      sessions.push(res.headers.get('set-cookie')!.split(';')[0]!)
    }
    const submitAs = (cookie: string, prompt: string) =>
      stack.api('/api/jobs', {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'z-image-turbo', params: { prompt } }),
      })
    for (const [i, cookie] of sessions.entries()) expect((await submitAs(cookie, `person ${i}`)).status).toBe(201)
    for (const cookie of sessions) expect((await submitAs(cookie, 'one too many')).status).toBe(429)
    // Everything the password's sessions made is one person's spend.
    const report = await (await stack.api('/api/spend', { headers: { Cookie: sessions[0]! } })).json()
    expect(report.byPerson).toEqual([{ person: 'password', usd: 0.024 }])
  })

  it('charges a model failure (FAILED) but releases a system error (ERROR) and images never made', async () => {
    stack = await startStack({ env: { DAILY_BUDGET_USD: '1' } })
    stack.sim.control.failJob('next', { outcome: 'ERROR' })
    const errored = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'system error' })).id)
    expect(errored.error?.code).toBe('ERROR')
    stack.sim.control.failJob('next', { outcome: 'FAILED' })
    const failed = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'unsafe' })).id)
    expect(failed.error?.code).toBe('FAILED')
    const report = await (await stack.api('/api/spend')).json()
    expect(report.today.usd).toBe(0.008)
    expect(report.byModel).toEqual([{ model: 'z-image-turbo', usd: 0.008 }])
  })
})
