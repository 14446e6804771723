import type { Spec } from './spec'
import {
  type CheckRunRecord,
  type CommentRecord,
  fakeSha,
  now,
  type PullRecord,
  type RepositoryState,
  type StandinState,
  type StatusRecord,
} from './state'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are free-form JSON checked against the schema
type Json = any

export interface Reply {
  status: number
  body?: Json
  headers?: Record<string, string>
}

export interface HandlerContext {
  spec: Spec
  state: StandinState
  repo: RepositoryState
  params: Record<string, Json>
  body: Json
  apiUrl: string
  serverUrl: string
}

const DOCS = 'https://docs.github.com/rest'

export const notFound = (): Reply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
})

export function validationFailed(errors: Json[], message = 'Validation Failed'): Reply {
  return { status: 422, body: { message, errors, documentation_url: DOCS, status: '422' } }
}

/** The success example of an operation in GitHub's description: the template every response starts from. */
export function example(ctx: HandlerContext, operationId: string): Json {
  const operation = ctx.spec.operations.find((op) => op.id === operationId)!
  for (const [status, response] of operation.responses)
    if (status.startsWith('2') && response.example) return structuredClone(response.example)
  throw new Error(`no example for ${operationId}`)
}

export const first = (value: Json) => (Array.isArray(value) ? value[0] : value)

export function urls(ctx: HandlerContext) {
  const full = `${ctx.repo.owner}/${ctx.repo.name}`
  return { api: `${ctx.apiUrl}/repos/${full}`, html: `${ctx.serverUrl}/${full}` }
}

function repositoryJson(ctx: HandlerContext, template: Json): Json {
  const { api, html } = urls(ctx)
  return {
    ...template,
    name: ctx.repo.name,
    full_name: `${ctx.repo.owner}/${ctx.repo.name}`,
    owner: { ...template.owner, login: ctx.repo.owner },
    url: api,
    html_url: html,
    default_branch: ctx.repo.defaultBranch ?? template.default_branch,
    // Fields the description requires but its example leaves out.
    ...('language' in template ? {} : { language: null }),
    ...(template.source
      ? { source: { ...template.source, language: template.source.language ?? null } }
      : {}),
  }
}

function pullJson(ctx: HandlerContext, pr: PullRecord, template: Json): Json {
  const { api, html } = urls(ctx)
  const side = (t: Json, ref: string, sha: string, owner: string) => ({
    ...t,
    label: `${owner}:${ref}`,
    ref,
    sha,
    repo: t.repo ? repositoryJson(ctx, t.repo) : t.repo,
  })
  const json: Json = {
    ...template,
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    html_url: `${html}/pull/${pr.number}`,
    issue_url: `${api}/issues/${pr.number}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${pr.head.sha}`,
    number: pr.number,
    state: pr.state,
    title: pr.title,
    body: pr.body,
    draft: pr.draft,
    labels: pr.labels.map((name, i) => ({ ...first(template.labels), id: i + 1, name })),
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt ?? null,
    merge_commit_sha: pr.mergeCommitSha ?? null,
    // Reviewers and assignees are not modelled: empty, as on a fresh pull request.
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    milestone: null,
    head: side(template.head, pr.head.ref, pr.head.sha, pr.head.owner),
    base: side(template.base, pr.base.ref, pr.base.sha, ctx.repo.owner),
  }
  if ('merged' in template)
    Object.assign(json, {
      merged: Boolean(pr.mergedAt),
      merged_by: null,
      mergeable: null,
      mergeable_state: 'unknown',
    })
  return json
}

export function commentJson(ctx: HandlerContext, comment: CommentRecord, template: Json): Json {
  const { api, html } = urls(ctx)
  return {
    ...template,
    id: comment.id,
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${html}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    ...(comment.author
      ? { user: { ...template.user, login: comment.author.login, type: comment.author.type } }
      : {}),
    ...(comment.authorAssociation ? { author_association: comment.authorAssociation } : {}),
  }
}

/** GitHub's limit on comment bodies, counted in characters. */
const COMMENT_LIMIT = 65_536

export function tooLong(body: unknown): Reply | undefined {
  if (typeof body !== 'string' || [...body].length <= COMMENT_LIMIT) return undefined
  return validationFailed([
    {
      resource: 'IssueComment',
      code: 'unprocessable',
      field: 'data',
      message: `Body is too long (maximum is ${COMMENT_LIMIT} characters)`,
    },
  ])
}

function statusJson(ctx: HandlerContext, status: StatusRecord, template: Json): Json {
  return {
    ...template,
    url: `${urls(ctx).api}/statuses/${status.sha}`,
    id: status.id,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  }
}

function checkRunJson(ctx: HandlerContext, run: CheckRunRecord, template: Json): Json {
  const { api, html } = urls(ctx)
  return {
    ...template,
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    url: `${api}/check-runs/${run.id}`,
    html_url: `${html}/runs/${run.id}`,
    details_url: run.detailsUrl,
    external_id: run.externalId,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...template.output, ...run.output, annotations_count: 0 },
    pull_requests: [],
  }
}

/** GitHub pages lists with per_page/page and announces the rest in a Link header. */
export function paginate(
  ctx: HandlerContext,
  items: Json[],
  path: string,
  query: Record<string, string> = {},
): Reply {
  const perPage = Math.min(Number(ctx.params.per_page ?? 30), 100)
  const page = Number(ctx.params.page ?? 1)
  const slice = items.slice((page - 1) * perPage, page * perPage)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (p: number, rel: string) => {
    const search = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) })
    return `<${ctx.apiUrl}${path}?${search}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
  return { status: 200, body: slice, headers: links.length ? { link: links.join(', ') } : {} }
}

function combinedState(statuses: StatusRecord[]): string {
  if (statuses.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure'
  if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) return 'pending'
  return 'success'
}

/** The latest status of each context, newest first, as GitHub's combined view shows them. */
function latestPerContext(statuses: StatusRecord[]): StatusRecord[] {
  const seen = new Set<string>()
  return [...statuses].reverse().filter((s) => !seen.has(s.context) && seen.add(s.context))
}

/** Comments belong to an issue or a pull request: both are issues to GitHub's comment API. */
const isIssueOrPull = (repo: RepositoryState, number: number) =>
  repo.pulls.some((p) => p.number === number) || repo.issues.some((i) => i.number === number)

export const handlers: Record<string, (ctx: HandlerContext) => Reply> = {
  'repos/get': (ctx) => ({ status: 200, body: repositoryJson(ctx, example(ctx, 'repos/get')) }),

  'git/get-ref': (ctx) => {
    const ref: string = ctx.params.ref
    const sha =
      ref.startsWith('heads/') || ref.startsWith('tags/') ? ctx.state.resolve(ctx.repo, ref) : undefined
    if (!sha) return notFound()
    const template = example(ctx, 'git/get-ref')
    const api = urls(ctx).api
    return {
      status: 200,
      body: {
        ...template,
        ref: `refs/${ref}`,
        url: `${api}/git/refs/${ref}`,
        object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
      },
    }
  },

  'pulls/list': (ctx) => {
    const { state = 'open', head, base } = ctx.params
    let pulls = ctx.repo.pulls.filter((pr) => state === 'all' || pr.state === state)
    // GitHub only honours `head` in the user:ref form; a bare branch name filters nothing.
    if (typeof head === 'string' && head.includes(':')) {
      const [owner, ref] = [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)]
      pulls = pulls.filter((pr) => pr.head.owner.toLowerCase() === owner.toLowerCase() && pr.head.ref === ref)
    }
    if (base) pulls = pulls.filter((pr) => pr.base.ref === base)
    pulls = ctx.params.direction === 'asc' ? pulls : [...pulls].reverse()
    const template = first(example(ctx, 'pulls/list'))
    const query = Object.fromEntries(
      ['state', 'head', 'base'].filter((k) => ctx.params[k]).map((k) => [k, String(ctx.params[k])]),
    )
    return paginate(
      ctx,
      pulls.map((pr) => pullJson(ctx, pr, template)),
      `/repos/${ctx.repo.owner}/${ctx.repo.name}/pulls`,
      query,
    )
  },

  'pulls/create': (ctx) => {
    const { title, head, base, body = null, draft = false } = ctx.body
    if (!title) return validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }])
    const [headOwner, headRef] = head.includes(':')
      ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)]
      : [ctx.repo.owner, head]
    const headSha = ctx.state.resolve(ctx.repo, headRef)
    const baseSha = ctx.state.resolve(ctx.repo, base)
    if (ctx.repo.gitDir || ctx.repo.refs.size) {
      if (!baseSha) return validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
      if (!headSha) return validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }])
      if (headSha === baseSha)
        return validationFailed([
          { resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headRef}` },
        ])
    }
    const existing = ctx.repo.pulls.find(
      (pr) =>
        pr.state === 'open' && pr.head.ref === headRef && pr.head.owner === headOwner && pr.base.ref === base,
    )
    if (existing) {
      return validationFailed([
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${headOwner}:${headRef}.`,
        },
      ])
    }
    const at = now()
    const pr: PullRecord = {
      number: ctx.repo.nextNumber++,
      id: ctx.state.id(),
      title,
      body,
      state: 'open',
      draft,
      head: { ref: headRef, sha: headSha ?? fakeSha(), owner: headOwner },
      base: { ref: base, sha: baseSha ?? fakeSha() },
      labels: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    }
    ctx.repo.pulls.push(pr)
    const json = pullJson(ctx, pr, example(ctx, 'pulls/create'))
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'pulls/get': (ctx) => {
    const pr = ctx.repo.pulls.find((p) => p.number === ctx.params.pull_number)
    if (!pr) return notFound()
    // The head SHA follows the branch, as it does on GitHub after a push.
    if (pr.state === 'open') pr.head.sha = ctx.state.resolve(ctx.repo, pr.head.ref) ?? pr.head.sha
    return { status: 200, body: pullJson(ctx, pr, example(ctx, 'pulls/get')) }
  },

  'pulls/update': (ctx) => {
    const pr = ctx.repo.pulls.find((p) => p.number === ctx.params.pull_number)
    if (!pr) return notFound()
    const { title, body, state, base } = ctx.body
    if (title !== undefined) pr.title = title
    if (body !== undefined) pr.body = body
    if (base !== undefined) pr.base = { ref: base, sha: ctx.state.resolve(ctx.repo, base) ?? pr.base.sha }
    if (state !== undefined && state !== pr.state) {
      pr.state = state
      pr.closedAt = state === 'closed' ? now() : null
    }
    pr.head.sha = ctx.state.resolve(ctx.repo, pr.head.ref) ?? pr.head.sha
    pr.updatedAt = now()
    return { status: 200, body: pullJson(ctx, pr, example(ctx, 'pulls/update')) }
  },

  'issues/add-labels': (ctx) => {
    const pr = ctx.repo.pulls.find((p) => p.number === ctx.params.issue_number)
    if (!pr) return notFound()
    const body = ctx.body
    const names: string[] = (Array.isArray(body) ? body : (body.labels ?? [])).map((l: Json) =>
      typeof l === 'string' ? l : l.name,
    )
    for (const name of names) if (!pr.labels.includes(name)) pr.labels.push(name)
    const template = first(example(ctx, 'issues/add-labels'))
    return {
      status: 200,
      body: pr.labels.map((name, i) => ({
        ...template,
        id: i + 1,
        name,
        url: `${urls(ctx).api}/labels/${encodeURIComponent(name)}`,
      })),
    }
  },

  'issues/create-comment': (ctx) => {
    if (!isIssueOrPull(ctx.repo, ctx.params.issue_number)) return notFound()
    const refused = tooLong(ctx.body.body)
    if (refused) return refused
    const at = now()
    const comment: CommentRecord = {
      id: ctx.state.id(),
      issueNumber: ctx.params.issue_number,
      body: ctx.body.body,
      createdAt: at,
      updatedAt: at,
    }
    ctx.repo.comments.push(comment)
    const json = commentJson(ctx, comment, example(ctx, 'issues/create-comment'))
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'issues/list-comments': (ctx) => {
    if (!isIssueOrPull(ctx.repo, ctx.params.issue_number)) return notFound()
    const template = first(example(ctx, 'issues/list-comments'))
    const comments = ctx.repo.comments.filter((c) => c.issueNumber === ctx.params.issue_number)
    return paginate(
      ctx,
      comments.map((c) => commentJson(ctx, c, template)),
      `/repos/${ctx.repo.owner}/${ctx.repo.name}/issues/${ctx.params.issue_number}/comments`,
    )
  },

  'issues/update-comment': (ctx) => {
    const comment = ctx.repo.comments.find((c) => c.id === ctx.params.comment_id)
    if (!comment) return notFound()
    const refused = tooLong(ctx.body.body)
    if (refused) return refused
    comment.body = ctx.body.body
    comment.updatedAt = now()
    return { status: 200, body: commentJson(ctx, comment, example(ctx, 'issues/update-comment')) }
  },

  'issues/delete-comment': (ctx) => {
    const index = ctx.repo.comments.findIndex((c) => c.id === ctx.params.comment_id)
    if (index < 0) return notFound()
    ctx.repo.comments.splice(index, 1)
    return { status: 204 }
  },

  // The pull requests a commit belongs to: by head, or (once merged) by merge commit.
  'repos/list-pull-requests-associated-with-commit': (ctx) => {
    const sha = ctx.params.commit_sha
    const template = first(example(ctx, 'repos/list-pull-requests-associated-with-commit'))
    const pulls = ctx.repo.pulls.filter((pr) => pr.head.sha === sha || pr.mergeCommitSha === sha)
    return paginate(
      ctx,
      pulls.map((pr) => pullJson(ctx, pr, template)),
      `/repos/${ctx.repo.owner}/${ctx.repo.name}/commits/${sha}/pulls`,
    )
  },

  'repos/create-commit-status': (ctx) => {
    const { state, target_url = null, description = null, context = 'default' } = ctx.body
    const status: StatusRecord = {
      id: ctx.state.id(),
      sha: ctx.params.sha,
      state,
      context,
      description,
      targetUrl: target_url,
      createdAt: now(),
    }
    ctx.repo.statuses.push(status)
    const json = statusJson(ctx, status, example(ctx, 'repos/create-commit-status'))
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'repos/list-commit-statuses-for-ref': (ctx) => {
    const sha = ctx.state.resolve(ctx.repo, ctx.params.ref) ?? ctx.params.ref
    const template = first(example(ctx, 'repos/list-commit-statuses-for-ref'))
    const statuses = ctx.repo.statuses.filter((s) => s.sha === sha).reverse()
    return paginate(
      ctx,
      statuses.map((s) => statusJson(ctx, s, template)),
      `/repos/${ctx.repo.owner}/${ctx.repo.name}/commits/${ctx.params.ref}/statuses`,
    )
  },

  'repos/get-combined-status-for-ref': (ctx) => {
    const sha = ctx.state.resolve(ctx.repo, ctx.params.ref)
    if (!sha && (ctx.repo.gitDir || ctx.repo.refs.size)) return notFound()
    const template = example(ctx, 'repos/get-combined-status-for-ref')
    const latest = latestPerContext(ctx.repo.statuses.filter((s) => s.sha === (sha ?? ctx.params.ref)))
    const statusTemplate = first(template.statuses)
    const strip = ({ creator: _creator, ...rest }: Json) => rest
    return {
      status: 200,
      body: {
        ...template,
        state: combinedState(latest),
        statuses: latest.map((s) => strip(statusJson(ctx, s, statusTemplate))),
        sha: sha ?? ctx.params.ref,
        total_count: latest.length,
        repository: repositoryJson(ctx, template.repository),
        commit_url: `${urls(ctx).api}/commits/${sha ?? ctx.params.ref}`,
        url: `${urls(ctx).api}/commits/${sha ?? ctx.params.ref}/status`,
      },
    }
  },

  'checks/create': (ctx) => {
    const b = ctx.body
    const completed = b.conclusion !== undefined || b.status === 'completed'
    if (b.status === 'completed' && !b.conclusion) {
      return validationFailed(
        [{ resource: 'CheckRun', field: 'conclusion', code: 'missing_field' }],
        'Invalid request.\n\n"conclusion" wasn\'t supplied.',
      )
    }
    const run: CheckRunRecord = {
      id: ctx.state.id(),
      name: b.name,
      headSha: b.head_sha,
      status: completed ? 'completed' : (b.status ?? 'queued'),
      conclusion: b.conclusion ?? null,
      detailsUrl: b.details_url ?? null,
      externalId: b.external_id ?? null,
      startedAt: b.started_at ?? now(),
      completedAt: completed ? (b.completed_at ?? now()) : null,
      output: {
        title: b.output?.title ?? null,
        summary: b.output?.summary ?? null,
        text: b.output?.text ?? null,
      },
    }
    ctx.repo.checkRuns.push(run)
    return { status: 201, body: checkRunJson(ctx, run, example(ctx, 'checks/create')) }
  },

  'checks/get': (ctx) => {
    const run = ctx.repo.checkRuns.find((r) => r.id === ctx.params.check_run_id)
    return run ? { status: 200, body: checkRunJson(ctx, run, example(ctx, 'checks/get')) } : notFound()
  },

  'checks/update': (ctx) => {
    const run = ctx.repo.checkRuns.find((r) => r.id === ctx.params.check_run_id)
    if (!run) return notFound()
    const b = ctx.body
    if (b.name !== undefined) run.name = b.name
    if (b.details_url !== undefined) run.detailsUrl = b.details_url
    if (b.external_id !== undefined) run.externalId = b.external_id
    if (b.status !== undefined) run.status = b.status
    if (b.conclusion !== undefined) {
      run.conclusion = b.conclusion
      run.status = 'completed'
    }
    if (run.status === 'completed') run.completedAt = b.completed_at ?? run.completedAt ?? now()
    if (b.output)
      run.output = {
        title: b.output.title ?? run.output.title,
        summary: b.output.summary ?? run.output.summary,
        text: b.output.text ?? run.output.text,
      }
    return { status: 200, body: checkRunJson(ctx, run, example(ctx, 'checks/update')) }
  },

  'checks/list-for-ref': (ctx) => {
    const sha = ctx.state.resolve(ctx.repo, ctx.params.ref) ?? ctx.params.ref
    let runs = ctx.repo.checkRuns.filter((r) => r.headSha === sha)
    if (ctx.params.check_name) runs = runs.filter((r) => r.name === ctx.params.check_name)
    if (ctx.params.status) runs = runs.filter((r) => r.status === ctx.params.status)
    const template = example(ctx, 'checks/list-for-ref')
    const page = paginate(
      ctx,
      [...runs].reverse().map((r) => checkRunJson(ctx, r, first(template.check_runs))),
      `/repos/${ctx.repo.owner}/${ctx.repo.name}/commits/${ctx.params.ref}/check-runs`,
    )
    return { ...page, body: { total_count: runs.length, check_runs: page.body } }
  },
}
