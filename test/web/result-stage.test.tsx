import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../shared/api'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { ResultStage } from '../../web/features/jobs/result-stage'
import { useLiveServer } from './live-server'
import { renderWithQuery } from './render'

// Demo mode: the built-in simulator takes about two seconds a job, so the running job can be seen.
const live = useLiveServer()
const stageImages = () => within(screen.getByRole('list', { name: 'Result images' })).getAllByTestId('stage-image')
const jobs = async () => (await live.json<{ items: Job[] }>('/api/jobs')).items

async function generate(user: ReturnType<typeof renderWithQuery>['user'], prompt: string, size: string) {
  await user.selectOptions(screen.getByRole('combobox', { name: 'Image size' }), size)
  await user.clear(screen.getByRole('textbox', { name: 'Prompt' }))
  await user.type(screen.getByRole('textbox', { name: 'Prompt' }), prompt)
  await user.click(screen.getByRole('button', { name: 'Generate' }))
}

describe('result stage', () => {
  it('shows the running job, then its images large in their own shape, without a click', async () => {
    const { user } = renderWithQuery(
      <>
        <GenerateForm />
        <ResultStage />
      </>,
    )
    expect(await screen.findByText('Your result appears here', {})).toBeInTheDocument()

    await generate(user, 'a wide harbour at noon', 'landscape_16_9')
    // While it runs: its state and a progress bar (no usual time yet: nothing of this model finished).
    const progress = await screen.findByRole('progressbar', { name: 'ERNIE Image Turbo job progress' })
    expect(progress.getAttribute('aria-valuetext')).toMatch(/elapsed$/)
    await waitFor(() => expect(stageImages()).toHaveLength(1))
    const wide = stageImages()[0]!
    expect(wide).toHaveAttribute('width', '1024')
    expect(wide).toHaveAttribute('height', '576')
    expect(wide.style.aspectRatio).toBe('1024 / 576')
    expect(wide).toHaveAttribute('src', expect.stringMatching(/\/api\/images\/.+\/file$/))

    await generate(user, 'a tall tower at dusk', 'portrait_4_3')
    // The second run is measured against the first: "of about … (typical for ERNIE Image Turbo)".
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toMatch(/of a typical/))
    await waitFor(() => expect(stageImages()[0]).toHaveAttribute('height', '1024'))
    expect(stageImages()[0]).toHaveAttribute('width', '768')
    expect(stageImages()[0]!.style.aspectRatio).toBe('768 / 1024')
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  })

  it('re-rolls: the same settings with a new seed, sent at once', async () => {
    const { user } = renderWithQuery(<ResultStage />)
    await waitFor(() => expect(stageImages()).toHaveLength(1))
    const [before] = await jobs()
    await user.click(screen.getByRole('button', { name: 'Re-roll' }))
    await expect.poll(async () => (await jobs())[0]!.id).not.toBe(before!.id)
    const [after] = await jobs()
    const { seed: _a, ...same } = before!.params
    const { seed: _b, ...rolled } = after!.params
    expect(rolled).toEqual(same)
    expect(after!.seed).not.toBe(before!.seed)
    // And the stage moves on to it by itself.
    await waitFor(() => expect(screen.getByText(`· seed ${after!.seed}`, { exact: false })).toBeInTheDocument())
  })

  it('favourites the image on the stage, on the server too', async () => {
    const { user } = renderWithQuery(<ResultStage />)
    await waitFor(() => expect(stageImages()).toHaveLength(1))
    const star = screen.getByRole('button', { name: 'Favourite' })
    expect(star).toHaveAttribute('aria-pressed', 'false')
    await user.click(star)
    await waitFor(() => expect(screen.getByRole('button', { name: 'Favourite' })).toHaveAttribute('aria-pressed', 'true'))
    const [latest] = await jobs()
    expect(latest!.images[0]!.favourite).toBe(true)
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', latest!.images[0]!.downloadUrl)
  })
})
