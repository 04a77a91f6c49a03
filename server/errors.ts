// The few errors services throw. They say what went wrong in the user's words; server/http-errors.ts
// is the one place that turns them into HTTP answers.

/** The thing asked about does not exist (404); `fields` names the field that pointed at it. */
export class NotFound extends Error {
  constructor(
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
  }
}

/** The request does not fit the current state of what it names (409). */
export class Conflict extends Error {}

/** The request itself is wrong; `fields` names each bad field (400). */
export class Invalid extends Error {
  constructor(
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
  }
}

/** Too many requests from one person; `retryAfterSeconds` says when to try again (429). */
export class TooMany extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}

export type BudgetFigures = { spentUsd: number; addUsd: number; budgetUsd: number }

const round = (n: number) => Math.round(n * 1e6) / 1e6
export const formatUsd = (n: number) => `$${round(n).toFixed(n < 1 ? 3 : 2)}`

const PERIODS = {
  daily: { setting: 'DAILY_BUDGET_USD', until: 'tomorrow (UTC)' },
  monthly: { setting: 'MONTHLY_BUDGET_USD', until: 'next month' },
} as const

/** A submit that would take spend past a budget (403), with the figures. */
export class OverBudget extends Error {
  constructor(
    readonly period: keyof typeof PERIODS,
    readonly figures: BudgetFigures,
  ) {
    const { spentUsd, addUsd, budgetUsd } = figures
    const { setting, until } = PERIODS[period]
    super(
      `Over the ${period} budget: ${formatUsd(spentUsd)} spent or reserved so far, this would add ${formatUsd(addUsd)} (${formatUsd(spentUsd + addUsd)} in all), ` +
        `and the budget is ${formatUsd(budgetUsd)}. Wait until ${until} or raise ${setting}.`,
    )
  }
}
