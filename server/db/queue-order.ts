// Reordering Darkroom's own queue, the same on every dialect: the waiting jobs keep the set of ranks they
// hold, handed out again in the new order, so jobs that arrive meanwhile (max + 1) still join at the end.

type Ranked = { id: string; queueRank: number }

/**
 * The new ranks after moving `id` to `position` (1 = first; clamped to the list) among `waiting`, which
 * is in queue order. Only rows whose rank changes are returned; empty when `id` is not in the list.
 */
export function reorderedRanks(waiting: readonly Ranked[], id: string, position: number): Ranked[] {
  const from = waiting.findIndex((row) => row.id === id)
  if (from === -1) return []
  const order = waiting.filter((row) => row.id !== id)
  order.splice(Math.min(Math.max(position, 1), waiting.length) - 1, 0, waiting[from]!)
  const ranks = waiting.map((row) => row.queueRank).sort((a, b) => a - b)
  const changed: Ranked[] = []
  let previous = -Infinity
  order.forEach((row, i) => {
    // Ties (two instances inserting at once) become distinct, so the order asked for is the order kept.
    const queueRank = Math.max(ranks[i]!, previous + 1)
    previous = queueRank
    if (queueRank !== row.queueRank) changed.push({ id: row.id, queueRank })
  })
  return changed
}
