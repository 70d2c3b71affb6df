// The app shell: top bar, tabs (For you, Following, Model lab, Inspectors), the status line and the view.
// The system health panel (index.html's table, filled by main.ts) stays below in a status area.

import { FollowingView } from '../feed/following-view'
import { ForYouView } from '../feed/for-you-view'
import { FeedInspector } from '../inspectors/feed-inspector'
import { GroxMonitor } from '../inspectors/grox-monitor'
import { LabView } from '../lab/lab-view'
import { ROUTES, route } from './route'
import { StatusLine } from './status-line'

function View() {
  switch (route.value) {
    case 'for-you':
      return <ForYouView />
    case 'following':
      return <FollowingView />
    case 'lab':
      return <LabView />
    case 'inspectors':
      return (
        <>
          <FeedInspector />
          <GroxMonitor />
        </>
      )
  }
}

export function App() {
  const current = route.value
  return (
    <>
      <header class="top-bar">
        <h1>For You Edge</h1>
        <nav aria-label="Sections">
          <ul class="tabs">
            {ROUTES.map((r) => (
              <li key={r.id}>
                <a id={`tab-${r.id}`} href={`#/${r.id}`} aria-current={current === r.id ? 'page' : undefined}>
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <StatusLine />
      <main id="main" data-route={current}>
        <View />
      </main>
    </>
  )
}
