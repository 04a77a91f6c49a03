import { imagesCostUsd } from '../../../shared/catalogue'
import { formatUsd } from '../../lib/format'

type CostEstimateProps = {
  modelName: string
  pricePerImageUsd: number | null
  /** NaN while the images field holds no valid number. */
  numImages: number
}

/** What one click will cost, before it is clicked. */
export function CostEstimate({ modelName, pricePerImageUsd, numImages }: CostEstimateProps) {
  const count = Number.isInteger(numImages) && numImages > 0 ? numImages : null
  const images = count === null ? '' : `${count} image${count === 1 ? '' : 's'}`
  return (
    <div className="min-w-0 text-sm" aria-live="polite">
      <div className="text-xs text-muted-foreground">Estimated cost</div>
      {pricePerImageUsd === null ? (
        <div title={`No public source states Pixazo's price for ${modelName}.`}>
          <span className="font-medium">Price unknown</span>
          <span className="text-muted-foreground"> · {images || modelName}</span>
        </div>
      ) : (
        <div>
          <span className="font-semibold tabular-nums">{count === null ? '—' : formatUsd(imagesCostUsd(count, pricePerImageUsd))}</span>
          <span className="text-muted-foreground">
            {' '}
            · {count === null ? '' : `${count} × `}
            {formatUsd(pricePerImageUsd)}
          </span>
        </div>
      )}
    </div>
  )
}
