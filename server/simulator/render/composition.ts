// What a picture shows, from prompt + seed only: the same request to another model, or with other
// steps or guidance, keeps its sun, horizon and ridges, so side-by-sides compare like with like.
import { createHash } from 'node:crypto'
import { mulberry32 } from '../../../shared/prng'

export type Ridge = { base: number; amplitude: number; points: number[]; seed: number }

export type Composition = {
  hue: number
  shift: number
  sun: { x: number; y: number; r: number }
  tilt: number
  ridges: Ridge[]
  /** A stream for scattered detail (stars, ripples, hatching); callers take as many as they draw. */
  scatterSeed: number
}

const CONTROL_POINTS = 7

/** Positions are fractions of the picture (0–1) so one composition fits any size. */
export function compose(prompt: string, seed: number): Composition {
  const digest = createHash('sha256').update(`${prompt}\u0000${seed}`).digest()
  const rand = mulberry32(digest.readUInt32LE(0))
  const hue = digest.readUInt16LE(4) % 360
  const shift = 30 + rand() * 120
  const sun = { x: 0.2 + rand() * 0.6, y: 0.15 + rand() * 0.3, r: 0.07 + rand() * 0.1 }
  const tilt = rand() * 0.4
  const layers = 3 + Math.floor(rand() * 2)
  const ridges = Array.from({ length: layers }, (_, i) => {
    const depth = (i + 1) / layers
    const amplitude = 0.09 * (1.2 - depth * 0.5)
    return {
      base: 0.42 + depth * 0.4,
      amplitude,
      points: Array.from({ length: CONTROL_POINTS }, () => (rand() - 0.5) * 2 * amplitude),
      seed: digest.readUInt32LE(8) + i * 7919,
    }
  })
  return { hue, shift, sun, tilt, ridges, scatterSeed: digest.readUInt32LE(12) }
}

/**
 * The ridge's heights (fractions of the picture height) after `octaves` rounds of midpoint
 * displacement: each round doubles the points and adds finer, smaller bumps. Earlier rounds do not
 * depend on later ones, so more octaves only add detail to the same silhouette.
 */
export function ridgeHeights(ridge: Ridge, octaves: number, roughness: number): number[] {
  const rand = mulberry32(ridge.seed)
  let ys = ridge.points.map((p) => ridge.base + p)
  let amplitude = ridge.amplitude
  for (let k = 0; k < octaves; k++) {
    amplitude *= roughness
    const next: number[] = []
    for (let i = 0; i < ys.length - 1; i++) {
      const a = ys[i] ?? 0
      const b = ys[i + 1] ?? 0
      next.push(a, (a + b) / 2 + (rand() - 0.5) * 2 * amplitude)
    }
    next.push(ys[ys.length - 1] ?? 0)
    ys = next
  }
  return ys
}
