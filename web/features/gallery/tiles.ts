// The grid's tiles: one per image, except that the images of one multi-image request sit together
// as a stack (one tile, "×4") until the stack is expanded.
import type { Image } from '../../../shared/api'

export type Tile = {
  key: string
  /** The image shown on the tile; for a collapsed stack, its first. */
  cover: Image
  /** Every image the tile stands for: the stack's members, or just the cover. */
  images: Image[]
  /** Set on a collapsed stack and on each member of an expanded one. */
  stack: { jobId: string; size: number; expanded: boolean; position: number } | null
}

/**
 * Groups consecutive images of one job (the server lists a request's images together), each group
 * in the request's own order. `expanded` holds the job ids whose stacks are open.
 */
export function toTiles(images: Image[], expanded: ReadonlySet<string>): Tile[] {
  const tiles: Tile[] = []
  for (let i = 0; i < images.length;) {
    let end = i + 1
    while (end < images.length && images[end]!.jobId === images[i]!.jobId) end++
    const run = images.slice(i, end).sort((a, b) => a.index - b.index)
    i = end
    const jobId = run[0]!.jobId
    if (run.length === 1) tiles.push({ key: run[0]!.id, cover: run[0]!, images: run, stack: null })
    else if (expanded.has(jobId)) {
      run.forEach((image, position) =>
        tiles.push({ key: image.id, cover: image, images: [image], stack: { jobId, size: run.length, expanded: true, position } }),
      )
    } else tiles.push({ key: `stack:${jobId}`, cover: run[0]!, images: run, stack: { jobId, size: run.length, expanded: false, position: 0 } })
  }
  return tiles
}
