/** Starts a download the browser streams to disk, without leaving the page. */
export function download(url: string) {
  const a = document.createElement('a')
  a.href = url
  a.download = ''
  document.body.append(a)
  a.click()
  a.remove()
}
