import { Router } from './routes/router'

/** The whole app: the router picks the page for the address (web/routes/). */
export function App() {
  return <Router />
}
