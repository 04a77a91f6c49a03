// Deterministic stand-in pictures. What is shown comes from prompt + seed (render/composition.ts),
// how it is painted from the model (render/styles.ts), how sharp and detailed from the steps, how
// saturated and contrasty from the guidance; a "SIMULATED" mark says what they are. Same request →
// same bytes. No text is drawn with fonts, so rendering never depends on what the machine has installed.
import sharp, { type Sharp } from 'sharp'
import { MODELS, type ModelId } from '../../shared/catalogue'
import { compose } from './render/composition'
import { simulatedMark } from './render/mark'
import { STYLES } from './render/styles'

export type ImageFormat = 'jpeg' | 'png' | 'webp'

export type RenderInput = {
  prompt: string
  seed: number
  width: number
  height: number
  format: ImageFormat
  /** Defaults: ERNIE Image Turbo, and that model's default steps and guidance. */
  model?: ModelId
  steps?: number
  /** null for models without guidance (Z-Image Turbo). */
  guidance?: number | null
}

const paramDefault = (model: ModelId, name: 'num_inference_steps' | 'guidance_scale') => {
  const spec = MODELS[model].params[name]
  return spec && (spec.kind === 'int' || spec.kind === 'float') ? spec : null
}
const clamp01 = (v: number) => Math.max(0, Math.min(1, v))

/** 0–1: how far along the model's own step range this request is, on a log scale (1 step → low). */
export function detailLevel(model: ModelId, steps?: number): number {
  const spec = paramDefault(model, 'num_inference_steps')
  if (!spec) return 1
  return clamp01(Math.log2(1 + (steps ?? spec.default)) / Math.log2(1 + spec.max))
}

/** 0–1: guidance on a log scale from the minimum to the maximum; 0.5 for models without guidance. */
export function guidanceLevel(model: ModelId, guidance?: number | null): number {
  const spec = paramDefault(model, 'guidance_scale')
  if (!spec) return 0.5
  const g = guidance ?? spec.default
  return clamp01(Math.log(g / spec.min) / Math.log(spec.max / spec.min))
}

const svgOf = (body: string, w: number, h: number, sw = w, sh = h) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${sw}" height="${sh}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">${body}</svg>`)

/**
 * The rasterised scene. With few steps it is painted small and scaled up, so the picture is soft as
 * well as simpler. It must be rasterised before resizing: sharp would otherwise re-render the vector
 * at the target size and the softness would be lost.
 */
async function paint(body: string, w: number, h: number, detail: number): Promise<Sharp> {
  // Sharp from about the model's default steps up (upscaling costs as much as painting).
  const scale = 0.04 + 0.96 * Math.min(1, detail / 0.7) ** 2.2
  if (scale > 0.97) return sharp(svgOf(body, w, h), { density: 72 })
  const sw = Math.max(8, Math.round(w * scale))
  const sh = Math.max(8, Math.round(h * scale))
  // Softened while small (cheap), so the upscale shows blur rather than blocks.
  const small = await sharp(svgOf(body, w, h, sw, sh), { density: 72 })
    .blur(0.8)
    .flatten()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return sharp(small.data, { raw: small.info }).resize(w, h, { fit: 'fill', kernel: 'linear' })
}

/** Renders the picture for one request image. Same input → same bytes. */
export async function renderImage(input: RenderInput): Promise<Buffer> {
  const { width: w, height: h } = input
  const model = input.model ?? 'ernie-image-turbo'
  const detail = detailLevel(model, input.steps)
  const punch = guidanceLevel(model, input.guidance)
  const body = STYLES[model](compose(input.prompt, input.seed), { w, h, detail, punch })
  const mark = simulatedMark(w, h)
  const image = (await paint(body, w, h, detail)).composite(mark ? [{ input: mark.svg, gravity: 'southeast' }] : []).removeAlpha()
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
