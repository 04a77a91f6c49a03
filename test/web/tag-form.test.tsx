// The "tag these" form shared by the selection bar and the all-matching bar: the tag is normalised and
// checked by the shared rules while it is typed, and only a valid one reaches the caller.
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { TagForm } from '../../web/features/gallery/tag-form'

function renderForm(props: { button?: string; disabled?: boolean; clearOnTag?: boolean }) {
  const tagged: string[] = []
  const user = userEvent.setup()
  render(
    <TagForm
      label="Tag selected"
      placeholder="Tag…"
      button={props.button}
      disabled={props.disabled}
      onTag={(tag, clear) => {
        tagged.push(tag)
        if (props.clearOnTag) clear()
      }}
    />,
  )
  return { tagged, user, input: screen.getByRole('textbox', { name: 'Tag selected' }) }
}

describe('TagForm', () => {
  it('sends the normalised tag on Enter and empties the input when the caller clears it', async () => {
    const { tagged, user, input } = renderForm({ clearOnTag: true })
    await user.type(input, '  Blue   Hour {Enter}')
    expect(tagged).toEqual(['blue hour'])
    expect(input).toHaveValue('')
  })

  it('keeps the text when the caller does not clear it', async () => {
    const { tagged, user, input } = renderForm({ button: 'Tag all 3' })
    await user.type(input, 'fox')
    await user.click(screen.getByRole('button', { name: 'Tag all 3' }))
    expect(tagged).toEqual(['fox'])
    expect(input).toHaveValue('fox')
  })

  it('marks a bad tag on the input with the reason and sends nothing', async () => {
    const { tagged, user, input } = renderForm({ button: 'Tag all 3' })
    await user.type(input, 'no/slashes{Enter}')
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveAttribute('title', 'tags may hold only letters a–z, digits, spaces, _ and -')
    expect(screen.getByRole('button', { name: 'Tag all 3' })).toBeDisabled()
    expect(tagged).toEqual([])
  })

  it('sends nothing while disabled or empty, though the input can still be edited', async () => {
    const { tagged, user, input } = renderForm({ button: 'Tag all 0', disabled: true })
    await user.type(input, '{Enter}')
    await user.type(input, 'owl{Enter}')
    expect(input).toHaveValue('owl')
    expect(input).not.toHaveAttribute('aria-invalid')
    expect(screen.getByRole('button', { name: 'Tag all 0' })).toBeDisabled()
    expect(tagged).toEqual([])
  })
})
