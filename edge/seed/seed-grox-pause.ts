// Grox (content labels, post embeddings: edge/grox) holds its released tasks while a world is seeded. Every
// seeded post asks Grox for several plans, and on a small machine those tasks compete with the seed's own
// writes for the same cores. The dispatcher keeps the tasks (POST /v1/admin/grox/drain) and releases them
// once the posts are in: the seed counts as done when the post store holds the posts and the consumer has applied them; labels and
// embeddings follow in the background. The pause is a stored flag, so a seeder killed mid-way leaves it
// on: `npm start` resumes Grox whenever it does not seed (edge/dev/start.ts).
import { type Fetcher, request } from './seed-http'

export async function setGroxDrain(
  fetcher: Fetcher,
  root: string,
  adminToken: string,
  drain: boolean,
): Promise<void> {
  await request(fetcher, 'POST', `${root}/v1/admin/grox/drain`, adminToken, { drain })
}

/** Runs `work` with Grox's task releases paused, and resumes them afterwards, whether `work` failed or not. */
export async function withGroxPaused<T>(
  fetcher: Fetcher,
  root: string,
  adminToken: string,
  work: () => Promise<T>,
): Promise<T> {
  await setGroxDrain(fetcher, root, adminToken, true)
  try {
    return await work()
  } finally {
    await setGroxDrain(fetcher, root, adminToken, false)
  }
}
