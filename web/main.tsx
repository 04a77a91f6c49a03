import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiError } from './queries/client'
import { App } from './app'
import { preloadLightbox } from './components/lightbox/lazy-lightbox'
import { preloadAllPages } from './routes/router'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A 4xx will not change on retry; network blips and 5xx get a couple more tries.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)

// The other pages' code, fetched when the browser has nothing better to do.
const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 2000))
whenIdle(() => {
  preloadAllPages()
  preloadLightbox()
})
