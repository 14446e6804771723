export const id = 579;
export const ids = [579];
export const modules = {

/***/ 2579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CheckRunReporter: () => (/* reexport */ CheckRunReporter),
  CommitStatusReporter: () => (/* reexport */ CommitStatusReporter)
});

// UNUSED EXPORTS: ThrottledReporter, fitDescription

// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+github@9.1.1/node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(8258);
// EXTERNAL MODULE: ../../packages/action-kit/src/index.ts + 12 modules
var src = __webpack_require__(7572);
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
            await (0,src/* retry */.L5)(() => {
                tried++;
                return this.deliver(report, final);
            }, {
                ...src/* GITHUB_RETRY */.Bp,
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
            const wait = (0,src/* isTransientGitHubError */.qU)(error) ? (0,src/* githubWaitMs */.dJ)(error) : undefined;
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
class CommitStatusReporter extends ThrottledReporter {
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
