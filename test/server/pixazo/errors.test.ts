import { describe, expect, it } from 'vitest'
import { describeUpstreamError, PixazoHttpError, PixazoNetworkError, vendorMessageOf } from '../../../server/pixazo/errors'

describe('upstream error messages', () => {
  it('keeps the most specific words the vendor sent', () => {
    expect(vendorMessageOf({ error: 'Invalid parameter: prompt is required' }, 'x')).toBe('Invalid parameter: prompt is required')
    expect(vendorMessageOf({ statusCode: 401, message: 'Access denied due to invalid subscription key.' }, 'x')).toBe(
      'Access denied due to invalid subscription key.',
    )
    expect(vendorMessageOf({ error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' }, 'x')).toBe(
      'Insufficient Balance: Your wallet does not have enough balance.',
    )
    expect(vendorMessageOf('', 'HTTP 502')).toBe('HTTP 502')
  })

  it('tells the user what to do for each kind of failure', () => {
    expect(describeUpstreamError(new PixazoHttpError(402, 'Insufficient Balance', null)).action).toMatch(/balance is too low/)
    expect(describeUpstreamError(new PixazoHttpError(401, 'Access denied', null)).action).toMatch(/key is wrong/)
    expect(describeUpstreamError(new PixazoHttpError(429, 'Rate limit is exceeded', 60)).action).toMatch(/rate-limiting/)
    expect(describeUpstreamError(new PixazoHttpError(503, 'Service Unavailable', null)).action).toMatch(/server error/)
    expect(describeUpstreamError(new PixazoHttpError(400, 'Invalid parameter: prompt is required', null))).toEqual({
      code: 'http_400',
      message: 'Invalid parameter: prompt is required',
      action: expect.stringMatching(/Adjust/),
    })
    expect(describeUpstreamError(new PixazoNetworkError('POST /x: ECONNREFUSED', true)).action).toMatch(/Could not reach Pixazo/)
  })
})
