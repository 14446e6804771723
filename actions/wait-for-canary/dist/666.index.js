export const id = 666;
export const ids = [666];
export const modules = {

/***/ 9895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ readInputs),
  i: () => (/* binding */ readReportSettings)
});

// EXTERNAL MODULE: ../../packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(1575);
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

// EXTERNAL MODULE: ../../packages/action-kit/src/inputs.ts
var src_inputs = __webpack_require__(8417);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
// EXTERNAL MODULE: ../../packages/image-ref/src/index.ts
var src = __webpack_require__(1112);
;// CONCATENATED MODULE: ./src/inputs.ts


/** Where the commit status goes: the inputs both steps read (the post step may have to finish it). */
function readReportSettings(inputs, defaultContext) {
    const token = inputs.optional('token');
    (0,secrets/* registerSecret */.cl)(token);
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
        targetUrl: workflowRunUrl(),
        minIntervalMs: Number(process.env.WAIT_FOR_CANARY_STATUS_INTERVAL_MS) || undefined,
    };
}
/** The main step's inputs, checked; the delivery file is read (and its parser loaded) only when given. */
async function readInputs() {
    const inputs = new src_inputs/* InputReader */.i_();
    const environment = inputs.optional('environment');
    const config = inputs.optional('config');
    const resolved = config
        ? (await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(639)]).then(__webpack_require__.bind(__webpack_require__, 5639))).resolveFromInputs({
            config,
            environment,
            workspace: process.env.GITHUB_WORKSPACE,
        })
        : undefined;
    const name = inputs.optional('name') ?? resolved?.canary.name ?? resolved?.app;
    if (!name)
        throw new errors/* ConfigurationError */.j("Input 'name' is required (the Flagger Canary's name), or give 'config'");
    const tag = inputs.matching('tag', src/* TAG_OR_DIGEST_PATTERN */.B3, 'an image tag (letters, digits, _ . -, up to 128) or a digest (sha256:…)');
    const image = inputs.optional('image') ?? (tag ? resolved?.image : undefined);
    if (!tag && !image) {
        throw new errors/* ConfigurationError */.j("Input 'tag' or 'image' is required: what the new revision must run");
    }
    if (image && !tag && !(0,src/* hasTagOrDigest */.CU)(image)) {
        throw new errors/* ConfigurationError */.j(`Input 'image' must carry a tag or digest (e.g. ${image}:1.2.3) when 'tag' is not given, got '${image}'`);
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

/***/ 2572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
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


/***/ }),

/***/ 2935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ ConfigurationError),
/* harmony export */   p: () => (/* binding */ isConfigurationError)
/* harmony export */ });
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


/***/ }),

/***/ 5014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ inert),
/* harmony export */   w: () => (/* binding */ inertLines)
/* harmony export */ });
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


/***/ }),

/***/ 8417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i_: () => (/* binding */ InputReader)
/* harmony export */ });
/* unused harmony exports inputEnvName, envInputGetter */
/* harmony import */ var _duration__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2572);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2935);


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
    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`Input '${name}' must be ${expected}, got '${got}'`);
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
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`Input '${name}' is required${hint ? ` (${hint})` : ''}`);
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
        const ms = (0,_duration__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(value);
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


/***/ }),

/***/ 1323:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2935);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1575);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7966);



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
        if ((0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .isConfigurationError */ .p)(error)) {
            (0,_step__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1)((0,_secrets__WEBPACK_IMPORTED_MODULE_2__/* .mask */ .dK)(oneLine(error.message)));
            return;
        }
        if (error instanceof Error) {
            if (error.stack)
                (0,_step__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz)((0,_secrets__WEBPACK_IMPORTED_MODULE_2__/* .mask */ .dK)(error.stack));
            (0,_step__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1)((0,_secrets__WEBPACK_IMPORTED_MODULE_2__/* .mask */ .dK)(error.message || error.name));
            return;
        }
        (0,_step__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1)((0,_secrets__WEBPACK_IMPORTED_MODULE_2__/* .mask */ .dK)(String(error)));
    }
}


/***/ }),

/***/ 1575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   dK: () => (/* binding */ mask)
/* harmony export */ });
/* unused harmony export clearSecrets */
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7966);

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
        (0,_step__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq)(candidate);
    }
}
function mask(text) {
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


/***/ }),

/***/ 7966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports isDebug, error, getState, exportVariable, addPath, startGroup, endGroup */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * What a step says to the runner: workflow commands on standard output (`::name props::message`)
 * and file commands (appending to the files named by GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV,
 * GITHUB_PATH and GITHUB_STEP_SUMMARY). The suite's own small implementation of that protocol:
 * `@actions/core` loads an HTTP client for OIDC tokens at start-up, which no step here needs and
 * which cost every step about 20 ms before it read its first input.
 */



/** A value as the runner receives it: text as it is, anything else as JSON. */
function asText(value) {
    if (value === undefined || value === null)
        return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
}
// The runner decodes these escapes: a message or property can never end the command's line.
const escapeData = (text) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
function issue(name, message, properties = {}) {
    const props = Object.entries(properties)
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => `${key}=${escapeProperty(asText(value))}`)
        .join(',');
    process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
/** Appends to a file command's file; false when the runner named none (a very old runner, or none). */
function appendTo(variable, text) {
    const file = process.env[variable];
    if (!file)
        return false;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, text, 'utf8');
    return true;
}
/**
 * `name<<delimiter` / value / `delimiter`, with a delimiter that occurs in neither, so that no value
 * can end itself early and smuggle in another output. (Chosen by checking, not with node:crypto,
 * whose loading alone cost a step about 20 ms.)
 */
function keyValue(name, value) {
    let end = `ghadelimiter_${Date.now().toString(36)}`;
    while (name.includes(end) || value.includes(end))
        end += Math.random().toString(36).slice(2);
    return `${name}<<${end}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}${end}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`;
}
function annotation(level, message, at) {
    issue(level, message, {
        title: at.title,
        file: at.file,
        line: at.startLine,
        endLine: at.endLine,
        col: at.startColumn,
        endColumn: at.endColumn,
    });
}
function info(message) {
    process.stdout.write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
}
/** Shown only when the run has step debugging on. */
function debug(message) {
    issue('debug', message);
}
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function notice(message, at = {}) {
    annotation('notice', message, at);
}
function warning(message, at = {}) {
    annotation('warning', message, at);
}
function error(message, at = {}) {
    annotation('error', message, at);
}
/** An error annotation, and the step fails once the process ends. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function setSecret(value) {
    issue('add-mask', value);
}
function setOutput(name, value) {
    if (appendTo('GITHUB_OUTPUT', keyValue(name, asText(value))))
        return;
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_1__.EOL);
    issue('set-output', asText(value), { name });
}
/** Kept for the post step of the same action, which reads it with getState. */
function saveState(name, value) {
    if (!appendTo('GITHUB_STATE', keyValue(name, asText(value))))
        issue('save-state', asText(value), { name });
}
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
/** Sets a variable for this process and for the job's later steps. */
function exportVariable(name, value) {
    const text = asText(value);
    process.env[name] = text;
    if (!appendTo('GITHUB_ENV', keyValue(name, text)))
        issue('set-env', text, { name });
}
/** Puts a folder first on PATH, for this process and for the job's later steps. */
function addPath(folder) {
    if (!appendTo('GITHUB_PATH', `${folder}${EOL}`))
        issue('add-path', folder);
    process.env.PATH = `${folder}${delimiter}${process.env.PATH ?? ''}`;
}
function startGroup(title) {
    issue('group', title);
}
function endGroup() {
    issue('endgroup', '');
}
/** Appends Markdown to the job summary; false when the runner gave no summary file. */
function appendSummary(markdown) {
    return appendTo('GITHUB_STEP_SUMMARY', markdown);
}


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
