// Writes generation parameters into an image file without re-encoding it (see shared/image-metadata):
// a PNG iTXt chunk after IHDR; an XMP APP1 segment after JPEG's SOI/APP0; an XMP chunk in WebP (adding
// the VP8X header a simple WebP lacks).
import { crc32 } from 'node:zlib'
import { PNG_KEYWORD, XMP_HEADER, XMP_NS, type EmbeddedParameters } from '../../shared/image-metadata'
import { escapeXml } from '../../shared/xml'

const be32 = (n: number) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])
const le32 = (n: number) => Buffer.from([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255])
const le24 = (n: number) => Buffer.from([n & 255, (n >>> 8) & 255, (n >>> 16) & 255])

function xmpPacket(payload: EmbeddedParameters): string {
  const prompt = typeof payload.params.prompt === 'string' ? payload.params.prompt : ''
  // Rating and tags also in the standard properties photo tools read (xmp:Rating, dc:subject).
  const rating = payload.rating ? `<xmp:Rating>${payload.rating}</xmp:Rating>` : ''
  const tags = payload.tags?.length
    ? `<dc:subject><rdf:Bag>${payload.tags.map((t) => `<rdf:li>${escapeXml(t)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`
    : ''
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:darkroom="${XMP_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` +
    rating +
    tags +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(prompt)}</rdf:li></rdf:Alt></dc:description>` +
    `<darkroom:parameters>${escapeXml(JSON.stringify(payload))}</darkroom:parameters>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  )
}

function png(bytes: Buffer, payload: EmbeddedParameters): Buffer {
  const data = Buffer.concat([Buffer.from(`${PNG_KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from(JSON.stringify(payload), 'utf8')])
  const typed = Buffer.concat([Buffer.from('iTXt', 'latin1'), data])
  const chunk = Buffer.concat([be32(data.length), typed, be32(crc32(typed))])
  const afterIhdr = 8 + 12 + bytes.readUInt32BE(8)
  return Buffer.concat([bytes.subarray(0, afterIhdr), chunk, bytes.subarray(afterIhdr)])
}

function jpeg(bytes: Buffer, payload: EmbeddedParameters): Buffer {
  const body = Buffer.concat([Buffer.from(XMP_HEADER, 'latin1'), Buffer.from(xmpPacket(payload), 'utf8')])
  if (body.length + 2 > 0xffff) throw new Error('Parameters too large for a JPEG XMP segment')
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255]), body])
  // Keep JFIF's APP0 first, as its spec requires.
  const at = bytes[2] === 0xff && bytes[3] === 0xe0 ? 4 + bytes.readUInt16BE(4) : 2
  return Buffer.concat([bytes.subarray(0, at), segment, bytes.subarray(at)])
}

function webp(bytes: Buffer, payload: EmbeddedParameters, size: { width: number; height: number }): Buffer {
  const chunks: Buffer[] = []
  let hasVp8x = false
  for (let i = 12; i + 8 <= bytes.length;) {
    const len = bytes.readUInt32LE(i + 4)
    const end = i + 8 + len + (len % 2)
    const chunk = Buffer.from(bytes.subarray(i, end))
    const type = chunk.toString('latin1', 0, 4)
    if (type === 'VP8X') {
      hasVp8x = true
      chunk[8] = chunk[8]! | 0x04 // XMP present
    }
    if (type !== 'XMP ') chunks.push(chunk)
    i = end
  }
  if (!hasVp8x) {
    const vp8l = chunks[0]?.toString('latin1', 0, 4) === 'VP8L'
    const alpha = vp8l && ((chunks[0]![8 + 4]! >> 4) & 1) === 1 // VP8L header: alpha_is_used bit
    const flags = 0x04 | (alpha ? 0x10 : 0)
    chunks.unshift(
      Buffer.concat([Buffer.from('VP8X', 'latin1'), le32(10), Buffer.from([flags, 0, 0, 0]), le24(size.width - 1), le24(size.height - 1)]),
    )
  }
  const xmp = Buffer.from(xmpPacket(payload), 'utf8')
  chunks.push(Buffer.concat([Buffer.from('XMP ', 'latin1'), le32(xmp.length), xmp, xmp.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]))
  const body = Buffer.concat(chunks)
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), le32(body.length + 4), Buffer.from('WEBP', 'latin1'), body])
}

export function embedParameters(bytes: Buffer, mimeType: string, payload: EmbeddedParameters, size: { width: number; height: number }): Buffer {
  if (mimeType === 'image/png') return png(bytes, payload)
  if (mimeType === 'image/jpeg') return jpeg(bytes, payload)
  if (mimeType === 'image/webp') return webp(bytes, payload, size)
  return bytes
}
