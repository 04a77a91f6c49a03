import { RouterProvider } from '@tanstack/react-router'
import { useState } from 'react'
import { createAppRouter } from './routes/router'

/** The whole app: the router picks the page for the address (web/routes/). */
export function App() {
  const [router] = useState(createAppRouter)
  return <RouterProvider router={router} />
}
