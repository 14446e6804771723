export const id = 549;
export const ids = [549];
export const modules = {

/***/ 9549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  keepDriftIssue: () => (/* reexport */ keepDriftIssue)
});

// UNUSED EXPORTS: ADDONS_RESULTS, CheckRunReporter, CommitStatusReporter, INFRASTRUCTURE_RESULTS, ThrottledReporter, driftIssueBody, driftVerdict, fitDescription, isTrustedComment, listIssueComments, parseAddonRows, pullRequestsOfCommit, upsertIssueComment, withRetries

// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+github@9.1.1/node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(8258);
;// CONCATENATED MODULE: ../../packages/action-kit/src/retry.ts
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Exponential backoff with "full jitter": a uniformly random delay between half the exponential
 * step and the whole of it, so that many writers retrying at once spread out instead of colliding again.
 */
function backoffDelay(retry, options) {
    const { baseDelayMs, maxDelayMs = 30_000, factor = 2, random = Math.random } = options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** (retry - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
async function retry(operation, options) {
    const { attempts, shouldRetry = () => true, delayFloor, maxWaitMs, onRetry, sleep: wait = sleep } = options;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= attempts || !shouldRetry(error, attempt))
                throw error;
            const floor = delayFloor?.(error) ?? 0;
            if (maxWaitMs !== undefined && floor > maxWaitMs)
                throw error;
            const delayMs = Math.max(backoffDelay(attempt, options), Math.ceil(floor));
            onRetry?.(error, attempt, delayMs);
            await wait(delayMs);
        }
    }
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/github-retry.ts
/** GitHub asks a client hit by a secondary rate limit that names no time to wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
const statusOf = (error) => {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
};
const headerOf = (error, name) => {
    const value = error?.response?.headers?.[name];
    return value === undefined ? undefined : String(value);
};
function isRateLimit(error) {
    const status = statusOf(error);
    if (status !== 403 && status !== 429)
        return false;
    const message = error?.message;
    return (status === 429 ||
        headerOf(error, 'retry-after') !== undefined ||
        headerOf(error, 'x-ratelimit-remaining') === '0' ||
        (typeof message === 'string' && /rate limit/i.test(message)));
}
/**
 * How long GitHub says to wait before the next request, in milliseconds: `Retry-After` (seconds or
 * an HTTP date); else, with `x-ratelimit-remaining: 0`, until `x-ratelimit-reset` (epoch seconds);
 * else a minute for a rate limit that names no time. Undefined when GitHub sets no wait.
 */
function githubWaitMs(error, now = Date.now()) {
    const retryAfter = headerOf(error, 'retry-after')?.trim();
    if (retryAfter) {
        if (/^\d+$/.test(retryAfter))
            return Number(retryAfter) * 1000;
        const at = Date.parse(retryAfter);
        if (Number.isFinite(at))
            return Math.max(0, at - now);
    }
    const reset = Number(headerOf(error, 'x-ratelimit-reset'));
    if (headerOf(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
        return Math.max(0, reset * 1000 - now);
    }
    return isRateLimit(error) ? SECONDARY_LIMIT_WAIT_MS : undefined;
}
/**
 * Worth another attempt: no HTTP status (the network failed), a 5xx, or a rate limit (429, or a 403
 * that says so). Any other 4xx is an answer, not a hiccup.
 */
function isTransientGitHubError(error) {
    const status = statusOf(error);
    return status === undefined || status >= 500 || isRateLimit(error);
}
/**
 * The one retry policy for GitHub's API: transient failures are retried with backoff, and GitHub's
 * own wait is the least the next attempt waits (never sooner than it said; an attempt it pushes
 * beyond `maxWaitMs` is not made).
 */
const GITHUB_RETRY = {
    shouldRetry: isTransientGitHubError,
    delayFloor: (error) => githubWaitMs(error),
};

;// CONCATENATED MODULE: ../../packages/github-report/src/comments.ts


/**
 * Whether a comment can be taken as written by a workflow of the repository: a GitHub App (the
 * workflow token is the github-actions app; only an admin can install an app) or someone with
 * write access. Anybody who can open a pull request can comment on it, so a marker in a comment
 * from anyone else is not trusted.
 */
function isTrustedComment(comment) {
    return comment.author.type === 'Bot' || ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(comment.association);
}
function client(target) {
    const [owner, repo, extra] = target.repository.split('/');
    if (!owner || !repo || extra !== undefined)
        throw new Error(`repository must be owner/name, got '${target.repository}'`);
    return { octokit: (0,github/* getOctokit */.Q)(target.token, { baseUrl: target.apiUrl.replace(/\/+$/, '') }), owner, repo };
}
/** One API call with retries on 5xx, 429 and rate limits, waiting at least what GitHub asks (GITHUB_RETRY). */
async function withRetries(target, what, call) {
    const attempts = target.attempts ?? 5;
    return retry(call, {
        ...GITHUB_RETRY,
        attempts,
        baseDelayMs: target.baseDelayMs ?? 500,
        maxDelayMs: 8_000,
        maxWaitMs: 30_000,
        onRetry: (error, attempt, delayMs) => target.log?.(`${what}: GitHub answered ${error.status ?? error.message}; attempt ${attempt + 1} of ${attempts} in ${delayMs} ms`),
    });
}
function toComment(data) {
    return {
        id: data.id,
        body: data.body ?? '',
        url: data.html_url,
        author: { login: data.user?.login ?? '', type: data.user?.type ?? '' },
        association: data.author_association,
    };
}
/** Every comment of an issue or pull request, oldest first. */
async function listIssueComments(target, issueNumber) {
    const { octokit, owner, repo } = client(target);
    const comments = [];
    for (let page = 1;; page++) {
        const response = await withRetries(target, 'list comments', () => octokit.rest.issues.listComments({ owner, repo, issue_number: issueNumber, per_page: 100, page }));
        comments.push(...response.data.map(toComment));
        if (response.data.length < 100)
            return comments;
    }
}
/**
 * Keeps exactly one comment that `isOurs` recognises (among trusted ones) on the issue, holding
 * `body`: the oldest is updated in place, or one is created (unless `create` is false: then
 * nothing is done and undefined returned). Two runs racing may both create one;
 * each then looks again, and every copy but the oldest is removed, so one stays.
 */
async function upsertIssueComment(target, issueNumber, isOurs, body, { create = true } = {}) {
    const { octokit, owner, repo } = client(target);
    const ours = async () => (await listIssueComments(target, issueNumber)).filter((c) => isTrustedComment(c) && isOurs(c));
    const update = async (comment) => {
        const response = await withRetries(target, 'update comment', () => octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body }));
        return { id: response.data.id, url: response.data.html_url };
    };
    const removeExtras = async (extras) => {
        for (const extra of extras) {
            await withRetries(target, 'delete comment', () => octokit.rest.issues.deleteComment({ owner, repo, comment_id: extra.id })).catch((error) => {
                // Another run removed it first.
                if (error.status !== 404)
                    throw error;
            });
            target.log?.(`removed a second copy of the comment (${extra.url})`);
        }
    };
    const existing = await ours();
    if (existing.length > 0) {
        const kept = await update(existing[0]);
        await removeExtras(existing.slice(1));
        return { ...kept, created: false };
    }
    if (!create)
        return undefined;
    const created = await withRetries(target, 'create comment', () => octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }));
    const after = await ours();
    const oldest = after[0];
    if (!oldest || oldest.id === created.data.id) {
        await removeExtras(after.slice(1));
        return { id: created.data.id, url: created.data.html_url, created: true };
    }
    // Another run created one first: ours goes, theirs takes our body (the later plan).
    const kept = await update(oldest);
    await removeExtras(after.slice(1));
    return { ...kept, created: false };
}
/** The pull requests GitHub associates with a commit: open ones it heads, merged ones it came from. */
async function pullRequestsOfCommit(target, sha) {
    const { octokit, owner, repo } = client(target);
    const response = await withRetries(target, 'pull requests of the commit', () => octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 }));
    return response.data.map((pr) => ({
        number: pr.number,
        url: pr.html_url,
        state: pr.state,
        mergedAt: pr.merged_at,
        mergeCommitSha: pr.merge_commit_sha,
        headSha: pr.head.sha,
    }));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ../../packages/action-kit/src/summary.ts + 1 modules
var summary = __webpack_require__(1919);
// EXTERNAL MODULE: ../../packages/github-report/src/drift-check.ts
var drift_check = __webpack_require__(8971);
;// CONCATENATED MODULE: ../../packages/github-report/src/drift-issue.ts




/** The hidden line that says which environment an issue is about; the label narrows the search. */
const markerOf = (environment) => `<!-- canary-delivery drift-issue environment=${environment} -->`;
/** Open issues are searched at most this far (100 a page): a repository's drift issues are few. */
const MAX_PAGES = 10;
const LABEL_COLOR = 'd93f0b';
const LABEL_DESCRIPTION = 'Open while a scheduled check finds an environment different from its code';
/**
 * Keeps one open issue per environment while it drifts: created (with `label`) when a check first
 * finds drift, its body updated by every later one (and a comment when what drifts changes, since a
 * body edit notifies nobody), closed with a comment by the first check that finds none. A check that
 * did not finish leaves the issue alone. Only issues with the label and the environment's marker,
 * written by the workflow or someone with write access, count as the environment's.
 */
async function keepDriftIssue(target, check, label) {
    const verdict = (0,drift_check/* driftVerdict */.Zk)(check);
    const { octokit, owner, repo } = client(target);
    const marker = markerOf(check.environment);
    const open = async () => {
        const found = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
            const response = await withRetries(target, 'list drift issues', () => octokit.rest.issues.listForRepo({
                owner,
                repo,
                state: 'open',
                labels: label,
                sort: 'created',
                direction: 'asc',
                per_page: 100,
                page,
            }));
            for (const issue of response.data) {
                const trusted = issue.user?.type === 'Bot' ||
                    ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(issue.author_association ?? '');
                if (!issue.pull_request && trusted && issue.body?.includes(marker))
                    found.push({ number: issue.number, url: issue.html_url, body: issue.body });
            }
            if (response.data.length < 100)
                break;
        }
        return found;
    };
    const comment = (number, body) => withRetries(target, 'comment on the drift issue', () => octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }));
    const close = async (number, body, reason) => {
        await comment(number, body);
        await withRetries(target, 'close the drift issue', () => octokit.rest.issues.update({
            owner,
            repo,
            issue_number: number,
            state: 'closed',
            state_reason: reason,
        }));
    };
    const closeDuplicates = async (kept, others) => {
        for (const other of others)
            await close(other.number, `Duplicate of #${kept.number}, which follows the drift of ${check.environment}.`, 'not_planned');
        return others.map((other) => other.number);
    };
    const existing = await open();
    const result = { verdict, action: 'none', duplicates: [] };
    if (verdict === 'unknown') {
        if (existing[0])
            result.issue = pick(existing[0]);
        return result;
    }
    if (verdict === 'clean') {
        for (const issue of existing)
            await close(issue.number, `No drift in ${check.environment} any more: the infrastructure matches its code and every add-on is ready${check.runUrl ? ` ([check](${check.runUrl}))` : ''}.`, 'completed');
        if (existing[0])
            return { ...result, action: 'closed', issue: pick(existing[0]) };
        return result;
    }
    const body = driftIssueBody(check);
    const [kept, ...others] = existing;
    if (kept) {
        const changed = digestOf(kept.body) !== digestOf(body);
        await withRetries(target, 'update the drift issue', () => octokit.rest.issues.update({ owner, repo, issue_number: kept.number, body }));
        if (changed)
            await comment(kept.number, `What drifts in ${check.environment} changed: see the description${check.runUrl ? ` and [the check](${check.runUrl})` : ''}.`);
        return {
            ...result,
            action: 'updated',
            issue: pick(kept),
            duplicates: await closeDuplicates(kept, others),
        };
    }
    await withRetries(target, 'create the drift label', () => octokit.rest.issues.createLabel({
        owner,
        repo,
        name: label,
        color: LABEL_COLOR,
        description: LABEL_DESCRIPTION,
    })).catch((error) => {
        // It exists already (the usual case after the first time).
        if (error.status !== 422)
            throw error;
    });
    const created = await withRetries(target, 'create the drift issue', () => octokit.rest.issues.create({
        owner,
        repo,
        title: `Drift in ${check.environment}`,
        body,
        labels: [label],
    }));
    if (!created.data.labels.some((l) => (typeof l === 'string' ? l : l.name) === label))
        target.log?.(`GitHub did not set the label '${label}' on #${created.data.number} (the token may not set labels): later checks will not find the issue`);
    // Two runs may have created one each: the oldest stays (with this body), the others close as its duplicates.
    const [first, ...rest] = await open();
    const oldest = first ?? { number: created.data.number, url: created.data.html_url };
    const ours = oldest.number === created.data.number;
    if (!ours)
        await withRetries(target, 'update the drift issue', () => octokit.rest.issues.update({ owner, repo, issue_number: oldest.number, body }));
    return {
        ...result,
        action: ours ? 'created' : 'updated',
        issue: pick(oldest),
        duplicates: await closeDuplicates(oldest, rest),
    };
}
const pick = ({ number, url }) => ({ number, url });
/** The digest of what drifts (not of when it was seen), kept in the body's last line. */
const digestOf = (body) => /<!-- drift digest=([0-9a-f]+) -->/.exec(body)?.[1];
/** Text from the cluster in a Markdown cell: no HTML, no mentions, one line, bounded. */
function untrusted(text) {
    const line = (0,summary/* escapeHtml */.ZD)(text).replace(/@/g, '@\u2060').replace(/\s+/g, ' ').trim();
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
function driftIssueBody(check) {
    const infrastructure = check.infrastructure === 'drift'
        ? `drift${check.changes ? `: ${check.changes.add} to add, ${check.changes.change} to change, ${check.changes.destroy} to destroy` : ''}`
        : check.infrastructure || 'not checked';
    const drifting = (check.addonRows ?? []).filter((addon) => !addon.ready || (addon.pinned !== '*' && addon.running !== addon.pinned));
    const what = {
        infrastructure,
        addons: check.addons,
        rows: drifting.map((a) => [a.namespace, a.name, a.chart, a.pinned, a.running, a.ready, a.message]),
    };
    const digest = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 16);
    return [
        markerOf(check.environment),
        `The scheduled check finds **${check.environment}** different from its code.`,
        (0,summary/* table */.tp)(['part', 'check'], [
            ['infrastructure (Terraform)', infrastructure],
            ['add-ons (Flux)', check.addons || 'not checked'],
        ]),
        drifting.length
            ? [
                '**Add-ons that differ from Git**',
                (0,summary/* table */.tp)(['add-on', 'chart', 'pinned', 'running', 'ready', 'message'], drifting.map((a) => [
                    `${untrusted(a.namespace)}/${untrusted(a.name)}`,
                    untrusted(a.chart),
                    untrusted(a.pinned),
                    untrusted(a.running) || '–',
                    a.ready ? 'yes' : 'no',
                    untrusted(a.message),
                ])),
            ].join('\n\n')
            : undefined,
        `Last checked ${check.checkedAt}${check.runUrl ? ` by [this run](${check.runUrl}), whose job summary lists what differs` : ''}. This issue closes by itself once a check finds no drift.`,
        `<!-- drift digest=${digest} -->`,
    ]
        .filter(Boolean)
        .join('\n\n');
}

;// CONCATENATED MODULE: ../../packages/github-report/src/reporters.ts


/** GitHub rejects descriptions over 140 characters. */
function fitDescription(text) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length <= 140 ? oneLine : `${oneLine.slice(0, 139)}…`;
}
function httpStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/** The longest wait GitHub may ask for before a status update is given up (the rollout goes on). */
const MAX_WAIT_MS = 30_000;
/**
 * Something on the commit that follows a long-running operation: `update` coalesces changes and
 * sends at most one per interval (the latest wins), `finish` sends the final state at once.
 */
class ThrottledReporter {
    options;
    /** Updates GitHub accepted. */
    sent = 0;
    octokit;
    owner;
    repo;
    minIntervalMs;
    lastSentAt = 0;
    lastSent;
    pending;
    timer;
    inFlight = Promise.resolve();
    disabled = false;
    constructor(options) {
        this.options = options;
        const [owner, repo, extra] = options.repository.split('/');
        if (!owner || !repo || extra !== undefined)
            throw new Error(`repository must be owner/name, got '${options.repository}'`);
        this.owner = owner;
        this.repo = repo;
        this.minIntervalMs = options.minIntervalMs ?? 10_000;
        this.octokit = (0,github/* getOctokit */.Q)(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') });
    }
    /** Records the latest state; it is sent now or when the interval allows. */
    update(state, description) {
        if (this.disabled)
            return;
        this.pending = { state, description: fitDescription(description) };
        if (this.timer)
            return;
        const wait = Math.max(0, this.lastSentAt + this.minIntervalMs - Date.now());
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.sendPending(false);
        }, wait);
    }
    /** Sends the final state without waiting for the interval, after anything in flight. */
    async finish(state, description, details, conclusion) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.pending = { state, description: fitDescription(description), details, conclusion };
        this.sendPending(true);
        await this.inFlight;
    }
    sendPending(final) {
        const next = this.pending;
        this.pending = undefined;
        if (!next || this.disabled)
            return;
        if (!final && this.lastSent?.state === next.state && this.lastSent.description === next.description)
            return;
        // The interval counts from when an update goes out, so a slow answer does not let the next one through at once.
        this.lastSentAt = Date.now();
        this.inFlight = this.inFlight.then(() => this.send(next, final));
    }
    async send(report, final) {
        const attempts = this.options.attempts ?? 5;
        let tried = 0;
        try {
            await retry(() => {
                tried++;
                return this.deliver(report, final);
            }, {
                ...GITHUB_RETRY,
                attempts,
                baseDelayMs: this.options.baseDelayMs ?? 500,
                maxDelayMs: 8_000,
                maxWaitMs: MAX_WAIT_MS,
                onRetry: (error, attempt, delayMs) => this.options.debug?.(`${this.what}: ${httpStatus(error) ?? error.message}; attempt ${attempt + 1}/${attempts} in ${delayMs}ms`),
            });
            this.sent++;
            this.lastSent = report;
            this.lastSentAt = Date.now();
            this.options.debug?.(`${this.what} ${this.options.context}: ${report.state} ${report.description}`);
        }
        catch (error) {
            const code = httpStatus(error);
            const wait = isTransientGitHubError(error) ? githubWaitMs(error) : undefined;
            if (wait !== undefined && wait > MAX_WAIT_MS) {
                // Asking again before GitHub's time only prolongs the limit: stop for this run.
                this.disabled = true;
                this.options.warn?.(`Could not set the ${this.what} '${this.options.context}': GitHub's rate limit asks to wait ${Math.ceil(wait / 1000)}s (HTTP ${code}). Further updates are skipped.`);
                return;
            }
            if ((code === 403 && wait === undefined) || code === 404 || code === 401) {
                // Permanent: say so once and stop trying, rather than a warning per change.
                this.disabled = true;
                this.options.warn?.(`Could not set the ${this.what} '${this.options.context}' on ${this.options.sha.slice(0, 12)} (HTTP ${code}); ` +
                    `the token needs '${this.permission}' on ${this.owner}/${this.repo}. Further updates are skipped.`);
                return;
            }
            this.options.warn?.(`Could not set the ${this.what} '${this.options.context}': ${error.message} (after ${tried} attempts)`);
        }
    }
}
/** A commit status (the line under a pull request's checks), named by `context`. */
class CommitStatusReporter extends (/* unused pure expression or super */ null && (ThrottledReporter)) {
    permission = 'statuses: write';
    what = 'commit status';
    async deliver(report) {
        await this.octokit.rest.repos.createCommitStatus({
            owner: this.owner,
            repo: this.repo,
            sha: this.options.sha,
            state: report.state,
            context: this.options.context,
            description: report.description,
            ...(this.options.targetUrl ? { target_url: this.options.targetUrl } : {}),
        });
    }
}
const CONCLUSION = {
    success: 'success',
    failure: 'failure',
    error: 'timed_out',
    pending: 'neutral',
};
/** GitHub's limit for a check run's output summary. */
const SUMMARY_LIMIT = 65_535;
/**
 * A check run named by `context`: created in progress at the first update, updated in place, and
 * completed with a conclusion and the final Markdown (the job summary) as its output.
 */
class CheckRunReporter extends ThrottledReporter {
    checkRun;
    permission = 'checks: write';
    what = 'check run';
    id;
    constructor(checkRun) {
        super(checkRun);
        this.checkRun = checkRun;
        this.id = checkRun.id;
    }
    async deliver(report, final) {
        const summary = (report.details ?? report.description).slice(0, SUMMARY_LIMIT);
        const output = { title: report.description, summary };
        const done = final && report.state !== 'pending';
        const completion = done
            ? {
                status: 'completed',
                conclusion: report.conclusion ?? CONCLUSION[report.state],
                completed_at: new Date().toISOString(),
            }
            : { status: 'in_progress' };
        if (this.id === undefined) {
            const created = await this.octokit.rest.checks.create({
                owner: this.owner,
                repo: this.repo,
                name: this.options.context,
                head_sha: this.options.sha,
                started_at: new Date().toISOString(),
                ...(this.options.targetUrl ? { details_url: this.options.targetUrl } : {}),
                ...completion,
                output,
            });
            this.id = created.data.id;
            this.checkRun.onCreated?.(this.id);
            return;
        }
        await this.octokit.rest.checks.update({
            owner: this.owner,
            repo: this.repo,
            check_run_id: this.id,
            ...completion,
            output,
        });
    }
}

;// CONCATENATED MODULE: ../../packages/github-report/src/index.ts






/***/ })

};
