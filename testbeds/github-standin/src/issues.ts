// Issues and labels: list, create, update (close, reopen), and the repository's labels. Pull requests
// are issues to GitHub's issue API: the list holds them too, marked by their `pull_request` field.
import {
  example,
  first,
  type HandlerContext,
  notFound,
  paginate,
  type Reply,
  tooLong,
  urls,
  validationFailed,
} from './handlers'
import { type IssueRecord, type LabelRecord, now, type PullRecord, type RepositoryState } from './state'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are free-form JSON checked against the schema
type Json = any

/** The colour GitHub gives a label created without one. */
const DEFAULT_COLOR = 'ededed'

function findLabel(repo: RepositoryState, name: string): LabelRecord | undefined {
  return repo.labels.find((label) => label.name.toLowerCase() === name.toLowerCase())
}

/** The label of that name, created (with the default colour) when the repository has none yet. */
function labelFor(ctx: HandlerContext, name: string): LabelRecord {
  const found = findLabel(ctx.repo, name)
  if (found) return found
  const label: LabelRecord = { id: ctx.state.id(), name, color: DEFAULT_COLOR, description: null }
  ctx.repo.labels.push(label)
  return label
}

function labelJson(ctx: HandlerContext, label: LabelRecord, template: Json): Json {
  return {
    ...template,
    id: label.id,
    node_id: Buffer.from(`Label${label.id}`).toString('base64'),
    url: `${urls(ctx).api}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: false,
  }
}

/** An issue or a pull request as the issue API shows it. */
function issueJson(ctx: HandlerContext, item: IssueRecord | PullRecord, template: Json): Json {
  const { api, html } = urls(ctx)
  const pull = 'head' in item
  const labelTemplate = first(template.labels) ?? {}
  const { pull_request: _pullRequest, ...rest } = template
  return {
    ...rest,
    id: item.id,
    node_id: Buffer.from(`Issue${item.id}`).toString('base64'),
    url: `${api}/issues/${item.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${item.number}/labels{/name}`,
    comments_url: `${api}/issues/${item.number}/comments`,
    events_url: `${api}/issues/${item.number}/events`,
    html_url: `${html}/${pull ? 'pull' : 'issues'}/${item.number}`,
    number: item.number,
    state: item.state,
    state_reason: pull ? null : item.stateReason,
    title: item.title,
    body: item.body,
    labels: item.labels.map((name) => labelJson(ctx, labelFor(ctx, name), labelTemplate)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: ctx.repo.comments.filter((c) => c.issueNumber === item.number).length,
    closed_at: item.closedAt,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    closed_by: null,
    ...(pull
      ? {
          pull_request: {
            url: `${api}/pulls/${item.number}`,
            html_url: `${html}/pull/${item.number}`,
            diff_url: `${html}/pull/${item.number}.diff`,
            patch_url: `${html}/pull/${item.number}.patch`,
            merged_at: item.mergedAt ?? null,
          },
        }
      : {}),
  }
}

const labelNames = (labels: Json): string[] =>
  (Array.isArray(labels) ? labels : []).map((l: Json) => (typeof l === 'string' ? l : l.name)).filter(Boolean)

function setState(issue: IssueRecord, state: unknown, reason: unknown): void {
  if (state === 'closed' && issue.state === 'open') {
    issue.state = 'closed'
    issue.closedAt = now()
    issue.stateReason = (reason as IssueRecord['stateReason']) ?? 'completed'
  } else if (state === 'open' && issue.state === 'closed') {
    issue.state = 'open'
    issue.closedAt = null
    issue.stateReason = 'reopened'
  } else if (reason !== undefined && issue.state === 'closed') {
    issue.stateReason = reason as IssueRecord['stateReason']
  }
}

export const issueHandlers: Record<string, (ctx: HandlerContext) => Reply> = {
  // Filtered by state and labels (every one named), sorted by creation or update; GitHub's other
  // filters (milestone, assignee, creator, mentioned, type, since) are not modelled.
  'issues/list-for-repo': (ctx) => {
    const { state = 'open', labels, sort = 'created', direction = 'desc' } = ctx.params
    const wanted =
      typeof labels === 'string' ? labels.split(',').map((name) => name.trim().toLowerCase()) : []
    const items = [...ctx.repo.issues, ...ctx.repo.pulls]
      .filter((item) => state === 'all' || item.state === state)
      .filter((item) => wanted.every((name) => item.labels.some((label) => label.toLowerCase() === name)))
      .sort((a, b) => {
        const key = (item: IssueRecord | PullRecord) => (sort === 'updated' ? item.updatedAt : item.createdAt)
        const order = key(a).localeCompare(key(b)) || a.number - b.number
        return direction === 'asc' ? order : -order
      })
    const template = first(example(ctx, 'issues/list-for-repo'))
    const query = Object.fromEntries(
      ['state', 'labels', 'sort', 'direction']
        .filter((k) => ctx.params[k] !== undefined)
        .map((k) => [k, String(ctx.params[k])]),
    )
    return paginate(
      ctx,
      items.map((item) => issueJson(ctx, item, template)),
      `/repos/${ctx.repo.owner}/${ctx.repo.name}/issues`,
      query,
    )
  },

  'issues/create': (ctx) => {
    const { title, body = null, labels } = ctx.body
    const refused = tooLong(body)
    if (refused) return refused
    const at = now()
    const issue: IssueRecord = {
      number: ctx.repo.nextNumber++,
      id: ctx.state.id(),
      title: String(title),
      body,
      state: 'open',
      stateReason: null,
      labels: labelNames(labels).map((name) => labelFor(ctx, name).name),
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    }
    ctx.repo.issues.push(issue)
    const json = issueJson(ctx, issue, example(ctx, 'issues/create'))
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'issues/update': (ctx) => {
    const issue = ctx.repo.issues.find((i) => i.number === ctx.params.issue_number)
    if (!issue) return notFound()
    const { title, body, state, state_reason: reason, labels } = ctx.body
    const refused = tooLong(body)
    if (refused) return refused
    if (title !== undefined && title !== null) issue.title = String(title)
    if (body !== undefined) issue.body = body
    if (labels !== undefined) issue.labels = labelNames(labels).map((name) => labelFor(ctx, name).name)
    setState(issue, state, reason)
    issue.updatedAt = now()
    return { status: 200, body: issueJson(ctx, issue, example(ctx, 'issues/update')) }
  },

  'issues/create-label': (ctx) => {
    const { name, color, description = null } = ctx.body
    if (findLabel(ctx.repo, name))
      return validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }])
    const label: LabelRecord = {
      id: ctx.state.id(),
      name,
      color: String(color ?? DEFAULT_COLOR).replace(/^#/, ''),
      description,
    }
    ctx.repo.labels.push(label)
    const json = labelJson(ctx, label, example(ctx, 'issues/create-label'))
    return { status: 201, body: json, headers: { location: json.url } }
  },
}
