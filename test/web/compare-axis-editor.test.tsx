import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import type { AxisParam } from '../../shared/compare-axes'
import { AxisEditor } from '../../web/features/compare/axis-editor'
import type { AxisDraft } from '../../web/features/compare/editor-draft'

function Harness({ initial, taken = [] }: { initial: AxisDraft; taken?: AxisParam[] }) {
  const [value, setValue] = useState(initial)
  return (
    <>
      <AxisEditor axisKey="y" value={value} taken={taken} onChange={setValue} />
      <output aria-label="text">{value.text}</output>
    </>
  )
}

const setup = (initial: AxisDraft, taken?: AxisParam[]) => {
  const user = userEvent.setup()
  render(<Harness initial={initial} taken={taken} />)
  return user
}

describe('axis editor', () => {
  it('reads a range as it is typed and shows the values it makes', async () => {
    const user = setup({ param: 'num_inference_steps', text: '' })
    await user.type(screen.getByRole('textbox', { name: 'Y values' }), '4-12 (+4)')
    const read = screen.getByLabelText('Y values read')
    expect(read).toHaveTextContent('3 values:')
    expect(
      within(read)
        .getAllByText(/^\d+$/)
        .map((e) => e.textContent),
    ).toEqual(['4', '8', '12'])
  })

  it('spreads a [count] range and shows floats for guidance', async () => {
    const user = setup({ param: 'guidance_scale', text: '' })
    await user.type(screen.getByRole('textbox', { name: 'Y values' }), '1-2 [[3]')
    expect(screen.getByLabelText('Y values read')).toHaveTextContent('3 values:11.52')
  })

  it('says what is wrong with bad syntax, next to the axis', async () => {
    const user = setup({ param: 'num_inference_steps', text: '' })
    const input = screen.getByRole('textbox', { name: 'Y values' })
    await user.type(input, '4-')
    expect(screen.getByText(/"4-" is not a number or a range/)).toBeInTheDocument()
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByLabelText('Y values read')).not.toBeInTheDocument()
  })

  it('offers choices as chips, all picked at first, and writes the picked ones back as text', async () => {
    const user = setup({ param: '', text: '' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Y axis' }), 'Model')
    const chips = within(screen.getByRole('group', { name: 'Model values' })).getAllByRole('button')
    expect(chips.map((c) => [c.textContent, c.getAttribute('aria-pressed')])).toEqual([
      ['ERNIE Image Turbo', 'true'],
      ['ERNIE Image 1.0', 'true'],
      ['Z-Image Turbo', 'true'],
    ])
    await user.click(screen.getByRole('button', { name: 'ERNIE Image 1.0' }))
    expect(screen.getByRole('button', { name: 'ERNIE Image 1.0' })).toHaveAttribute('aria-pressed', 'false')
    expect(screen.getByLabelText('text')).toHaveTextContent('ernie-image-turbo, z-image-turbo')
  })

  it('takes one prompt per line, commas and all', async () => {
    const user = setup({ param: 'prompt', text: '' })
    await user.type(screen.getByRole('textbox', { name: 'Y values' }), 'a fox, in snow{Enter}a heron, at dawn')
    expect(screen.getByLabelText('Y values read')).toHaveTextContent('2 values:a fox, in snowa heron, at dawn')
  })

  it('does not offer a parameter already on another axis', () => {
    setup({ param: '', text: '' }, ['model'])
    expect(screen.getByRole('option', { name: 'Model' })).toBeDisabled()
    expect(screen.getByRole('option', { name: 'Steps' })).toBeEnabled()
  })
})
