export const id = 286;
export const ids = [286];
export const modules = {

/***/ 5286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ readInputs),
/* harmony export */   i: () => (/* binding */ readReportSettings)
/* harmony export */ });
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9125);
/* harmony import */ var _canary_delivery_image_ref__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1112);


/** Where the commit status goes: the inputs both steps read (the post step may have to finish it). */
function readReportSettings(inputs, defaultContext) {
    const token = inputs.optional('token');
    (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .registerSecret */ .cl)(token);
    const repository = inputs.matching('repository', /^[\w.-]+\/[\w.-]+$/, 'owner/name');
    const sha = inputs.matching('sha', /^[0-9a-f]{40}$/i, 'a full 40-character commit SHA');
    const kind = inputs.oneOf('report-as', ['status', 'check-run']) ?? 'status';
    if (!token || !repository || !sha)
        return undefined;
    return {
        kind,
        token,
        apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
        repository,
        sha,
        context: inputs.optional('status-context') ?? defaultContext(),
        targetUrl: (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .workflowRunUrl */ .CX)(),
        minIntervalMs: Number(process.env.WAIT_FOR_CANARY_STATUS_INTERVAL_MS) || undefined,
    };
}
/** The main step's inputs, checked; the delivery file is read (and its parser loaded) only when given. */
async function readInputs() {
    const inputs = new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputReader */ .i_();
    const environment = inputs.optional('environment');
    const config = inputs.optional('config');
    const resolved = config
        ? (await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(931), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 3201))).resolveFromInputs({
            config,
            environment,
            workspace: process.env.GITHUB_WORKSPACE,
        })
        : undefined;
    const name = inputs.optional('name') ?? resolved?.canary.name ?? resolved?.app;
    if (!name)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1("Input 'name' is required (the Flagger Canary's name), or give 'config'");
    const tag = inputs.matching('tag', _canary_delivery_image_ref__WEBPACK_IMPORTED_MODULE_1__/* .TAG_OR_DIGEST_PATTERN */ .B3, 'an image tag (letters, digits, _ . -, up to 128) or a digest (sha256:…)');
    const image = inputs.optional('image') ?? (tag ? resolved?.image : undefined);
    if (!tag && !image) {
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1("Input 'tag' or 'image' is required: what the new revision must run");
    }
    if (image && !tag && !(0,_canary_delivery_image_ref__WEBPACK_IMPORTED_MODULE_1__/* .hasTagOrDigest */ .CU)(image)) {
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Input 'image' must carry a tag or digest (e.g. ${image}:1.2.3) when 'tag' is not given, got '${image}'`);
    }
    const report = readReportSettings(inputs, () => `canary/${environment ?? name}`);
    return {
        kubeconfig: inputs.text('kubeconfig'),
        kubeconfigEnv: process.env.KUBECONFIG,
        runnerTemp: process.env.RUNNER_TEMP,
        workspace: process.env.GITHUB_WORKSPACE,
        context: inputs.optional('context') ?? resolved?.context,
        namespace: inputs.optional('namespace') ?? resolved?.namespace,
        name,
        expected: { tag, image },
        helmRelease: inputs.optional('helm-release') ?? resolved?.helmRelease,
        timeoutMs: inputs.duration('timeout', { minMs: 1_000 }),
        onWaitingPromotion: inputs.oneOf('on-waiting-promotion', ['wait', 'fail', 'succeed']) ?? 'wait',
        report,
        // Tuning for tests and the benchmark, which run Flagger on a scaled clock.
        staleGraceMs: Number(process.env.WAIT_FOR_CANARY_STALE_GRACE_MS) || undefined,
        watchTimeoutSeconds: Number(process.env.WAIT_FOR_CANARY_WATCH_TIMEOUT_SECONDS) || undefined,
        heartbeatMs: Number(process.env.WAIT_FOR_CANARY_HEARTBEAT_MS) || undefined,
    };
}


/***/ }),

/***/ 9125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ ConfigurationError),
  Bp: () => (/* reexport */ GITHUB_RETRY),
  i_: () => (/* reexport */ InputReader),
  EY: () => (/* reexport */ backoffDelay),
  zH: () => (/* reexport */ details),
  Ly: () => (/* reexport */ expandTemplate),
  a3: () => (/* reexport */ formatDuration),
  dJ: () => (/* reexport */ githubWaitMs),
  R_: () => (/* reexport */ heading),
  tJ: () => (/* reexport */ inert),
  qU: () => (/* reexport */ isTransientGitHubError),
  a4: () => (/* reexport */ mermaid),
  cl: () => (/* reexport */ registerSecret),
  L5: () => (/* reexport */ retry),
  Cs: () => (/* reexport */ runAction),
  tp: () => (/* reexport */ table),
  CX: () => (/* reexport */ workflowRunUrl),
  Sy: () => (/* reexport */ writeSummary)
});

// UNUSED EXPORTS: ExecError, InterruptedError, ProgramNotFoundError, cell, clearSecrets, codeBlock, describeCommand, envInputGetter, escapeHtml, execArgv, githubServerUrl, inertLines, inputEnvName, interruptible, interruption, isConfigurationError, mask, parseDuration, sleep, spawnArgv, tail

;// CONCATENATED MODULE: ../../packages/action-kit/src/duration.ts
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
/** Parses `90s`, `10m`, `1h30m`, `250ms` into milliseconds; undefined when the text is not a duration. */
function parseDuration(text) {
    const trimmed = text.trim();
    if (!DURATION.test(trimmed))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of trimmed.matchAll(PART))
        total += Number(amount) * UNIT_MS[unit];
    return Math.round(total);
}
/**
 * How a length of time is shown to people, everywhere in the suite:
 * - `words` (the default), the shortest readable form: `1h 5m`, `2m 30s`, `45s`, `800ms`;
 * - `clock`, whole minutes and seconds as a stopwatch shows them: `02:30`, `65:00` after an hour.
 *   Its width stays the same for the first hour and a half, so timeline columns line up.
 */
function formatDuration(ms, style = 'words') {
    if (style === 'clock') {
        const total = Math.max(0, Math.floor(ms / 1_000));
        const pad = (n) => String(n).padStart(2, '0');
        return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
    }
    if (ms < 1_000)
        return `${Math.round(ms)}ms`;
    let seconds = Math.round(ms / 1_000);
    const hours = Math.floor(seconds / 3_600);
    seconds -= hours * 3_600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    const parts = [];
    if (hours)
        parts.push(`${hours}h`);
    if (minutes)
        parts.push(`${minutes}m`);
    if (seconds || parts.length === 0)
        parts.push(`${seconds}s`);
    return parts.join(' ');
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/errors.ts
/**
 * A mistake the user can fix (a bad input, a malformed file). Reported as one line without a
 * stack trace; anything else that escapes an action is treated as a bug and reported with one.
 * The message names the input or file it is about.
 */
class ConfigurationError extends Error {
    name = 'ConfigurationError';
}
function isConfigurationError(error) {
    // The name check keeps working when two copies of this package end up in one bundle.
    return (error instanceof ConfigurationError || (error instanceof Error && error.name === 'ConfigurationError'));
}

// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 10 modules
var lib_core = __webpack_require__(7391);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+exec@3.0.0/node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(2844);
;// CONCATENATED MODULE: ../../packages/action-kit/src/secrets.ts

const secrets = new Set();
/**
 * Registers a value that must never be shown: the runner masks it in the job log, and `mask()`
 * removes it from anything this suite writes itself (errors, summaries, outputs of commands).
 */
function registerSecret(value) {
    if (!value)
        return;
    for (const candidate of [value, value.trim()]) {
        // Very short values would mask half the log and protect nothing.
        if (candidate.length < 4 || secrets.has(candidate))
            continue;
        secrets.add(candidate);
        lib_core.setSecret(candidate);
    }
}
function secrets_mask(text) {
    let result = text;
    // Longest first, so that a secret containing another is replaced whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length))
        result = result.split(secret).join('***');
    return result;
}
/** For tests: forget every registered secret. */
function clearSecrets() {
    secrets.clear();
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/exec.ts



class ExecError extends Error {
    result;
    name = 'ExecError';
    constructor(message, result) {
        super(message);
        this.result = result;
    }
}
/** How a command line is shown: each argument quoted when needed, secrets masked. */
function exec_describeCommand(file, args) {
    const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
    return mask([file, ...args].map(quote).join(' '));
}
/** The last lines of a program's error output, for an error message. */
function tail(text, lines = 10) {
    return text.trimEnd().split(/\r?\n/).slice(-lines).join('\n');
}
/**
 * Runs a program with an argument array, never through a shell. Output is captured (not streamed,
 * so nothing unmasked reaches the log) and a failure throws with the tail of its standard error.
 */
async function execArgv(file, args, options = {}) {
    const command = exec_describeCommand(file, args);
    if (options.quiet)
        core.debug(`$ ${command}`);
    else
        core.info(`$ ${command}`);
    const env = options.replaceEnv ? options.env : { ...process.env, ...options.env };
    const output = await getExecOutput(file, [...args], {
        cwd: options.cwd,
        env: env
            ? Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined))
            : undefined,
        input: options.input === undefined ? undefined : Buffer.from(options.input),
        silent: true,
        ignoreReturnCode: true,
    });
    const result = { exitCode: output.exitCode, stdout: output.stdout, stderr: output.stderr };
    if (result.stdout.trim())
        core.debug(mask(result.stdout.trimEnd()));
    if (result.stderr.trim())
        core.debug(mask(result.stderr.trimEnd()));
    if (result.exitCode !== 0 && !options.allowFailure) {
        const detail = tail(result.stderr) || tail(result.stdout);
        throw new ExecError(mask(`${command} exited with code ${result.exitCode}${detail ? `:\n${detail}` : ''}`), {
            ...result,
            stdout: mask(result.stdout),
            stderr: mask(result.stderr),
        });
    }
    return result;
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

;// CONCATENATED MODULE: ../../packages/action-kit/src/inert.ts
/**
 * Text the suite did not write (cluster events, file contents, tool output, some inputs) must never
 * act as a workflow command. The runner reads a command from a line that starts with `::` once
 * leading whitespace is trimmed, and from `##[name]` anywhere in a line; `\r` and `\n` both end a line.
 * A word joiner (U+2060, invisible) between the two characters keeps the text readable and makes it inert.
 */
const WORD_JOINER = '\u2060';
function inertLine(line) {
    const neutral = line.replaceAll('##[', `#${WORD_JOINER}#[`);
    const lead = /^\s*/.exec(neutral)[0];
    return neutral.startsWith('::', lead.length)
        ? `${lead}:${WORD_JOINER}${neutral.slice(lead.length + 1)}`
        : neutral;
}
/** One line, whatever the text holds: line breaks become ` ⏎ ` and commands are neutralised. */
function inert(text) {
    return inertLine(String(text).replace(/\r\n|\r|\n/g, ' ⏎ '));
}
/** Several lines, kept as lines (`\r\n` and a lone `\r` become `\n`), each neutralised. */
function inertLines(text) {
    return String(text)
        .split(/\r\n|\r|\n/)
        .map(inertLine)
        .join('\n');
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/inputs.ts


/** GitHub's rule: spaces become underscores, the name is upper-cased, hyphens stay. */
function inputEnvName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
function envInputGetter(env = process.env) {
    return (name) => env[inputEnvName(name)];
}
function describeRange({ min, max }) {
    if (min !== undefined && max !== undefined)
        return ` from ${min} to ${max}`;
    if (min !== undefined)
        return ` of at least ${min}`;
    if (max !== undefined)
        return ` of at most ${max}`;
    return '';
}
function fail(name, expected, got) {
    throw new ConfigurationError(`Input '${name}' must be ${expected}, got '${got}'`);
}
/**
 * Typed, strict reading of action inputs. Every optional reader returns undefined when the input is
 * empty, so callers can fall back to the delivery file and then to a default, in that order.
 */
class InputReader {
    get;
    constructor(get = envInputGetter()) {
        this.get = get;
    }
    /** The trimmed value, or undefined when empty. */
    optional(name) {
        const value = this.get(name)?.trim();
        return value ? value : undefined;
    }
    required(name, hint) {
        const value = this.optional(name);
        if (value === undefined) {
            throw new ConfigurationError(`Input '${name}' is required${hint ? ` (${hint})` : ''}`);
        }
        return value;
    }
    /** The value with its surrounding whitespace kept inside (multi-line YAML, scripts). */
    text(name) {
        const value = this.get(name);
        return value?.trim() ? value.replace(/^\s*\n/, '').replace(/\s+$/, '\n') : undefined;
    }
    matching(name, pattern, expected) {
        const value = this.optional(name);
        if (value !== undefined && !pattern.test(value))
            fail(name, expected, value);
        return value;
    }
    /** `true` or `false` only (any case); anything else is an error rather than a silent false. */
    boolean(name) {
        const value = this.optional(name);
        if (value === undefined)
            return undefined;
        const lower = value.toLowerCase();
        if (lower === 'true')
            return true;
        if (lower === 'false')
            return false;
        return fail(name, 'true or false', value);
    }
    oneOf(name, allowed) {
        const value = this.optional(name);
        if (value === undefined)
            return undefined;
        if (!allowed.includes(value))
            fail(name, `one of ${allowed.join(', ')}`, value);
        return value;
    }
    integer(name, range = {}) {
        const value = this.optional(name);
        if (value === undefined)
            return undefined;
        const n = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
        if (!Number.isSafeInteger(n) ||
            (range.min !== undefined && n < range.min) ||
            (range.max !== undefined && n > range.max)) {
            fail(name, `a whole number${describeRange(range)}`, value);
        }
        return n;
    }
    number(name, range = {}) {
        const value = this.optional(name);
        if (value === undefined)
            return undefined;
        const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
        if (!Number.isFinite(n) ||
            (range.min !== undefined && n < range.min) ||
            (range.max !== undefined && n > range.max)) {
            fail(name, `a number${describeRange(range)}`, value);
        }
        return n;
    }
    /** A duration in milliseconds, written as 90s, 10m, 1h or 1h30m. */
    duration(name, range = {}) {
        const value = this.optional(name);
        if (value === undefined)
            return undefined;
        const ms = parseDuration(value);
        if (ms === undefined)
            fail(name, 'a duration such as 90s, 10m or 1h', value);
        if (range.minMs !== undefined && ms < range.minMs)
            fail(name, `a duration of at least ${range.minMs / 1000}s`, value);
        if (range.maxMs !== undefined && ms > range.maxMs)
            fail(name, `a duration of at most ${range.maxMs / 1000}s`, value);
        return ms;
    }
    /**
     * One item per line (and, unless `commas` is false, per comma); blank lines and `#` comments are
     * skipped.
     */
    list(name, { commas = true } = {}) {
        const value = this.get(name);
        if (!value?.trim())
            return undefined;
        return value
            .split(/\r?\n/)
            .filter((line) => !line.trim().startsWith('#'))
            .flatMap((line) => (commas ? line.split(',') : [line]))
            .map((item) => item.trim())
            .filter(Boolean);
    }
}

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

;// CONCATENATED MODULE: ../../packages/action-kit/src/run.ts



function oneLine(text) {
    return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
/**
 * The one error boundary of an action. A ConfigurationError becomes a single `::error::` line
 * without a stack (the user can act on it); anything else is a bug or an outage: its message fails
 * the step and its stack goes to the debug log.
 */
async function runAction(main) {
    try {
        await main();
    }
    catch (error) {
        if (isConfigurationError(error)) {
            lib_core.setFailed(secrets_mask(oneLine(error.message)));
            return;
        }
        if (error instanceof Error) {
            if (error.stack)
                lib_core.debug(secrets_mask(error.stack));
            lib_core.setFailed(secrets_mask(error.message || error.name));
            return;
        }
        lib_core.setFailed(secrets_mask(String(error)));
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ../../packages/action-kit/src/spawn.ts



/** Thrown instead of starting a program once the action has been asked to stop. */
class InterruptedError extends Error {
    signal;
    name = 'InterruptedError';
    constructor(signal) {
        super(`Stopped: the runner sent ${signal} (the job was cancelled or the machine is shutting down)`);
        this.signal = signal;
    }
}
/** The program is not there (ENOENT): the caller knows which input names it. */
class ProgramNotFoundError extends Error {
    program;
    name = 'ProgramNotFoundError';
    constructor(program) {
        super(`${program} was not found`);
        this.program = program;
    }
}
const running = new Map();
let received;
let scopes = 0;
function onSignal(signal) {
    if (received) {
        core.info(`${signal} received again; still waiting for the running program to stop cleanly`);
        return;
    }
    received = signal;
    core.info(`${signal} received: asking ${running.size} running program(s) to stop cleanly`);
    for (const [child, state] of running) {
        state.signalled = true;
        child.kill(signal);
    }
}
/**
 * Runs `work` with SIGINT and SIGTERM caught: they stop the programs `spawnArgv` runs, cleanly,
 * and make the next `spawnArgv` throw `InterruptedError`, so that `finally` blocks still run.
 */
async function interruptible(work) {
    if (scopes++ === 0) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
    }
    try {
        return await work();
    }
    finally {
        if (--scopes === 0) {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        }
    }
}
/** The signal that asked this action to stop, if one did. */
function interruption() {
    return received;
}
function splitLines(stream, collect, onLine) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
        collect.push(chunk);
        if (!onLine)
            return;
        pending += chunk;
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
            onLine(pending.slice(0, newline).replace(/\r$/, ''));
            pending = pending.slice(newline + 1);
            newline = pending.indexOf('\n');
        }
    });
    stream.on('end', () => {
        if (onLine && pending)
            onLine(pending);
    });
}
/**
 * Runs a program with an argument array, never through a shell, streaming its lines to the
 * callbacks and capturing both streams. A non-zero exit is returned, not thrown: the caller reads
 * the program's own diagnostics. Nothing the program prints reaches the log from here.
 */
function spawnArgv(file, args, options = {}) {
    if (received)
        return Promise.reject(new InterruptedError(received));
    const command = describeCommand(file, args);
    if (options.quiet)
        core.debug(`$ ${command}`);
    else
        core.info(`$ ${command}`);
    const env = Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([, v]) => v !== undefined));
    return new Promise((resolve, reject) => {
        const child = spawn(file, [...args], {
            cwd: options.cwd,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
            // Its own process group inside interruptible(): only we pass signals on, exactly once.
            detached: scopes > 0,
        });
        const state = { signalled: false };
        running.set(child, state);
        const stdout = [];
        const stderr = [];
        splitLines(child.stdout, stdout, options.onStdoutLine);
        splitLines(child.stderr, stderr, options.onStderrLine);
        child.on('error', (error) => {
            running.delete(child);
            reject(error.code === 'ENOENT' ? new ProgramNotFoundError(file) : error);
        });
        child.on('close', (code, signal) => {
            running.delete(child);
            resolve({
                exitCode: code ?? (signal ? 128 : 1),
                stdout: stdout.join(''),
                stderr: stderr.join(''),
                ...(state.signalled && received ? { interrupted: received } : {}),
            });
        });
    });
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/summary.ts


/** Makes a value safe inside a Markdown table cell. */
function cell(value) {
    if (value === undefined || value === null || value === '')
        return '–';
    return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
function table(headers, rows) {
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
/** A collapsed section; the body is Markdown. */
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>\n\n${body.trim()}\n\n</details>`;
}
function mermaid(diagram) {
    return `\`\`\`mermaid\n${diagram.trim()}\n\`\`\``;
}
/** A fenced block whose fence is longer than any run of backticks inside, so the text cannot close it. */
function codeBlock(code, language = '') {
    const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`;
}
function heading(text, level = 2) {
    return `${'#'.repeat(level)} ${text}`;
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Joins sections with blank lines, masks secrets and appends them to the job summary. */
async function writeSummary(...sections) {
    const markdown = sections.filter(Boolean).join('\n\n');
    if (!process.env.GITHUB_STEP_SUMMARY) {
        lib_core.debug('GITHUB_STEP_SUMMARY is not set; the summary goes to the log only');
        lib_core.info(secrets_mask(markdown));
        return;
    }
    await lib_core.summary.addRaw(`${secrets_mask(markdown)}\n`).write();
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/template.ts

/** `{name}`: a name starts with a letter; braces around anything else are plain text. */
const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;
/**
 * Replaces each `{name}` with its value. A name without a value (absent or undefined) is a mistake
 * in the template, reported as one line starting with `what` (e.g. `Input 'commit-message'`) that
 * lists the names that do have one.
 */
function expandTemplate(template, values, what) {
    return template.replace(PLACEHOLDER, (whole, name) => {
        const value = Object.hasOwn(values, name) ? values[name] : undefined;
        if (value === undefined) {
            const known = Object.keys(values)
                .filter((key) => values[key] !== undefined)
                .map((key) => `{${key}}`);
            throw new ConfigurationError(`${what}: unknown placeholder ${whole} in '${template}' (known: ${known.join(', ')})`);
        }
        return value;
    });
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/workflow-run.ts
/** Where the repositories live: GITHUB_SERVER_URL, or github.com outside a runner. */
function githubServerUrl(env = process.env) {
    return env.GITHUB_SERVER_URL ?? 'https://github.com';
}
/** The web page of the workflow run this step belongs to, when the runner says which run it is. */
function workflowRunUrl(env = process.env) {
    const { GITHUB_RUN_ID: runId, GITHUB_REPOSITORY: repository } = env;
    return runId && repository ? `${githubServerUrl(env)}/${repository}/actions/runs/${runId}` : undefined;
}

;// CONCATENATED MODULE: ../../packages/action-kit/src/index.ts















/***/ }),

/***/ 1112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AA: () => (/* binding */ tagOrDigest),
/* harmony export */   B3: () => (/* binding */ TAG_OR_DIGEST_PATTERN),
/* harmony export */   CU: () => (/* binding */ hasTagOrDigest),
/* harmony export */   F3: () => (/* binding */ isWantedImage),
/* harmony export */   Q: () => (/* binding */ parseImageRef)
/* harmony export */ });
/* unused harmony exports TAG_PATTERN, DIGEST_PATTERN, normalizeRepository, sameRepository */
/** The OCI distribution grammar for a tag. */
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** The OCI image-spec grammar for a digest: `algorithm:encoded`, e.g. `sha256:…`. */
const DIGEST_PATTERN = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]+$/;
/** A `tag` input that may pin the revision by digest instead. */
const TAG_OR_DIGEST_PATTERN = new RegExp(`${TAG_PATTERN.source}|${DIGEST_PATTERN.source}`);
/** Host (with an optional port) and path; letters of either case, compared without it. */
const REPOSITORY_PATTERN = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?$/i;
/**
 * Splits `registry[:port]/path[:tag][@digest]`. The tag is after the last colon that follows the
 * last slash, so a registry port is never mistaken for a tag. Anything off the grammar is undefined.
 */
function parseImageRef(text) {
    const trimmed = text.trim();
    if (!trimmed || /\s/.test(trimmed))
        return undefined;
    const at = trimmed.indexOf('@');
    const named = at < 0 ? trimmed : trimmed.slice(0, at);
    const digest = at < 0 ? undefined : trimmed.slice(at + 1);
    const slash = named.lastIndexOf('/');
    const colon = named.lastIndexOf(':');
    const ref = colon > slash ? { repository: named.slice(0, colon), tag: named.slice(colon + 1) } : { repository: named };
    if (digest !== undefined)
        ref.digest = digest;
    if (!REPOSITORY_PATTERN.test(ref.repository))
        return undefined;
    if (ref.tag !== undefined && !TAG_PATTERN.test(ref.tag))
        return undefined;
    if (ref.digest !== undefined && !DIGEST_PATTERN.test(ref.digest))
        return undefined;
    return ref;
}
/** Whether the text is an image reference that names a tag or a digest (and so one revision). */
function hasTagOrDigest(text) {
    const ref = parseImageRef(text);
    return ref?.tag !== undefined || ref?.digest !== undefined;
}
/**
 * `nginx`, `library/nginx`, `docker.io/library/nginx` and `index.docker.io/nginx` are one repository
 * on Docker Hub; host names are case-insensitive and registries refuse upper-case paths, so case
 * never tells two repositories apart.
 */
function normalizeRepository(repository) {
    return repository
        .toLowerCase()
        .replace(/^(index\.)?docker\.io\//, '')
        .replace(/^library\//, '');
}
function sameRepository(a, b) {
    return normalizeRepository(a) === normalizeRepository(b);
}
/** A `tag` input that may hold a digest instead (`sha256:…`), as the field it belongs in. */
function tagOrDigest(value) {
    // The tag grammar has no colon and the digest grammar needs one, so the two never overlap.
    return TAG_PATTERN.test(value) ? { tag: value } : { digest: value };
}
/**
 * Whether `ref` is the wanted revision: the same repository (when one is wanted), and the wanted
 * digest, or else the wanted tag. A digest names the content, so it decides when both are given; a
 * reference pinned as `repo:tag@digest` still carries its tag. Wanting neither matches nothing.
 */
function isWantedImage(ref, wanted) {
    if (wanted.repository !== undefined && !sameRepository(ref.repository, wanted.repository))
        return false;
    if (wanted.digest !== undefined)
        return ref.digest === wanted.digest;
    return wanted.tag !== undefined && ref.tag === wanted.tag;
}


/***/ })

};
