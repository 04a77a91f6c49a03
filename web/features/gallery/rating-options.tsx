/** The choices of a "rate these" select: a placeholder, five to one star, and clearing the rating. */
export function RatingOptions({ placeholder }: { placeholder: string }) {
  return (
    <>
      <option value="">{placeholder}</option>
      {[5, 4, 3, 2, 1].map((r) => (
        <option key={r} value={r}>
          {'★'.repeat(r)}
        </option>
      ))}
      <option value="none">Clear rating</option>
    </>
  )
}
