import { GenerateForm } from './features/generate/generate-form'
import { Gallery } from './features/gallery/gallery'
import { JobList } from './features/jobs/job-list'
import { AppHeader } from './features/settings/app-header'

export function App() {
  return (
    <div className="min-h-dvh">
      <AppHeader />
      <main className="mx-auto grid max-w-[1600px] gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[26rem_minmax(0,1fr)] lg:items-start">
        <div className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto lg:rounded-xl [scrollbar-width:thin]">
          <GenerateForm />
        </div>
        <div className="grid min-w-0 gap-6">
          <JobList />
          <Gallery />
        </div>
      </main>
    </div>
  )
}
