// Each simulated model paints the same composition in its own style, so a demo comparison grid shows
// which model made which picture. `detail` (0–1, from steps) sets how many octaves and small shapes
// are drawn; blur and colour are applied afterwards (../image.ts).
import type { ModelId } from '../../../shared/catalogue'
import { mulberry32 } from '../../../shared/prng'
import { ridgeHeights, type Composition } from './composition'

/** detail (0–1, from steps): octaves and small shapes; punch (0–1, from guidance): saturation and contrast. */
export type Frame = { w: number; h: number; detail: number; punch: number }
type Style = (c: Composition, frame: Frame) => string

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v))

/**
 * A colour with the frame's guidance applied: saturation scaled and lightness pushed away from
 * mid-grey. Done here rather than as a filter on the rendered pixels, which costs ~3× the render.
 */
function painter({ punch }: Frame) {
  const saturation = 0.45 + 1.1 * punch
  const contrast = 0.7 + 0.6 * punch
  return (h: number, s: number, l: number) =>
    `hsl(${((Math.round(h) % 360) + 360) % 360},${Math.round(clamp(s * saturation, 0, 100))}%,${Math.round(clamp(50 + (l - 50) * contrast, 2, 98))}%)`
}
const f = (n: number) => n.toFixed(1)
const octavesFor = (detail: number) => Math.round(detail * 6)

/** A closed path along heights (fractions of h, mapped by `y`), down to the bottom edge. */
function ridgePath(heights: number[], { w, h }: Frame, y: (v: number) => number = (v) => v, bottom = 1): string {
  const step = w / (heights.length - 1)
  const line = heights.map((v, i) => `${f(i * step)} ${f(y(v) * h)}`).join('L')
  return `M0 ${f(bottom * h)}L${line}L${f(w)} ${f(bottom * h)}Z`
}

/** ERNIE Image Turbo: a dusk sky in the prompt's hue, a glowing sun, stars and layered ridges. */
const dusk: Style = (c, frame) => {
  const { w, h, detail } = frame
  const hsl = painter(frame)
  const unit = Math.min(w, h)
  const scatter = mulberry32(c.scatterSeed)
  const stars = Array.from({ length: Math.round(detail ** 1.5 * 80) }, () => {
    const [x, y, r, o] = [scatter() * w, scatter() * h * 0.5, unit * (0.002 + scatter() * 0.005), 0.3 + scatter() * 0.6]
    return `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" fill="#fff" fill-opacity="${o.toFixed(2)}"/>`
  }).join('')
  const sunHue = c.hue + c.shift + 30
  const ridges = c.ridges.map((ridge, i) => {
    const depth = (i + 1) / c.ridges.length
    const d = ridgePath(ridgeHeights(ridge, octavesFor(detail), 0.5), frame)
    return `<path d="${d}" fill="${hsl(c.hue + c.shift * (1 - depth) + 180, 45, 45 - depth * 35)}"/>`
  })
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="${c.tilt.toFixed(2)}" y2="1">
<stop offset="0" stop-color="${hsl(c.hue, 70, 25)}"/><stop offset="1" stop-color="${hsl(c.hue + c.shift, 75, 62)}"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="${hsl(sunHue, 95, 88)}"/>
<stop offset="1" stop-color="${hsl(sunHue, 90, 70)}" stop-opacity="0"/></radialGradient></defs>
<rect width="${w}" height="${h}" fill="url(#sky)"/>${stars}
<circle cx="${f(c.sun.x * w)}" cy="${f(c.sun.y * h)}" r="${f(c.sun.r * unit * 1.9)}" fill="url(#glow)"/>
<circle cx="${f(c.sun.x * w)}" cy="${f(c.sun.y * h)}" r="${f(c.sun.r * unit)}" fill="${hsl(sunHue, 95, 85)}"/>${ridges.join('')}`
}

/** ERNIE Image 1.0: a screen-print poster — banded teal sky, a ringed sun, outlined warm peaks, hatching. */
const poster: Style = (c, frame) => {
  const { w, h, detail } = frame
  const hsl = painter(frame)
  const unit = Math.min(w, h)
  const warm = 5 + (c.hue % 45)
  const bands = Array.from(
    { length: 6 },
    (_, i) => `<rect y="${f((i * h * 0.7) / 6)}" width="${w}" height="${f((h * 0.7) / 6 + 1)}" fill="${hsl(warm + 185, 45, 18 + i * 9)}"/>`,
  ).join('')
  const ringCount = 2 + Math.round(detail * 6)
  const rings = Array.from({ length: ringCount }, (_, i) => {
    const r = c.sun.r * unit * 1.6 * (1 - i / ringCount)
    return `<circle cx="${f(c.sun.x * w)}" cy="${f(c.sun.y * h)}" r="${f(r)}" fill="${i % 2 ? hsl(warm + 25, 95, 72) : hsl(warm, 90, 55)}"/>`
  }).join('')
  const stroke = `stroke="#1a1410" stroke-width="${f(unit * 0.006)}" stroke-linejoin="miter"`
  const peaks = c.ridges
    .map((ridge, i) => {
      const depth = (i + 1) / c.ridges.length
      const d = ridgePath(ridgeHeights(ridge, octavesFor(detail), 0.62), frame)
      return `<path d="${d}" fill="${hsl(warm + depth * 25, 75, 60 - depth * 32)}" ${stroke}/>`
    })
    .join('')
  const scatter = mulberry32(c.scatterSeed)
  const hatch = Array.from({ length: Math.round(detail ** 1.5 * 60) }, () => {
    const [x, y, len] = [scatter() * w, h * (0.6 + scatter() * 0.4), unit * (0.02 + scatter() * 0.04)]
    return `M${f(x)} ${f(y)}l${f(len)} ${f(-len)}`
  }).join('')
  return `${bands}<rect y="${f(h * 0.7)}" width="${w}" height="${f(h * 0.3)}" fill="${hsl(warm + 185, 45, 70)}"/>${rings}${peaks}
<path d="${hatch}" stroke="#1a1410" stroke-width="${f(unit * 0.004)}" stroke-opacity="0.45"/>`
}

/** Z-Image Turbo: a cool, photographic lake scene — soft sky, misty green ridges mirrored in water. */
const lake: Style = (c, frame) => {
  const { w, h, detail } = frame
  const hsl = painter(frame)
  const unit = Math.min(w, h)
  const cool = 180 + (c.hue % 60)
  const horizon = 0.64
  const above = (v: number) => 0.3 + (v - 0.42) * 0.75 // squeeze ridges above the waterline
  const below = (v: number) => 2 * horizon - above(v)
  const octaves = octavesFor(detail)
  const ridges = c.ridges.map((ridge, i) => {
    const depth = (i + 1) / c.ridges.length
    const heights = ridgeHeights(ridge, octaves, 0.45)
    const fill = hsl(cool - 50 - depth * 20, 30, 52 - depth * 30)
    return {
      up: `<path d="${ridgePath(heights, frame, above, horizon)}" fill="${fill}"/>`,
      down: `<path d="${ridgePath(heights, frame, below, horizon)}" fill="${fill}" fill-opacity="0.3"/>`,
    }
  })
  const scatter = mulberry32(c.scatterSeed)
  const ripples = Array.from({ length: Math.round(detail ** 1.5 * 70) }, () => {
    const [x, y, len] = [scatter() * w, h * (horizon + 0.01 + scatter() * 0.35), unit * (0.03 + scatter() * 0.1)]
    return `M${f(x)} ${f(y)}h${f(len)}`
  }).join('')
  const sx = f(c.sun.x * w)
  return `<defs><radialGradient id="air" cx="${c.sun.x.toFixed(2)}" cy="${c.sun.y.toFixed(2)}" r="0.9">
<stop offset="0" stop-color="${hsl(cool + 20, 60, 88)}"/><stop offset="1" stop-color="${hsl(cool, 55, 38)}"/></radialGradient>
<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(cool, 45, 36)}"/>
<stop offset="1" stop-color="${hsl(cool + 10, 55, 14)}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#air)"/>
<circle cx="${sx}" cy="${f(c.sun.y * h)}" r="${f(c.sun.r * unit * 0.7)}" fill="#fffdf4" fill-opacity="0.85"/>
${ridges.map((r) => r.up).join('')}<rect y="${f(horizon * h)}" width="${w}" height="${f((1 - horizon) * h)}" fill="url(#water)"/>
${ridges.map((r) => r.down).join('')}<path d="${ripples}" stroke="#e8f4ff" stroke-width="${f(unit * 0.002 + 0.5)}" stroke-opacity="0.35"/>`
}

export const STYLES: Record<ModelId, Style> = { 'ernie-image-turbo': dusk, 'ernie-image': poster, 'z-image-turbo': lake }
