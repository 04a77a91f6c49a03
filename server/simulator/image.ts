// Deterministic stand-in pictures: a dusk landscape whose colours and shapes come from a hash of
// prompt + seed, so the same request always yields the same bytes and different ones look different.
// No text is drawn, so rendering never depends on installed fonts.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { mulberry32 } from './prng'

export type ImageFormat = 'jpeg' | 'png' | 'webp'

export type RenderInput = { prompt: string; seed: number; width: number; height: number; format: ImageFormat }

const hsl = (h: number, s: number, l: number) => `hsl(${Math.round(h) % 360},${Math.round(s)}%,${Math.round(l)}%)`
const fixed = (n: number) => n.toFixed(1)

/** A smooth ridge line across the picture, closed along the bottom edge. */
function ridge(rand: () => number, w: number, h: number, base: number, amplitude: number): string {
  const points = 5 + Math.floor(rand() * 4)
  const step = w / points
  const ys = Array.from({ length: points + 1 }, () => base + (rand() - 0.5) * 2 * amplitude)
  let d = `M0 ${fixed(h)} L0 ${fixed(ys[0] ?? base)}`
  for (let i = 1; i <= points; i++) {
    const x0 = (i - 1) * step
    const x1 = i * step
    d += ` C${fixed(x0 + step / 2)} ${fixed(ys[i - 1] ?? base)} ${fixed(x1 - step / 2)} ${fixed(ys[i] ?? base)} ${fixed(x1)} ${fixed(ys[i] ?? base)}`
  }
  return `${d} L${fixed(w)} ${fixed(h)} Z`
}

function svgFor({ prompt, seed, width: w, height: h }: RenderInput): string {
  const digest = createHash('sha256').update(`${prompt}\u0000${seed}`).digest()
  const rand = mulberry32(digest.readUInt32LE(0))
  const hue = digest.readUInt16LE(4) % 360
  const shift = 30 + rand() * 120
  const skyTop = hsl(hue, 55 + rand() * 30, 18 + rand() * 20)
  const skyBottom = hsl(hue + shift, 65 + rand() * 25, 55 + rand() * 20)
  const sunHue = hue + shift + 20 + rand() * 40
  const unit = Math.min(w, h)
  const sun = { x: w * (0.2 + rand() * 0.6), y: h * (0.2 + rand() * 0.3), r: unit * (0.08 + rand() * 0.12) }

  const stars = Array.from({ length: 24 }, () => {
    const r = unit * (0.002 + rand() * 0.006)
    return `<circle cx="${fixed(rand() * w)}" cy="${fixed(rand() * h * 0.5)}" r="${fixed(r)}" fill="#fff" opacity="${(0.3 + rand() * 0.6).toFixed(2)}"/>`
  }).join('')

  const layers = 3 + Math.floor(rand() * 2)
  const ridges = Array.from({ length: layers }, (_, i) => {
    const depth = (i + 1) / layers
    const base = h * (0.45 + depth * 0.4)
    const fill = hsl(hue + shift * (1 - depth) + 180, 35 + rand() * 25, 45 - depth * 35)
    return `<path d="${ridge(rand, w, h, base, h * 0.08 * (1.2 - depth * 0.5))}" fill="${fill}"/>`
  }).join('')

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="${(rand() * 0.4).toFixed(2)}" y2="1">
<stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient>
<radialGradient id="sun"><stop offset="0" stop-color="${hsl(sunHue, 95, 88)}"/>
<stop offset="0.6" stop-color="${hsl(sunHue, 90, 70)}"/><stop offset="1" stop-color="${hsl(sunHue, 90, 70)}" stop-opacity="0"/></radialGradient>
</defs>
<rect width="${w}" height="${h}" fill="url(#sky)"/>${stars}
<circle cx="${fixed(sun.x)}" cy="${fixed(sun.y)}" r="${fixed(sun.r * 1.8)}" fill="url(#sun)"/>
<circle cx="${fixed(sun.x)}" cy="${fixed(sun.y)}" r="${fixed(sun.r)}" fill="${hsl(sunHue, 95, 85)}" opacity="0.9"/>
${ridges}
</svg>`
}

/** Renders the picture for one request image. Same input → same bytes. */
export async function renderImage(input: RenderInput): Promise<Buffer> {
  const image = sharp(Buffer.from(svgFor(input)), { density: 72 }).resize(input.width, input.height, { fit: 'fill' })
    .removeAlpha()
  switch (input.format) {
    case 'png':
      // Fast deflate: the simulator favours speed over file size.
      return image.png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer()
    case 'jpeg':
      return image.jpeg({ quality: 85 }).toBuffer()
    case 'webp':
      return image.webp({ quality: 80, effort: 1 }).toBuffer()
  }
}
