// Generation parameters carried inside image files, so a downloaded image explains itself and can be
// dropped on the form to restore its settings. PNG: an iTXt chunk "darkroom"; JPEG and WebP: XMP with
// a darkroom:parameters element. This module reads them (browser and server); server/images writes them.
import { z } from 'zod'
import { MODEL_IDS } from './catalogue'

export const PNG_KEYWORD = 'darkroom'
export const XMP_NS = 'https://darkroom.dev/ns/1.0/'
export const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0'

export const embeddedParametersSchema = z.object({
  app: z.literal('darkroom'),
  model: z.enum(MODEL_IDS),
  params: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  /** 1–5 stars (also written as xmp:Rating in XMP), null when unrated. */
  rating: z.number().int().nullable().optional(),
  /** Free tags (also written as dc:subject in XMP). */
  tags: z.array(z.string()).optional(),
})
export type EmbeddedParameters = z.infer<typeof embeddedParametersSchema>

const utf8 = new TextDecoder()
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to))
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0
const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" }
const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (e) => XML_ENTITIES[e]!)

function fromXmp(xmp: string): string | null {
  const m = /<darkroom:parameters>([\s\S]*?)<\/darkroom:parameters>/.exec(xmp)
  return m ? unescapeXml(m[1]!) : null
}

function pngText(b: Uint8Array): string | null {
  for (let i = 8; i + 8 <= b.length;) {
    const len = u32be(b, i)
    const type = ascii(b, i + 4, i + 8)
    const data = b.subarray(i + 8, i + 8 + len)
    if ((type === 'iTXt' || type === 'tEXt') && ascii(data, 0, PNG_KEYWORD.length + 1) === `${PNG_KEYWORD}\0`) {
      let at = PNG_KEYWORD.length + 1
      if (type === 'iTXt') {
        if (data[at] !== 0) return null // compressed text: never written by us
        at += 2
        at = data.indexOf(0, at) + 1 // language tag
        at = data.indexOf(0, at) + 1 // translated keyword
      }
      return utf8.decode(data.subarray(at))
    }
    if (type === 'IEND') break
    i += 12 + len
  }
  return null
}

function jpegText(b: Uint8Array): string | null {
  for (let i = 2; i + 4 <= b.length && b[i] === 0xff;) {
    const marker = b[i + 1]!
    if (marker === 0xda || marker === 0xd9) break // image data starts: no more metadata
    const len = (b[i + 2]! << 8) | b[i + 3]!
    if (marker === 0xe1 && ascii(b, i + 4, i + 4 + XMP_HEADER.length) === XMP_HEADER) {
      return fromXmp(utf8.decode(b.subarray(i + 4 + XMP_HEADER.length, i + 2 + len)))
    }
    i += 2 + len
  }
  return null
}

function webpText(b: Uint8Array): string | null {
  for (let i = 12; i + 8 <= b.length;) {
    const len = u32le(b, i + 4)
    if (ascii(b, i, i + 4) === 'XMP ') return fromXmp(utf8.decode(b.subarray(i + 8, i + 8 + len)))
    i += 8 + len + (len % 2)
  }
  return null
}

/** The parameters an image file carries, or null when it carries none of ours. */
export function readEmbeddedParameters(bytes: Uint8Array): EmbeddedParameters | null {
  let text: string | null = null
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG') text = pngText(bytes)
  else if (bytes[0] === 0xff && bytes[1] === 0xd8) text = jpegText(bytes)
  else if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') text = webpText(bytes)
  if (!text) return null
  try {
    const parsed = embeddedParametersSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
