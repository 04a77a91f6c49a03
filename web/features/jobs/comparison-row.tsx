import { buttonVariants } from '../../components/ui/button'
import { Badge } from '../../components/ui/badge'
import { Link } from '../../components/ui/link'
import { groupCounts, type ComparisonGroup } from './job-groups'

/** A comparison's cells as one row, linking to its grid. */
export function ComparisonRow({ group }: { group: ComparisonGroup }) {
  const { done, running, failed } = groupCounts(group.jobs)
  const n = group.jobs.length
  const thumbs = group.jobs.flatMap((job) => job.images.slice(0, 1)).slice(0, 6)
  return (
    <li className="grid gap-2 px-5 py-3.5" data-kind="comparison">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge variant={running > 0 ? 'info' : failed > 0 ? 'destructive' : 'success'}>
          <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
          Comparison
        </Badge>
        <span className="text-sm font-medium">
          {n} cell{n === 1 ? '' : 's'}
        </span>
        <span className="text-xs text-muted-foreground">
          {done} done{running > 0 ? ` · ${running} running` : ''}
          {failed > 0 ? ` · ${failed} failed` : ''}
        </span>
        <Link href={`/compare/${group.comparisonId}`} className={buttonVariants({ variant: 'ghost', size: 'sm', className: 'ml-auto' })}>
          Open the grid →
        </Link>
      </div>
      <p className="truncate text-sm text-foreground/90" title={group.jobs[0]!.prompt}>
        {group.jobs[0]!.prompt}
      </p>
      {thumbs.length > 0 && (
        <span className="flex gap-1">
          {thumbs.map((image) => (
            <img key={image.id} src={image.thumbUrl} alt="" width={28} height={28} className="size-7 rounded object-cover" />
          ))}
        </span>
      )}
    </li>
  )
}
