// The tabs as hash routes (#/for-you, #/following, #/lab, #/inspectors): bookmarkable, no server routes.
import { signal } from '@preact/signals'

export const ROUTES = [
  { id: 'for-you', label: 'For you' },
  { id: 'following', label: 'Following' },
  { id: 'lab', label: 'Model lab' },
  { id: 'inspectors', label: 'Inspectors' },
] as const
export type RouteId = (typeof ROUTES)[number]['id']

function parse(): RouteId {
  const id = location.hash.replace(/^#\/?/, '')
  return ROUTES.find((r) => r.id === id)?.id ?? 'for-you'
}

export const route = signal<RouteId>(parse())
addEventListener('hashchange', () => {
  route.value = parse()
})
