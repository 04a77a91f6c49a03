import { describe, expect, it } from 'vitest'
import { detectFormat, formatLineError, parsePromptFile } from '../../shared/prompt-file'

describe('a batch from a file', () => {
  it('reads one prompt per line, skipping blank lines and # comments, on top of the form settings', () => {
    const parsed = parsePromptFile('a fox\n\n# not this\n  an owl  \r\n', 'lines', 'z-image-turbo', { num_inference_steps: 4, prompt: '' })
    expect(parsed.ok && parsed.rows.map((r) => [r.prompt, r.num_inference_steps])).toEqual([
      ['a fox', 4],
      ['an owl', 4],
    ])
  })

  it('reads CSV with a header of parameters, quoted commas, sizes and switches', () => {
    const text = 'prompt,num_inference_steps,image_size,enable_safety_checker\n"a fox, in snow",6,640x480,no\nan owl,,square_hd,true\n'
    const parsed = parsePromptFile(text, 'csv', 'z-image-turbo', { num_inference_steps: 8 })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.rows[0]).toMatchObject({
      prompt: 'a fox, in snow',
      num_inference_steps: 6,
      image_size: { width: 640, height: 480 },
      enable_safety_checker: false,
    })
    expect(parsed.rows[1]).toMatchObject({ prompt: 'an owl', num_inference_steps: 8, image_size: 'square_hd', enable_safety_checker: true })
  })

  it('reads JSONL objects', () => {
    const parsed = parsePromptFile('{"prompt":"a fox","seed":5}\n{"prompt":"an owl","num_images":2}', 'jsonl', 'ernie-image-turbo')
    expect(parsed.ok && parsed.rows.map((r) => [r.prompt, r.seed, r.num_images])).toEqual([
      ['a fox', 5, 1],
      ['an owl', undefined, 2],
    ])
  })

  it('reports every bad row by line, naming the field and the limit', () => {
    const text = 'prompt,num_inference_steps\na fox,6\nan owl,30\n,4\n"open quote,2\nx,1,2'
    const parsed = parsePromptFile(text, 'csv', 'z-image-turbo')
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors.map(formatLineError)).toEqual([
      'Line 5, line: has a quote that is not closed',
      'Line 6, line: has 3 fields; the header has 2',
    ])
    const second = parsePromptFile('prompt,num_inference_steps\na fox,6\nan owl,30\n,4', 'csv', 'z-image-turbo')
    expect(!second.ok && second.errors.map(formatLineError)).toEqual([
      'Line 3, num_inference_steps: Steps must be between 1 and 8',
      'Line 4, prompt: Prompt is required',
    ])
  })

  it('names an unknown column, bad JSON, and an empty or too long file', () => {
    const csv = parsePromptFile('prompt,sampler\na,b', 'csv', 'z-image-turbo')
    expect(!csv.ok && csv.errors).toEqual([{ line: 1, field: 'sampler', message: 'is not a parameter of Z-Image Turbo' }])
    const json = parsePromptFile('{"prompt":"a"}\n{oops}\n[1]', 'jsonl', 'z-image-turbo')
    expect(!json.ok && json.errors.map(formatLineError)).toEqual([
      'Line 2, line: is not valid JSON',
      'Line 3, line: must be a JSON object like {"prompt": "…"}',
    ])
    const empty = parsePromptFile('\n# only a comment\n', 'lines', 'z-image-turbo')
    expect(!empty.ok && empty.errors.map(formatLineError)).toEqual(['The file has no prompts'])
    const many = parsePromptFile(Array.from({ length: 1001 }, (_, i) => `p${i}`).join('\n'), 'lines', 'z-image-turbo')
    expect(!many.ok && many.errors.map(formatLineError)).toEqual(['The file has 1001 rows; at most 1000 can run at once'])
  })

  it('guesses the format from the first line', () => {
    expect(detectFormat('{"prompt":"a"}')).toBe('jsonl')
    expect(detectFormat('prompt,seed\na,1')).toBe('csv')
    expect(detectFormat('# comment\nseed,prompt\n1,a')).toBe('csv')
    expect(detectFormat('a fox, in snow\nan owl')).toBe('lines')
  })
})
