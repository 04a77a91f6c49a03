// The theme before the first paint (no flash of the wrong one): the saved choice, else the system's.
// A file, not an inline script, because the server's Content-Security-Policy allows only 'self'.
// web/lib/theme.ts keeps it current afterwards.
try {
  var choice = localStorage.getItem('darkroom:theme')
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.dataset.theme = dark ? 'dark' : 'light'
} catch {
  document.documentElement.dataset.theme = 'dark'
}
