import { useMutation } from '@tanstack/react-query'
import { imageMutations } from '../../queries/images'
import { showToast } from '../ui/toast'

const count = (n: number) => `${n} image${n === 1 ? '' : 's'}`

/**
 * Deletes at once and offers Undo for as long as the server keeps the files (its `undoUntil`);
 * after that they are gone for good. Promises, not mutate callbacks, so the toast still comes when
 * the lightbox that asked has closed meanwhile.
 */
export function useDeleteImages() {
  const remove = useMutation(imageMutations.bulk())
  const restore = useMutation(imageMutations.bulk())
  const undo = (ids: string[]) =>
    restore.mutateAsync({ action: 'restore', ids }).then(
      (r) => showToast({ message: `Restored ${count(r.affected)}.` }),
      (e: Error) => showToast({ message: `Could not restore: ${e.message}`, tone: 'destructive' }),
    )
  return {
    isPending: remove.isPending,
    remove: (ids: string[]) =>
      remove.mutateAsync({ action: 'delete', ids }).then(
        ({ affected, undoUntil }) => {
          showToast({
            message: `Deleted ${count(affected)}.`,
            until: undoUntil ?? undefined,
            action: { label: 'Undo', onClick: () => void undo(ids) },
          })
          return true
        },
        (e: Error) => {
          showToast({ message: `Could not delete: ${e.message}`, tone: 'destructive' })
          return false
        },
      ),
  }
}
