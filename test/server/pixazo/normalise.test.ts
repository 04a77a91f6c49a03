import { describe, expect, it } from 'vitest'
import { PixazoProtocolError } from '../../../server/pixazo/errors'
import { normaliseStatus } from '../../../server/pixazo/normalise'

const R2 = 'https://pub-582b7213209642b9b995c96c95a30381.r2.dev/v1/ernie-image_1/output.jpeg'

describe('normaliseStatus', () => {
  it('reads the universal COMPLETED object with media_url as an array', () => {
    const s = normaliseStatus({
      request_id: 'ernie-image_1',
      status: 'COMPLETED',
      model_id: 'ernie-image',
      error: null,
      output: { media_url: [R2], media_type: 'image/jpeg' },
    })
    expect(s).toEqual({ state: 'completed', raw: 'COMPLETED', media: [{ url: R2 }], mediaType: 'image/jpeg', queuePosition: null, error: null })
  })

  it('accepts media_url as a plain string and as data URIs', () => {
    expect(normaliseStatus({ status: 'COMPLETED', output: { media_url: R2 } }).media).toEqual([{ url: R2 }])
    const uri = 'data:image/png;base64,iVBORw0KGgo='
    expect(normaliseStatus({ status: 'COMPLETED', output: { media_url: [uri, uri.replace('=', 'A=')] } }).media).toHaveLength(2)
  })

  it('reads QUEUED and PROCESSING with a null output', () => {
    expect(normaliseStatus({ status: 'QUEUED', output: null }).state).toBe('queued')
    expect(normaliseStatus({ status: 'PROCESSING', output: null }).state).toBe('processing')
  })

  it('keeps the vendor message of FAILED and ERROR', () => {
    expect(normaliseStatus({ status: 'FAILED', error: 'Prompt failed safety check. Please refine your input.', output: null })).toMatchObject({
      state: 'failed',
      error: 'Prompt failed safety check. Please refine your input.',
    })
    expect(normaliseStatus({ status: 'ERROR', error: 'Description of the error', output: null })).toMatchObject({
      state: 'error',
      error: 'Description of the error',
    })
  })

  it("reads Z-Image's legacy fal-style vocabulary and images[]", () => {
    expect(normaliseStatus({ status: 'IN_QUEUE', queue_position: 3 })).toMatchObject({ state: 'queued', queuePosition: 3 })
    expect(normaliseStatus({ status: 'IN_PROGRESS' }).state).toBe('processing')
    const done = normaliseStatus({
      status: 'COMPLETED',
      images: [{ url: 'https://storage.pixazo.ai/a.png', width: 1024, height: 768, content_type: 'application/octet-stream' }],
    })
    expect(done.media).toEqual([{ url: 'https://storage.pixazo.ai/a.png', width: 1024, height: 768, contentType: 'application/octet-stream' }])
  })

  it('marks an unknown status word as unknown, keeping the raw word', () => {
    expect(normaliseStatus({ status: 'WARMING_UP' })).toMatchObject({ state: 'unknown', raw: 'WARMING_UP' })
  })

  it('refuses an answer with no status word', () => {
    expect(() => normaliseStatus({ request_id: 'x' })).toThrow(PixazoProtocolError)
    expect(() => normaliseStatus('<html>')).toThrow(PixazoProtocolError)
  })
})
