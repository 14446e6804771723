import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1490:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7966);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8417);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1575);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2935);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6929);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(5014);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1890);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(1323);

/**
 * A cancelled job gets SIGINT, then SIGTERM 7.5 s later, then SIGKILL: the first signal stops the
 * bump (a push in flight may still finish), the second stops the push too.
 */
function cancellation(pushGraceMs) {
    const cancel = new AbortController();
    const abandon = new AbortController();
    const onSignal = (name) => {
        if (!cancel.signal.aborted) {
            _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${name}: cancelling; a push in flight gets ${pushGraceMs / 1000}s to finish, so that its outcome is known`);
            cancel.abort(name);
        }
        else if (!abandon.signal.aborted) {
            _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${name} again: stopping the push in flight`);
            abandon.abort(name);
        }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return { signal: cancel.signal, abandonPush: abandon.signal };
}
async function main() {
    const inputs = new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .InputReader */ .i_();
    const token = inputs.optional('token');
    (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .registerSecret */ .cl)(token);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const resolved = await deliveryFile(inputs.optional('config'), inputs.optional('environment'), workspace);
    const tag = inputs.required('tag');
    const app = either(inputs.optional('app'), resolved?.app);
    if (!app)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j("Input 'app' is required (or 'config' with a delivery file)");
    const environment = either(inputs.optional('environment'), resolved?.environment);
    if (!environment)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j("Input 'environment' is required");
    const repository = either(inputs.optional('repository'), resolved?.gitops.repository);
    if (!repository)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j("Input 'repository' is required (or gitops.repository in the delivery file)");
    const file = either(inputs.optional('file'), resolved?.gitops.file);
    if (!file)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j("Input 'file' is required (or gitops.file in the delivery file)");
    const mode = inputs.oneOf('mode', ['push', 'pull-request']) ?? 'push';
    // Git, YAML and the GitHub client load only once the inputs hold, so that the step starts fast.
    const { bumpGitopsTag, PUSH_GRACE_MS } = await Promise.all(/* import() */[__nccwpck_require__.e(293), __nccwpck_require__.e(258), __nccwpck_require__.e(424)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2424));
    const cancel = cancellation(PUSH_GRACE_MS);
    const result = await bumpGitopsTag({
        repository,
        serverUrl: (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .githubServerUrl */ .E)(),
        apiUrl: process.env.GITHUB_API_URL,
        workspace,
        branch: either(inputs.optional('branch'), resolved?.gitops.branch) ?? 'main',
        file,
        app,
        environment,
        namespace: resolved?.namespace,
        tag,
        image: either(inputs.optional('image'), resolved?.image),
        field: inputs.optional('field'),
        values: inputs.text('values'),
        mode,
        token,
        commitMessage: inputs.text('commit-message'),
        author: inputs.optional('author'),
        maxAttempts: inputs.integer('max-attempts', { min: 1, max: 50 }) ?? 15,
        dryRun: inputs.boolean('dry-run') ?? false,
        ifCurrentTag: inputs.optional('if-current-tag'),
        source: {
            repository: process.env.GITHUB_REPOSITORY,
            sha: process.env.GITHUB_SHA,
            runUrl: (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .workflowRunUrl */ .C)(),
        },
        tempDir: process.env.RUNNER_TEMP,
        // The lines carry text from the file and the remote: never a workflow command.
        log: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .t)(line)),
        debug: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(line),
        ...cancel,
    });
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('changed', result.changed);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('previous-tag', result.previousTag ?? '');
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('commit-sha', result.commitSha ?? '');
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('file', result.file);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('pull-request-number', result.pullRequest?.number ?? '');
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('pull-request-url', result.pullRequest?.url ?? '');
    const rows = [
        ['app', app],
        ['environment', environment],
        ['repository', `${result.repository} (${result.branch})`],
        ['file', code(result.file)],
        ['field', result.field ? code(result.field) : '(not read)'],
        ['tag', tagChange(result, tag)],
        ['commit', commitOutcome(result)],
    ];
    if (result.pullRequest)
        rows.push([
            'pull request',
            `[#${result.pullRequest.number}](${result.pullRequest.url}) ${result.pullRequest.created ? 'opened' : 'updated'}`,
        ]);
    if (result.attempts > 1)
        rows.push(['attempts', `${result.attempts} (see the log for why)`]);
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .writeSummary */ .Sy)((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .heading */ .R_)(`bump-gitops-tag: ${app} → ${tag} in ${environment}`), (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .table */ .tp)(['', 'this run'], rows), result.diff ? (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .details */ .zH)(`diff of ${result.file}`, (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .codeBlock */ .DV)(result.diff, 'diff'), true) : '');
    if (result.outcome === 'cancelled') {
        throw new Error(`cancelled by ${String(cancel.signal.reason)}: ${commitOutcome(result)}`);
    }
}
/** The delivery file's settings for the environment; its loader is evaluated only when there is one. */
async function deliveryFile(config, environment, workspace) {
    if (!config)
        return undefined;
    const { resolveFromInputs } = await Promise.all(/* import() */[__nccwpck_require__.e(293), __nccwpck_require__.e(820)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9820));
    return resolveFromInputs({ config, environment, workspace });
}
/** The explicit input, else the delivery file's value. */
const either = (input, fromFile) => input ?? fromFile;
/** Inline code that holds any text, backticks included. */
function code(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}
/** The tag row says what happened to the tag, and only claims a change that was made. */
function tagChange(result, tag) {
    const before = code(result.previousTag ?? '(none)');
    switch (result.outcome) {
        case 'left-alone':
            return `${before}, left alone: the file does not hold ${code(result.ifCurrentTag ?? '')}`;
        case 'up-to-date':
            return `${code(tag)} already`;
        default:
            return result.changed ? `${before} → ${code(tag)}` : `${before} (${code(tag)} not written)`;
    }
}
function commitOutcome(result) {
    const commit = result.commitSha
        ? result.commitUrl
            ? `[${result.commitSha.slice(0, 12)}](${result.commitUrl})`
            : code(result.commitSha.slice(0, 12))
        : '';
    switch (result.outcome) {
        case 'pushed':
            return commit || 'pushed by an earlier attempt (its commit is on the branch, with more since)';
        case 'up-to-date':
            return 'already at this tag: nothing committed';
        case 'left-alone':
            return 'nothing committed (if-current-tag)';
        case 'dry-run':
            return result.changed ? 'dry run: nothing pushed' : 'dry run: already up to date';
        case 'cancelled':
            if (result.push === 'landed')
                return `cancelled after the push landed: ${commit}`;
            if (result.push === 'unconfirmed')
                return 'cancelled during the push: not confirmed, it may still land (changed=true, so that a revert guard runs)';
            return 'cancelled before the push: nothing pushed';
    }
}
await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_7__/* .runAction */ .C)(main);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2572:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i_: () => (/* binding */ InputReader)
/* harmony export */ });
/* unused harmony exports inputEnvName, envInputGetter */
/* harmony import */ var _duration__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2572);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2935);


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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2935);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1575);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7966);



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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   dK: () => (/* binding */ mask)
/* harmony export */ });
/* unused harmony export clearSecrets */
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7966);

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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports isDebug, notice, warning, error, saveState, getState, exportVariable, addPath, startGroup, endGroup */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
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

/***/ 1890:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   R_: () => (/* binding */ heading),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony exports cell, mermaid, escapeHtml */
/* harmony import */ var _inert__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5014);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1575);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7966);



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
    if ((0,_step__WEBPACK_IMPORTED_MODULE_0__/* .appendSummary */ .fe)(`${(0,_secrets__WEBPACK_IMPORTED_MODULE_1__/* .mask */ .dK)(markdown)}\n`))
        return;
    (0,_step__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz)('GITHUB_STEP_SUMMARY is not set; the summary goes to the log only');
    // In the log, the summary's text (values, file contents) must not act as workflow commands.
    (0,_step__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq)((0,_inert__WEBPACK_IMPORTED_MODULE_2__/* .inertLines */ .w)((0,_secrets__WEBPACK_IMPORTED_MODULE_1__/* .mask */ .dK)(markdown)));
}


/***/ }),

/***/ 6929:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ workflowRunUrl),
/* harmony export */   E: () => (/* binding */ githubServerUrl)
/* harmony export */ });
/** Where the repositories live: GITHUB_SERVER_URL, or github.com outside a runner. */
function githubServerUrl(env = process.env) {
    return env.GITHUB_SERVER_URL ?? 'https://github.com';
}
/** The web page of the workflow run this step belongs to, when the runner says which run it is. */
function workflowRunUrl(env = process.env) {
    const { GITHUB_RUN_ID: runId, GITHUB_REPOSITORY: repository } = env;
    return runId && repository ? `${githubServerUrl(env)}/${repository}/actions/runs/${runId}` : undefined;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(1490);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
