// STORAGE_URL and the standard AWS variables, as parseEnv reads them.
import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../../server/env'

const base = { DATA_DIR: '/tmp/darkroom-settings' }

describe('STORAGE_URL', () => {
  it('is unset by default: images stay in DATA_DIR', () => {
    expect(parseEnv(base).storage).toBeUndefined()
  })

  it('names a bucket and a prefix, with the endpoint, region and keys from the AWS variables', () => {
    const env = parseEnv({
      ...base,
      STORAGE_URL: 's3://team-images/darkroom/prod/',
      AWS_ENDPOINT_URL_S3: 'https://garage.example:3900/',
      AWS_REGION: 'garage',
      AWS_ACCESS_KEY_ID: 'GK1234',
      AWS_SECRET_ACCESS_KEY: 'secret-5678',
    })
    expect(env.storage).toEqual({
      bucket: 'team-images',
      prefix: 'darkroom/prod',
      region: 'garage',
      endpoint: 'https://garage.example:3900',
      credentials: { accessKeyId: 'GK1234', secretAccessKey: 'secret-5678', sessionToken: undefined },
    })
  })

  it('defaults to the bucket root, us-east-1 and the SDK credential chain', () => {
    expect(parseEnv({ ...base, STORAGE_URL: 's3://images' }).storage).toEqual({
      bucket: 'images',
      prefix: '',
      region: 'us-east-1',
      endpoint: undefined,
      credentials: undefined,
    })
  })

  it.each([
    '/srv/images',
    'https://bucket.s3.amazonaws.com/x',
    's3:///images',
    's3://Upper/x',
    's3://ab',
    's3://key:secret@bucket/x',
    's3://bucket/a b',
  ])('refuses %s, naming the variable and the form, without echoing it', (value) => {
    let message = ''
    try {
      parseEnv({ ...base, STORAGE_URL: value })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('STORAGE_URL must look like s3://bucket/prefix')
    expect(message).not.toContain(value)
  })

  it('refuses an endpoint that is not an http(s) URL, and one AWS key without the other', () => {
    expect(() => parseEnv({ ...base, STORAGE_URL: 's3://images', AWS_ENDPOINT_URL_S3: 'garage:3900' })).toThrow(
      'AWS_ENDPOINT_URL_S3 must be an http(s) URL such as https://s3.example.com',
    )
    expect(() => parseEnv({ ...base, STORAGE_URL: 's3://images', AWS_ACCESS_KEY_ID: 'GK1234' })).toThrow(
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together',
    )
  })
})
