// GET /api/spend: money spent (or reserved by jobs under way) per day, model and person.
import { z } from 'zod'

const total = z.object({ usd: z.number(), budgetUsd: z.number().nullable() })

export const spendReportSchema = z.object({
  today: total,
  month: total,
  /** What an image of a model without a published price counts as. */
  unknownPriceUsd: z.number(),
  byDay: z.array(z.object({ day: z.string(), usd: z.number() })),
  byModel: z.array(z.object({ model: z.string(), usd: z.number() })),
  byPerson: z.array(z.object({ person: z.string(), usd: z.number() })),
})
export type SpendReport = z.infer<typeof spendReportSchema>
