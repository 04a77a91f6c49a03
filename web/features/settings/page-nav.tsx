import { Link } from '../../components/ui/link'
import { cn } from '../../lib/cn'
import { useLocation } from '../../lib/navigation'

const PAGES = [
  { href: '/', label: 'Playground', active: (p: string) => p === '/' },
  { href: '/gallery', label: 'Gallery', active: (p: string) => p.startsWith('/gallery') },
  { href: '/compare', label: 'Compare', active: (p: string) => p.startsWith('/compare') },
  { href: '/spend', label: 'Spend', active: (p: string) => p.startsWith('/spend') },
]

/** The app's pages; on a phone a full-width row of its own under the name. */
export function PageNav({ className }: { className?: string }) {
  const { pathname } = useLocation()
  return (
    <nav aria-label="Pages" className={cn('flex gap-1', className)}>
      {PAGES.map((page) => (
        <Link
          key={page.href}
          href={page.href}
          aria-current={page.active(pathname) ? 'page' : undefined}
          className={cn(
            'flex-1 rounded-md px-2 py-1.5 text-center text-sm text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring sm:px-3 md:flex-none',
            'aria-[current=page]:bg-accent aria-[current=page]:font-medium aria-[current=page]:text-foreground',
          )}
        >
          {page.label}
        </Link>
      ))}
    </nav>
  )
}
