// Grox's safety labels in post core data: the `labels` column of a post row holds JSON
// {source: [label, …]}, one list per producing Grox task. Setting a source replaces its list, so a write is
// idempotent (a redelivered task writes the same list) and a later verdict of the same source can remove
// what it set before (the PTOS adult-content recheck coming back clean). A post's labels are the union.

export interface PostLabelUpdate {
  postId: string
  /** The producing task, e.g. "safety_ptos", "upa_action", "reply_spam". */
  source: string
  labels: string[]
}

type LabelColumn = Record<string, string[]>

function parse(json: string | null): LabelColumn {
  if (!json) return {}
  try {
    const v = JSON.parse(json) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as LabelColumn) : {}
  } catch {
    return {}
  }
}

/** Applies the updates; answers one boolean per update: whether the post exists here. */
export function setPostLabels(sql: SqlStorage, updates: readonly PostLabelUpdate[]): boolean[] {
  return updates.map((u) => {
    const row = sql
      .exec<{ labels: string | null }>('SELECT labels FROM posts WHERE id = ?', u.postId)
      .toArray()[0]
    if (!row) return false
    const column = parse(row.labels)
    if (u.labels.length === 0) delete column[u.source]
    else column[u.source] = [...new Set(u.labels)].sort()
    sql.exec('UPDATE posts SET labels = ? WHERE id = ?', JSON.stringify(column), u.postId)
    return true
  })
}

/** The union of every source's labels per post (posts without labels are absent). */
export function postLabels(sql: SqlStorage, ids: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const id of ids) {
    const row = sql.exec<{ labels: string | null }>('SELECT labels FROM posts WHERE id = ?', id).toArray()[0]
    const all = [...new Set(Object.values(parse(row?.labels ?? null)).flat())].sort()
    if (all.length > 0) out[id] = all
  }
  return out
}
