import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { imageMutations } from '../../queries/images'
import { Button } from '../../components/ui/button'

/** Delete with a confirmation step: the file is removed from disk and cannot come back. */
export function DeleteImage({ imageId, onDeleted }: { imageId: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false)
  const remove = useMutation(imageMutations.delete())

  if (!confirming) {
    return (
      <Button variant="outline" className="text-destructive hover:text-destructive" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    )
  }
  return (
    <div role="group" aria-label="Confirm delete" className="grid gap-2 rounded-lg border border-destructive/40 bg-destructive/10 p-3">
      <p className="text-sm">Delete this image from disk? This cannot be undone.</p>
      <div className="flex gap-2">
        <Button
          variant="destructive"
          size="sm"
          disabled={remove.isPending}
          onClick={() => remove.mutate(imageId, { onSuccess: onDeleted })}
        >
          Delete image
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {remove.isError && (
        <p role="alert" className="text-xs text-destructive">
          Could not delete: {remove.error.message}
        </p>
      )}
    </div>
  )
}
