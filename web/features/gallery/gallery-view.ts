// The gallery's view lives in the URL (`/gallery?q=model:z-image+fav&sort=oldest`), so a link
// shares it and the search box and the filter controls edit one and the same query.
import { formatGalleryQuery, parseGalleryQuery, type GalleryFilter } from '../../../shared/gallery-query'
import type { GalleryView } from '../../queries/images'
import { navigate, useLocation } from '../../lib/navigation'

export const galleryHref = ({ q, sort }: Partial<GalleryView>) => {
  const search = new URLSearchParams()
  if (q?.trim()) search.set('q', q.trim())
  if (sort && sort !== 'newest') search.set('sort', sort)
  const text = search.toString()
  return `/gallery${text ? `?${text}` : ''}`
}

export function useGalleryView() {
  const { search } = useLocation()
  const view: GalleryView = { q: search.get('q') ?? '', sort: search.get('sort') === 'oldest' ? 'oldest' : 'newest' }
  const go = (next: Partial<GalleryView>) => {
    navigate(galleryHref({ ...view, ...next }), { replace: true })
    // A new view starts at its top, not at the depth the old one was scrolled to.
    if (window.scrollY > 0) window.scrollTo({ top: 0 })
  }
  return {
    view,
    filter: parseGalleryQuery(view.q).filter,
    setQuery: (q: string) => go({ q }),
    setFilter: (filter: GalleryFilter) => go({ q: formatGalleryQuery(filter) }),
    setSort: (sort: GalleryView['sort']) => go({ sort }),
  }
}
