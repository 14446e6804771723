import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1490:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8417);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1575);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7966);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2935);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(1890);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1323);
/* harmony import */ var _canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4561);


async function main() {
    const inputs = new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .InputReader */ .i_();
    // Multi-line inputs are read raw, so that errors name the line as the workflow has it.
    const raw = (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .envInputGetter */ .tt)();
    const token = inputs.optional('token');
    (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .registerSecret */ .cl)(token);
    const secrets = (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .parseSecretVariables */ .FI)(raw('secret-variables'), process.env);
    for (const name of (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .registerSecretValues */ .om)([...secrets.given, ...secrets.fromEnvironment]))
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`The secret value of '${name}' is shorter than 4 characters and cannot be masked`);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const command = inputs.oneOf('command', ['plan', 'apply', 'check']) ?? 'plan';
    const environment = inputs.required('environment');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(environment))
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j(`Input 'environment' must be a name of letters, digits, '.', '-' and '_', got '${environment}'`);
    const directory = (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .resolveWorkingDirectory */ .dO)(inputs.optional('working-directory') ?? '.', workspace);
    const varFilesText = raw('var-files');
    const varFiles = varFilesText?.trim()
        ? (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .parseVarFiles */ .Q1)(varFilesText, environment, directory.path)
        : [(0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .defaultVarFile */ .Hv)(directory.path, environment)].filter((file) => file !== undefined);
    const fingerprintText = inputs.optional('plan-fingerprint');
    const planFingerprint = fingerprintText === undefined ? undefined : (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .normaliseFingerprint */ .Zd)(fingerprintText);
    if (fingerprintText !== undefined && !planFingerprint)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j(`Input 'plan-fingerprint' must be sha256: and 64 hex digits (the plan-fingerprint output of the reviewed plan), got '${fingerprintText}'`);
    const binary = (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .resolveBinary */ .uX)(inputs.optional('binary') ?? 'terraform', workspace);
    if (binary.note)
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(binary.note);
    const pullRequest = (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .pullRequestOfEvent */ .My)(process.env.GITHUB_EVENT_NAME, process.env.GITHUB_EVENT_PATH);
    const comment = command === 'plan' && (inputs.boolean('comment') ?? pullRequest !== undefined);
    if (comment && !pullRequest)
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq('Not a pull request event: the plan goes to the job summary only');
    const repository = process.env.GITHUB_REPOSITORY;
    if (comment && pullRequest && !token)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j("Input 'token' is required for the plan comment (or comment: false)");
    const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
    const runUrl = repository && process.env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : undefined;
    const result = await (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .provisionInfra */ .YK)({
        command,
        workingDirectory: directory.path,
        label: directory.label,
        environment,
        varFiles,
        variables: (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .parseVariables */ .rf)(raw('variables')),
        secretVariables: secrets.given,
        backendConfig: (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .parseBackendConfig */ .az)(raw('backend-config'), environment),
        workspace: (0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .parseWorkspace */ .Vs)(inputs.optional('workspace'), environment),
        planFingerprint,
        allowDestroy: inputs.boolean('allow-destroy') ?? false,
        lockTimeoutMs: inputs.duration('lock-timeout', { maxMs: 24 * 3_600_000 }) ?? 300_000,
        binary: binary.file,
        hostsOutput: inputs.matching('hosts-output', /^[A-Za-z_][A-Za-z0-9_-]*$/, 'a Terraform output name') ?? 'hosts',
        tempDir: process.env.RUNNER_TEMP ?? workspace,
        github: token && repository
            ? {
                token,
                apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
                repository,
                sha: process.env.GITHUB_SHA,
                ...(pullRequest ? { pullRequest } : {}),
                comment,
                ...(runUrl ? { runUrl } : {}),
                log: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(line),
            }
            : undefined,
        log: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(line),
    });
    const { counts } = result.facts;
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('result', result.result);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('changes', result.facts.changes.length + result.facts.outputs.length > 0);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('to-add', counts.add);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('to-change', counts.change);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('to-destroy', counts.destroy);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('plan-fingerprint', result.fingerprint);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('outputs', JSON.stringify(result.outputs));
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH('hosts', JSON.stringify(result.hosts));
    for (const warning of result.warnings)
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .mask */ .dK)(warning));
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .writeSummary */ .Sy)(...(0,_canary_delivery_infra__WEBPACK_IMPORTED_MODULE_0__/* .renderSummary */ .Br)(result));
    if (result.failure)
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .setFailed */ .C1((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .mask */ .dK)(result.failure));
}
await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .runAction */ .C)(main);

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
/* harmony export */   i_: () => (/* binding */ InputReader),
/* harmony export */   tt: () => (/* binding */ envInputGetter)
/* harmony export */ });
/* unused harmony export inputEnvName */
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
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports isDebug, notice, error, saveState, getState, exportVariable, addPath, startGroup, endGroup */
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

/***/ 4561:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Hv: () => (/* reexport */ defaultVarFile),
  Zd: () => (/* reexport */ normaliseFingerprint),
  az: () => (/* reexport */ parseBackendConfig),
  FI: () => (/* reexport */ parseSecretVariables),
  Q1: () => (/* reexport */ parseVarFiles),
  rf: () => (/* reexport */ parseVariables),
  Vs: () => (/* reexport */ parseWorkspace),
  YK: () => (/* reexport */ provisionInfra),
  My: () => (/* reexport */ pullRequestOfEvent),
  om: () => (/* reexport */ registerSecretValues),
  Br: () => (/* reexport */ renderSummary),
  uX: () => (/* reexport */ resolveBinary),
  dO: () => (/* reexport */ resolveWorkingDirectory)
});

// UNUSED EXPORTS: CHAIN_ENVIRONMENTS, COMMENT_LIMIT, FINGERPRINT_PATTERN, StateLockedError, Terraform, TerraformError, TerraformInterruptedError, canonicalJson, compareDigests, describeCounts, describeDiagnostic, describeLock, expandEnvironment, fingerprintOf, hasIntent, hideSensitive, holdsSecret, hostsFromOutputs, intentDigests, isIntent, isPlanCommentFor, parseLockInfo, parseMarker, parsePlanJson, parseTextDiagnostics, parseUiLine, planAsDiff, planFacts, planIntent, publicOutputs, renderPlanComment, reviewedPlanOfCommit, secretVariants

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ../../packages/infra/src/plan-json.ts
/**
 * The parts of `terraform show -json <planfile>` this package reads (Terraform's JSON output format,
 * the same in OpenTofu). Everything else in the document is ignored.
 */
/** Reads the document, checking only the shape this package relies on. */
function parsePlanJson(text) {
    const data = JSON.parse(text);
    if (!data || typeof data !== 'object' || Array.isArray(data))
        throw new Error('terraform show -json did not print a JSON object');
    for (const list of [data.resource_changes, data.resource_drift]) {
        if (list !== undefined && !Array.isArray(list))
            throw new Error('resource_changes is not a list');
        for (const entry of list ?? [])
            if (typeof entry?.address !== 'string' || !Array.isArray(entry.change?.actions))
                throw new Error('a resource change has no address or actions');
    }
    return data;
}
const only = (actions, action) => actions.length === 1 && actions[0] === action;
/** Terraform's own wording: delete-then-create or create-then-delete is a replacement. */
function isReplace(actions) {
    return actions.includes('delete') && actions.includes('create');
}
/**
 * Whether a resource change is intent: something applying the plan would do. Nothing to do
 * (`no-op`) and reading a data source (`read`) are not, unless the no-op moves or imports the object.
 */
function isIntent(resource) {
    const { actions } = resource.change;
    if (only(actions, 'read'))
        return false;
    if (only(actions, 'no-op'))
        return Boolean(resource.change.importing) || resource.previous_address !== undefined;
    return true;
}
/** The counts Terraform prints after a plan (`Plan: 1 to add, 0 to change, 1 to destroy`), and more. */
function planFacts(plan) {
    const counts = { add: 0, change: 0, destroy: 0, import: 0, forget: 0 };
    const replaced = [];
    const deleted = [];
    const changes = [];
    for (const resource of plan.resource_changes ?? []) {
        const { actions } = resource.change;
        if (resource.change.importing)
            counts.import++;
        if (!isIntent(resource))
            continue;
        changes.push({ address: resource.address, actions });
        if (actions.includes('create'))
            counts.add++;
        if (actions.includes('update'))
            counts.change++;
        if (actions.includes('delete'))
            counts.destroy++;
        if (actions.includes('forget'))
            counts.forget++;
        if (isReplace(actions))
            replaced.push({
                address: resource.address,
                ...(resource.action_reason ? { reason: resource.action_reason } : {}),
            });
        else if (actions.includes('delete'))
            deleted.push(resource.address);
    }
    const outputs = Object.entries(plan.output_changes ?? {})
        .filter(([, change]) => !only(change.actions, 'no-op'))
        .map(([name]) => name)
        .sort();
    const drifted = (plan.resource_drift ?? []).map((resource) => ({
        address: resource.address,
        actions: resource.change.actions,
    }));
    return { counts, replaced, deleted, outputs, drifted, changes };
}
function hasIntent(facts) {
    return facts.changes.length > 0 || facts.outputs.length > 0;
}
/** `2 to add, 1 to change, 0 to destroy` (plus imports and forgets when there are any). */
function describeCounts(counts) {
    const parts = [`${counts.add} to add`, `${counts.change} to change`, `${counts.destroy} to destroy`];
    if (counts.import)
        parts.push(`${counts.import} to import`);
    if (counts.forget)
        parts.push(`${counts.forget} to forget`);
    return parts.join(', ');
}

;// CONCATENATED MODULE: ../../packages/infra/src/fingerprint.ts


/**
 * The plan fingerprint: what applying the plan would do, by meaning rather than by text.
 *
 * Counted: each resource change that is intent (see `isIntent`) with its address, previous address,
 * deposed key, mode, type, name, index, actions, planned values (`after`), which of them are unknown
 * or sensitive, `before_sensitive`, `replace_paths` and `importing`; and each output that changes,
 * with its actions, planned value and which parts are unknown or sensitive.
 * Not counted: refresh-only drift (`resource_drift`), the prior state, values before the change,
 * timestamps, Terraform's version, the format version, the order of keys or of resources, the
 * working directory and the machine. Sensitive values are replaced by their SHA-256 before anything
 * is hashed or shown.
 */
const FORMAT = 'provision-infra/fingerprint/1';
const FINGERPRINT_PATTERN = /^sha256:[0-9a-f]{64}$/;
function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
function canonicalJson(value) {
    if (value === undefined)
        return 'null';
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    const entries = Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
/**
 * The value with every part `sensitive` marks (Terraform's `after_sensitive` shape: `true` for a
 * sensitive value, objects and lists mirroring the value otherwise) replaced by its hash.
 */
function hideSensitive(value, sensitive) {
    if (value === undefined)
        return null;
    if (sensitive === true)
        return { sensitive: `sha256:${sha256(canonicalJson(value))}` };
    if (sensitive === null || typeof sensitive !== 'object' || value === null || typeof value !== 'object')
        return value;
    if (Array.isArray(value))
        return value.map((item, i) => hideSensitive(item, Array.isArray(sensitive) ? sensitive[i] : undefined));
    const marks = sensitive;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [
        key,
        hideSensitive(item, Array.isArray(sensitive) ? undefined : marks[key]),
    ]));
}
function changeIntent(change, withBeforeSensitive) {
    return {
        actions: change.actions,
        after: hideSensitive(change.after, change.after_sensitive),
        after_unknown: change.after_unknown ?? null,
        after_sensitive: change.after_sensitive ?? null,
        ...(withBeforeSensitive
            ? {
                before_sensitive: change.before_sensitive ?? null,
                replace_paths: change.replace_paths ?? null,
                importing: change.importing ?? null,
            }
            : {}),
    };
}
function resourceKey(resource) {
    return resource.deposed ? `${resource.address} (deposed ${resource.deposed})` : resource.address;
}
function planIntent(plan) {
    const resources = {};
    for (const resource of plan.resource_changes ?? []) {
        if (!isIntent(resource))
            continue;
        resources[resourceKey(resource)] = {
            address: resource.address,
            previous_address: resource.previous_address ?? null,
            deposed: resource.deposed ?? null,
            mode: resource.mode,
            type: resource.type,
            name: resource.name,
            index: resource.index ?? null,
            ...changeIntent(resource.change, true),
        };
    }
    const outputs = {};
    for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
        if (change.actions.length === 1 && change.actions[0] === 'no-op')
            continue;
        outputs[name] = changeIntent(change, false);
    }
    return { resources, outputs };
}
function fingerprintOf(intent) {
    return `sha256:${sha256(canonicalJson({ format: FORMAT, ...intent }))}`;
}
/** 32 bits: enough to say which resources differ; whether to apply is decided by the whole fingerprint. */
const digest = (value) => sha256(canonicalJson(value)).slice(0, 8);
/**
 * A short digest per resource and output (`output.<name>`), so that a later plan can say which of
 * them differ from the reviewed one without the review having to store any value.
 */
function intentDigests(intent) {
    const digests = {};
    for (const [key, value] of Object.entries(intent.resources))
        digests[key] = digest(value);
    for (const [name, value] of Object.entries(intent.outputs))
        digests[`output.${name}`] = digest(value);
    return digests;
}
function compareDigests(reviewed, current) {
    const keys = [...new Set([...Object.keys(reviewed), ...Object.keys(current)])].sort();
    const difference = { added: [], removed: [], changed: [] };
    for (const key of keys) {
        if (!(key in reviewed))
            difference.added.push(key);
        else if (!(key in current))
            difference.removed.push(key);
        else if (reviewed[key] !== current[key])
            difference.changed.push(key);
    }
    return difference;
}
/** Accepts `sha256:<64 hex>` or the 64 hex digits alone; undefined for anything else. */
function normaliseFingerprint(text) {
    const trimmed = text.trim().toLowerCase();
    const full = trimmed.startsWith('sha256:') ? trimmed : `sha256:${trimmed}`;
    return FINGERPRINT_PATTERN.test(full) ? full : undefined;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: ../../packages/action-kit/src/secrets.ts
var secrets = __nccwpck_require__(1575);
;// CONCATENATED MODULE: ../../packages/infra/src/secrets.ts

/** Below this length a value is not masked (it would blank out half the log); the kit's rule. */
const SHORTEST_MASKED = 4;
/**
 * The forms in which a value may show up in what Terraform prints: as given, escaped as a JSON or
 * HCL string (quotes, backslashes, line breaks, `${` and `%{` templates), and, for a value of several
 * lines (a key, a certificate), each line alone, as a heredoc in the plan shows it.
 */
function secretVariants(value) {
    const variants = new Set([value, value.trim()]);
    const json = JSON.stringify(value).slice(1, -1);
    variants.add(json);
    variants.add(json.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'));
    if (/\r?\n/.test(value))
        for (const line of value.split(/\r?\n/))
            variants.add(line.trim());
    return [...variants].filter((variant) => variant.length >= SHORTEST_MASKED);
}
/**
 * Registers secret values with the runner's masking and with the kit's `mask()`, which every text
 * this package produces (log lines, the comment, the summary, error messages) goes through.
 * Returns the names of values too short to be masked, for a warning.
 */
function registerSecretValues(values) {
    const tooShort = [];
    for (const { name, value } of values) {
        if (value.trim().length < SHORTEST_MASKED) {
            if (value.trim())
                tooShort.push(name);
            continue;
        }
        for (const variant of secretVariants(value))
            (0,secrets/* registerSecret */.cl)(variant);
    }
    return tooShort;
}
/** Whether a text holds any registered secret. */
function holdsSecret(text) {
    return (0,secrets/* mask */.dK)(text) !== text;
}

;// CONCATENATED MODULE: ../../packages/infra/src/hosts.ts


/** The environments of the chain; with the seed's layout, outputs so named hold each host's address. */
const CHAIN_ENVIRONMENTS = ['devops', 'monitor', 'sit', 'uat', 'prod'];
/**
 * The outputs that may leave the job: not those Terraform marks sensitive, and not those holding a
 * value that came in as a secret (a provider or module need not mark it sensitive).
 */
function publicOutputs(outputs) {
    const values = {};
    const withheld = [];
    for (const name of Object.keys(outputs).sort()) {
        const output = outputs[name];
        if (output.sensitive)
            withheld.push({ name, reason: 'sensitive' });
        else if (holdsSecret(JSON.stringify(output.value) ?? ''))
            withheld.push({ name, reason: 'holds a secret value' });
        else
            values[name] = output.value;
    }
    return { values, withheld };
}
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
function isAddress(value) {
    return typeof value === 'string' && ((0,external_node_net_.isIP)(value) !== 0 || HOSTNAME.test(value));
}
function stringField(value, ...names) {
    for (const name of names)
        if (typeof value[name] === 'string' && value[name])
            return value[name];
    return undefined;
}
/** `{ ip, hostname, user }` (or `address`), or a bare address; undefined when neither. */
function hostEntry(value) {
    if (isAddress(value))
        return (0,external_node_net_.isIP)(value) ? { address: value, ip: value } : { address: value, hostname: value };
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const record = value;
    const ip = stringField(record, 'ip');
    const hostname = stringField(record, 'hostname');
    const user = stringField(record, 'user');
    const address = ip ?? stringField(record, 'address') ?? hostname;
    if (!isAddress(address))
        return undefined;
    return {
        address,
        ...(ip ? { ip } : {}),
        ...(hostname ? { hostname } : {}),
        ...(user ? { user } : {}),
    };
}
/**
 * The inventory: the `hostsOutput` output when the module has one (a map of environment → host or
 * address), else the outputs named after environments (the chain's five and this one) that hold
 * an address, as the seed's modules did.
 */
function hostsFromOutputs(outputs, publicValues, hostsOutput, environment) {
    const warnings = [];
    const hosts = {};
    if (hostsOutput in outputs) {
        if (!(hostsOutput in publicValues)) {
            warnings.push(`The '${hostsOutput}' output is sensitive or holds a secret value, so no hosts are handed on; addresses are not secrets: leave the output unmarked`);
            return { hosts, source: 'none', warnings };
        }
        const value = publicValues[hostsOutput];
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
            warnings.push(`The '${hostsOutput}' output is not a map of environment → host, so no hosts are handed on`);
            return { hosts, source: 'none', warnings };
        }
        for (const [name, entry] of Object.entries(value)) {
            const host = hostEntry(entry);
            if (host)
                hosts[name] = host;
            else
                warnings.push(`'${hostsOutput}.${name}' holds no address (ip, address or hostname); left out`);
        }
        return { hosts, source: `output "${hostsOutput}"`, warnings };
    }
    for (const name of new Set([...CHAIN_ENVIRONMENTS, environment])) {
        if (!(name in publicValues) || !isAddress(publicValues[name]))
            continue;
        hosts[name] = hostEntry(publicValues[name]);
    }
    return {
        hosts,
        source: Object.keys(hosts).length ? 'outputs named after environments' : 'none',
        warnings,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
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
function describeCommand(file, args) {
    const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
    return (0,secrets/* mask */.dK)([file, ...args].map(quote).join(' '));
}
/** The last lines of a program's error output, for an error message. */
function tail(text, lines = 10) {
    return text.trimEnd().split(/\r?\n/).slice(-lines).join('\n');
}
/** Spawns the program directly (no shell), feeds its standard input and collects both outputs. */
function run(file, args, options) {
    return new Promise((resolve, reject) => {
        const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', (error) => {
            const why = error.code !== 'ENOENT'
                ? error.message
                : options.cwd && !existsSync(options.cwd)
                    ? `no such folder ${options.cwd}`
                    : `${file} is not installed (not found on PATH)`;
            reject(new Error(`${describeCommand(file, args)} could not start: ${why}`));
        });
        child.on('close', (code, signal) => resolve({
            // A program ended by a signal has no exit code; shells report 128 + the signal's number.
            exitCode: code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0),
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8'),
        }));
        // A program that exits without reading its input must not fail the write.
        child.stdin.on('error', () => { });
        child.stdin.end(options.input);
    });
}
/**
 * Runs a program with an argument array, never through a shell. Output is captured (not streamed,
 * so nothing unmasked reaches the log) and a failure throws with the tail of its standard error.
 */
async function execArgv(file, args, options = {}) {
    const command = describeCommand(file, args);
    if (options.quiet)
        debug(`$ ${command}`);
    else
        info(`$ ${command}`);
    const env = options.replaceEnv ? options.env : { ...process.env, ...options.env };
    const result = await run(file, args, {
        cwd: options.cwd,
        env: env && Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
        input: options.input,
    });
    if (result.stdout.trim())
        debug(mask(result.stdout.trimEnd()));
    if (result.stderr.trim())
        debug(mask(result.stderr.trimEnd()));
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

// EXTERNAL MODULE: ../../packages/action-kit/src/step.ts
var step = __nccwpck_require__(7966);
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
        step/* info */.pq(`${signal} received again; still waiting for the running program to stop cleanly`);
        return;
    }
    received = signal;
    step/* info */.pq(`${signal} received: asking ${running.size} running program(s) to stop cleanly`);
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
        step/* debug */.Yz(`$ ${command}`);
    else
        step/* info */.pq(`$ ${command}`);
    const env = Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([, v]) => v !== undefined));
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(file, [...args], {
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

// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __nccwpck_require__(2935);
// EXTERNAL MODULE: ../../packages/action-kit/src/summary.ts
var summary = __nccwpck_require__(1890);
;// CONCATENATED MODULE: ../../packages/infra/src/comment.ts


/** GitHub refuses issue and pull request comments longer than this (in characters). */
const COMMENT_LIMIT = 65_536;
const MARKER = /^<!-- provision-infra:plan (\{[^\n]{2,60000}?\}) -->/;
/** At most a quarter of a comment goes to per-resource digests (about 450 resources). */
const DIGESTS_BUDGET = 16_384;
/** The marker as an HTML comment GitHub does not show; `<` and `>` escaped so it cannot end early. */
function markerLine(marker) {
    let data = marker;
    if (marker.digests && JSON.stringify(marker.digests).length > DIGESTS_BUDGET) {
        const { digests: _left, ...rest } = marker;
        data = rest;
    }
    const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
    return `<!-- provision-infra:plan ${json} -->`;
}
/** The marker of a comment this action wrote: only its first line counts, the plan text below never does. */
function parseMarker(body) {
    const match = MARKER.exec(body);
    if (!match)
        return undefined;
    try {
        const data = JSON.parse(match[1]);
        if (typeof data.workingDirectory !== 'string' ||
            typeof data.environment !== 'string' ||
            typeof data.fingerprint !== 'string')
            return undefined;
        const digests = data.digests && typeof data.digests === 'object' && !Array.isArray(data.digests)
            ? Object.fromEntries(Object.entries(data.digests).filter(([, v]) => typeof v === 'string'))
            : undefined;
        return {
            workingDirectory: data.workingDirectory,
            environment: data.environment,
            fingerprint: data.fingerprint,
            ...(typeof data.commit === 'string' ? { commit: data.commit } : {}),
            ...(digests ? { digests } : {}),
        };
    }
    catch {
        return undefined;
    }
}
/** Whether a comment is the plan comment of this working directory and environment. */
function isPlanCommentFor(body, workingDirectory, environment) {
    const marker = parseMarker(body);
    return marker?.workingDirectory === workingDirectory && marker.environment === environment;
}
const SYMBOL = /^(\s*)(-\/\+|\+\/-|<=|[-+~]) /;
/**
 * Terraform's plan text with each change symbol moved to the first column (`~` as `!`), so that a
 * `diff` block colours additions and removals.
 */
function planAsDiff(text) {
    return text
        .split('\n')
        .map((line) => {
        const match = SYMBOL.exec(line);
        if (!match)
            return line;
        const symbol = match[2] === '~' ? '!' : match[2] === '<=' ? '#' : match[2].startsWith('-') ? '-' : '+';
        return `${symbol} ${match[1]}${line.slice(match[0].length)}`;
    })
        .join('\n');
}
/** Up to `limit` items as inline code, then how many more. */
function listSome(items, limit = 20) {
    const shown = items.slice(0, limit).map((item) => `\`${item.replace(/`/g, "'")}\``);
    if (items.length > limit)
        shown.push(`and ${items.length - limit} more`);
    return shown.join(', ');
}
/** The headline of a plan: what it would do to which environment. */
function planHeadline(facts, environment, workingDirectory) {
    const what = hasIntent(facts)
        ? facts.changes.length
            ? describeCounts(facts.counts)
            : `outputs only (${facts.outputs.length} changed)`
        : 'no changes';
    return `Terraform plan for \`${environment}\` in \`${workingDirectory}\`: ${what}`;
}
/** The warning a plan that destroys or replaces anything carries. */
function destroyWarning(facts) {
    if (!facts.replaced.length && !facts.deleted.length)
        return undefined;
    const parts = [];
    if (facts.replaced.length)
        parts.push(`replaces ${listSome(facts.replaced.map((r) => (r.reason ? `${r.address} (${r.reason})` : r.address)))}`);
    if (facts.deleted.length)
        parts.push(`destroys ${listSome(facts.deleted)}`);
    return `This plan ${parts.join(' and ')}. It is applied only with \`allow-destroy: true\`.`;
}
/**
 * The pull request comment: hidden marker, headline, warning, fingerprint and the plan as a diff,
 * cut at a line so the whole fits GitHub's limit, with a note saying where the rest is.
 * Secrets are masked before anything is measured.
 */
function renderPlanComment(input) {
    const limit = input.limit ?? COMMENT_LIMIT;
    const { marker, facts } = input;
    const warning = destroyWarning(facts);
    const about = [
        `Fingerprint \`${marker.fingerprint}\``,
        marker.commit ? `commit \`${marker.commit.slice(0, 12)}\`` : undefined,
        `${input.terraform.name} ${input.terraform.version}`,
        input.workspace ? `workspace \`${input.workspace}\`` : undefined,
    ]
        .filter(Boolean)
        .join(' · ');
    const head = (0,secrets/* mask */.dK)([
        markerLine(marker),
        `### ${planHeadline(facts, marker.environment, marker.workingDirectory)}`,
        warning ? `> [!WARNING]\n> ${warning}` : '',
        `${about}\n\nAfter the merge, only a plan with this same fingerprint is applied.`,
    ]
        .filter(Boolean)
        .join('\n\n'));
    const footer = input.runUrl ? `\n\n<sub>[The run that planned this](${input.runUrl})</sub>` : '';
    const lines = planAsDiff((0,secrets/* mask */.dK)(input.planText.trimEnd())).split('\n');
    const render = (shown, note) => `${head}\n\n${(0,summary/* details */.zH)(`Plan (${lines.length} lines)`, `${(0,summary/* codeBlock */.DV)(shown.join('\n'), 'diff')}${note}`)}${footer}`;
    const whole = render(lines, '');
    if (whole.length <= limit)
        return { body: whole, cut: false };
    // Cut at a line; the note says how much is shown and where the whole plan is.
    const noteFor = (shown) => `\n\n**The plan is cut here: ${shown} of ${lines.length} lines shown.** The whole plan is in the job summary${input.runUrl ? ` of [the run](${input.runUrl})` : ''}.`;
    // Slack for a longer code fence, which the shown lines may need.
    const budget = limit - render([], noteFor(lines.length)).length - 40;
    let used = 0;
    let shown = 0;
    while (shown < lines.length && used + lines[shown].length + 1 <= budget)
        used += lines[shown++].length + 1;
    const body = render(lines.slice(0, shown), noteFor(shown));
    return { body: body.length <= limit ? body : body.slice(0, limit), cut: true };
}

;// CONCATENATED MODULE: ../../packages/infra/src/review.ts



async function publishPlanComment(github, pullRequest, workingDirectory, environment, body, create = true) {
    const { upsertIssueComment } = await Promise.all(/* import() */[__nccwpck_require__.e(258), __nccwpck_require__.e(549)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9549));
    try {
        return await upsertIssueComment(github, pullRequest, (comment) => isPlanCommentFor(comment.body, workingDirectory, environment), body, { create });
    }
    catch (error) {
        const status = error.status;
        if (status === 401 || status === 403 || status === 404)
            throw new errors/* ConfigurationError */.j(`Could not post the plan comment on pull request #${pullRequest} (HTTP ${status}): the token needs pull-requests: write on ${github.repository}; a pull request from a fork gets a read-only token (comment: false there)`);
        throw error;
    }
}
/**
 * The plan reviewed in the merged pull request that `sha` came from: the marker of its plan comment
 * for this working directory and environment, written by a trusted author. Otherwise why not.
 */
async function reviewedPlanOfCommit(github, sha, workingDirectory, environment) {
    const { isTrustedComment, listIssueComments, pullRequestsOfCommit } = await Promise.all(/* import() */[__nccwpck_require__.e(258), __nccwpck_require__.e(549)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9549));
    const merged = (await pullRequestsOfCommit(github, sha)).filter((pr) => pr.mergedAt);
    // The pull request this commit merged; else one merged with it in a merge train or rebase.
    const pull = merged.find((pr) => pr.mergeCommitSha === sha) ?? merged[0];
    if (!pull)
        return { missing: `commit ${sha.slice(0, 12)} came from no merged pull request` };
    const comment = (await listIssueComments(github, pull.number)).find((c) => isTrustedComment(c) && isPlanCommentFor(c.body, workingDirectory, environment));
    if (!comment)
        return {
            missing: `pull request #${pull.number} has no plan comment for ${environment} in ${workingDirectory}`,
        };
    return {
        marker: parseMarker(comment.body),
        pullRequest: { number: pull.number, url: pull.url },
        commentUrl: comment.url,
    };
}
/** The pull request of a `pull_request` (or `pull_request_target`) event: its number and head commit. */
function pullRequestOfEvent(eventName, eventPath) {
    if (!eventPath || !['pull_request', 'pull_request_target'].includes(eventName ?? ''))
        return undefined;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        const number = event.pull_request?.number;
        if (typeof number !== 'number')
            return undefined;
        const headSha = event.pull_request?.head?.sha;
        return { number, ...(typeof headSha === 'string' ? { headSha } : {}) };
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ../../packages/action-kit/src/inert.ts
var inert = __nccwpck_require__(5014);
// EXTERNAL MODULE: ../../packages/action-kit/src/duration.ts
var duration = __nccwpck_require__(2572);
;// CONCATENATED MODULE: ../../packages/infra/src/diagnostics.ts

/** Parses one line of `-json` output; undefined for anything that is not such a line. */
function parseUiLine(line) {
    if (!line.startsWith('{'))
        return undefined;
    let data;
    try {
        data = JSON.parse(line);
    }
    catch {
        return undefined;
    }
    if (typeof data?.type !== 'string')
        return undefined;
    const message = { type: data.type, message: String(data['@message'] ?? '') };
    const raw = data.diagnostic;
    if (data.type === 'diagnostic' && raw && typeof raw === 'object') {
        message.diagnostic = {
            severity: raw.severity === 'warning' ? 'warning' : 'error',
            summary: String(raw.summary ?? ''),
            detail: String(raw.detail ?? ''),
            ...(raw.range?.filename ? { file: raw.range.filename } : {}),
            ...(typeof raw.range?.start?.line === 'number' ? { line: raw.range.start.line } : {}),
        };
    }
    return message;
}
const BOX = /^[│╷╵]\s?/;
const HEADER = /^(Error|Warning): (.*)$/;
const LOCATION = /^\s*on (.+?) line (\d+)/;
const SNIPPET = /^\s+(\d+:|[│├]|\.\.\.)/;
/**
 * Diagnostics from Terraform's text output (`-no-color`), as `init` prints them:
 * `Error: <summary>`, a blank line, `  on <file> line <n>, in …:`, the source lines, the detail.
 */
function parseTextDiagnostics(text) {
    const lines = text.split(/\r?\n/).map((line) => line.replace(BOX, ''));
    const found = [];
    for (let i = 0; i < lines.length; i++) {
        const header = HEADER.exec(lines[i]);
        if (!header)
            continue;
        const diagnostic = {
            severity: header[1] === 'Warning' ? 'warning' : 'error',
            summary: header[2].trim(),
            detail: '',
        };
        let j = i + 1;
        // A summary may run over several lines, up to the first blank one.
        while (j < lines.length && lines[j].trim() && !HEADER.test(lines[j]))
            diagnostic.summary += ` ${lines[j++].trim()}`;
        const detail = [];
        for (; j < lines.length && !HEADER.test(lines[j]); j++) {
            const line = lines[j];
            const location = LOCATION.exec(line);
            if (location && diagnostic.file === undefined) {
                diagnostic.file = location[1];
                diagnostic.line = Number(location[2]);
                continue;
            }
            if (SNIPPET.test(line))
                continue;
            if (!line.trim()) {
                if (detail.length)
                    break;
                continue;
            }
            detail.push(line.trim());
        }
        diagnostic.detail = detail.join(' ');
        found.push(diagnostic);
        i = j - 1;
    }
    return found;
}
function firstSentences(text, limit = 300) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}
/** `main.tf:5: Invalid expression: Expected the start of an expression …` on one line. */
function describeDiagnostic(diagnostic) {
    const where = diagnostic.file ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ` : '';
    const detail = diagnostic.detail ? `: ${firstSentences(diagnostic.detail)}` : '';
    return `${where}${firstSentences(diagnostic.summary, 400)}${detail}`;
}
/**
 * The diagnostic worth showing: the error that points at the earliest place in the code, else the
 * first error. Terraform adds general errors ("Terraform encountered problems during initialisation
 * …") next to the ones that say what is wrong, and reports some (missing variables) in no fixed order.
 */
function mainError(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const located = errors
        .filter((d) => d.file)
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    return located[0] ?? errors[0];
}
const LOCK_FIELD = /^\s*(ID|Path|Operation|Who|Version|Created|Info):[ \t]*(.*)$/gm;
function parseLockInfo(text) {
    const fields = {};
    for (const [, key, value] of text.matchAll(LOCK_FIELD))
        if (!(key in fields))
            fields[key] = value.trim();
    if (!fields.ID)
        return undefined;
    const info = { id: fields.ID };
    if (fields.Path)
        info.path = fields.Path;
    if (fields.Operation)
        info.operation = fields.Operation.replace(/^OperationType/, '').toLowerCase();
    if (fields.Who)
        info.who = fields.Who;
    if (fields.Version)
        info.version = fields.Version;
    if (fields.Created) {
        info.createdText = fields.Created;
        // Go's time format: 2026-11-30 06:06:52.239419462 +0000 UTC
        const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? ([+-]\d\d)(\d\d)/.exec(fields.Created);
        if (match) {
            const date = new Date(`${match[1]}T${match[2]}${match[3]}:${match[4]}`);
            if (!Number.isNaN(date.getTime()))
                info.created = date;
        }
    }
    return info;
}
/** `root@runner (apply) since 2026-11-30 06:06:52 UTC, 3m 5s ago, lock ID 3b14c3f1-…` */
function describeLock(info, now = new Date()) {
    const since = info.created
        ? `since ${info.created
            .toISOString()
            .replace('T', ' ')
            .replace(/\.\d+Z$/, ' UTC')}, ${(0,duration/* formatDuration */.a)(Math.max(0, now.getTime() - info.created.getTime()))} ago`
        : info.createdText
            ? `since ${info.createdText}`
            : 'since an unknown time';
    const holder = info.who ?? 'an unknown holder';
    const operation = info.operation ? ` (${info.operation})` : '';
    const version = info.version ? `, Terraform ${info.version}` : '';
    return `${holder}${operation} ${since}${version}, lock ID ${info.id}`;
}

;// CONCATENATED MODULE: ../../packages/infra/src/terraform.ts





/** Terraform failed; the message is one line a person can act on. */
class TerraformError extends Error {
    diagnostics;
    name = 'TerraformError';
    constructor(message, diagnostics = []) {
        super(message);
        this.diagnostics = diagnostics;
    }
}
/** Another run holds the state lock. Nothing was released: the lock is not ours. */
class StateLockedError extends TerraformError {
    lock;
    name = 'StateLockedError';
    constructor(message, lock) {
        super(message);
        this.lock = lock;
    }
}
/** The runner asked us to stop while Terraform ran; Terraform was passed the signal and exited. */
class TerraformInterruptedError extends TerraformError {
    name = 'TerraformInterruptedError';
}
function isExecutableFile(path) {
    try {
        if (!(0,external_node_fs_.statSync)(path).isFile())
            return false;
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Finds the program `binary` names: a path (relative to `base`), or a name on PATH. When
 * hashicorp/setup-terraform's wrapper stands in for `terraform` (it moves the real program to
 * `terraform-bin` beside it and prints extra lines that break `show -json` and exit codes), the
 * real program is used.
 */
function resolveBinary(binary, base, path = process.env.PATH ?? '') {
    if (binary.includes('/')) {
        const file = (0,external_node_path_.isAbsolute)(binary) ? binary : (0,external_node_path_.resolve)(base, binary);
        if (!isExecutableFile(file))
            throw new errors/* ConfigurationError */.j(`Input 'binary': ${binary} is not an executable file`);
        return { file };
    }
    for (const dir of path.split(external_node_path_.delimiter).filter(Boolean)) {
        const file = (0,external_node_path_.join)(dir, binary);
        if (!isExecutableFile(file))
            continue;
        const real = (0,external_node_path_.join)(dir, `${binary}-bin`);
        if (binary === 'terraform' && isExecutableFile(real))
            return { file: real, note: `using ${real}: the terraform on PATH is setup-terraform's wrapper` };
        return { file };
    }
    throw new errors/* ConfigurationError */.j(`Input 'binary': '${binary}' was not found on PATH; install it first (hashicorp/setup-terraform, or opentofu/setup-opentofu with binary: tofu) or give its path`);
}
const lockTimeoutArgument = (ms) => `-lock-timeout=${Math.ceil(ms / 1000)}s`;
/** One Terraform (or OpenTofu) working directory, run with argv arrays only. */
class Terraform {
    options;
    constructor(options) {
        this.options = options;
    }
    say(text) {
        for (const line of text.split(/\r?\n/))
            this.options.log((0,inert/* inert */.t)((0,secrets/* mask */.dK)(line)));
    }
    get program() {
        return (0,external_node_path_.basename)(this.options.file).replace(/-bin$/, '');
    }
    async run(args, options = {}) {
        const diagnostics = [];
        const onLine = (line) => {
            const message = options.json ? parseUiLine(line) : undefined;
            if (!message)
                return this.say(line);
            if (message.diagnostic) {
                diagnostics.push(message.diagnostic);
                if (message.diagnostic.severity === 'warning')
                    this.say(`Warning: ${describeDiagnostic(message.diagnostic)}`);
                return;
            }
            if (message.type !== 'version')
                this.say(message.message);
        };
        let result;
        try {
            result = await spawnArgv(this.options.file, args, {
                cwd: this.options.workingDirectory,
                env: this.options.env,
                onStdoutLine: options.data ? undefined : onLine,
                onStderrLine: onLine,
            });
        }
        catch (error) {
            if (error instanceof ProgramNotFoundError)
                throw new errors/* ConfigurationError */.j(`Input 'binary': ${this.options.file} could not be started (not found)`);
            throw error;
        }
        const command = `${this.program} ${args[0]}`;
        if (result.interrupted)
            throw new TerraformInterruptedError(`Stopped by ${result.interrupted}: ${command} in ${this.options.label} was interrupted and exited (code ${result.exitCode}); nothing further was run`);
        if (!options.json)
            diagnostics.push(...parseTextDiagnostics(result.stderr), ...parseTextDiagnostics(result.stdout));
        if (!(options.exitCodes ?? [0]).includes(result.exitCode))
            throw this.failure(command, result, diagnostics, options);
        return { ...result, diagnostics };
    }
    failure(command, result, diagnostics, options) {
        const main = mainError(diagnostics);
        const lock = main && /state lock/i.test(main.summary) ? parseLockInfo(main.detail) : undefined;
        if (lock) {
            const waited = options.lockTimeoutMs
                ? ` after waiting ${(0,duration/* formatDuration */.a)(options.lockTimeoutMs)} (lock-timeout)`
                : '';
            return new StateLockedError((0,secrets/* mask */.dK)(`The state of ${this.options.label} is locked by ${describeLock(lock)}; ${command} gave up${waited} and released nothing. ` +
                `Run again when that run has finished; if it died, remove its lock with '${this.program} force-unlock ${lock.id}' in ${this.options.label}.`), lock);
        }
        const errors = diagnostics.filter((d) => d.severity === 'error');
        for (const error of errors)
            this.say(`Error: ${describeDiagnostic(error)}`);
        // Terraform's general "problems during initialisation" error adds nothing to a located one.
        const others = (main?.file ? errors.filter((d) => d.file) : errors).length - 1;
        const reason = main
            ? `${describeDiagnostic(main)}${others > 0 ? ` (and ${others} more error${others > 1 ? 's' : ''} in the log)` : ''}`
            : tail(result.stderr || result.stdout, 1).trim() || `exit code ${result.exitCode}`;
        return new TerraformError((0,secrets/* mask */.dK)(`${command} failed in ${this.options.label}: ${reason}`), diagnostics);
    }
    /** `terraform version -json`: the program's name and version. */
    async version() {
        const result = await this.run(['version', '-json'], { data: true });
        let version = 'unknown';
        try {
            version = String(JSON.parse(result.stdout).terraform_version ?? version);
        }
        catch {
            version = result.stdout.trim().split('\n')[0]?.replace(/^\D+/, '') || version;
        }
        return { name: /tofu/i.test(this.program) ? 'OpenTofu' : 'Terraform', version };
    }
    /** Init without questions; `-reconfigure` so that a leftover `.terraform` never migrates state. */
    async init(backendConfigFile) {
        await this.run([
            'init',
            '-input=false',
            '-no-color',
            '-reconfigure',
            ...(backendConfigFile ? [`-backend-config=${backendConfigFile}`] : []),
        ]);
    }
    async selectWorkspace(name) {
        await this.run(['workspace', 'select', '-or-create=true', '-no-color', name]);
    }
    /** A saved plan; true when Terraform reports changes (exit code 2 of `-detailed-exitcode`). */
    async plan(args) {
        const result = await this.run([
            'plan',
            '-input=false',
            '-json',
            '-detailed-exitcode',
            lockTimeoutArgument(args.lockTimeoutMs),
            `-out=${args.planFile}`,
            ...args.varFiles.map((file) => `-var-file=${file}`),
            ...args.variables.map(({ name, value }) => `-var=${name}=${value}`),
        ], { json: true, exitCodes: [0, 2], lockTimeoutMs: args.lockTimeoutMs });
        return result.exitCode === 2;
    }
    async showJson(planFile) {
        const result = await this.run(['show', '-json', planFile], { data: true });
        try {
            return parsePlanJson(result.stdout);
        }
        catch (error) {
            throw new TerraformError(`${this.program} show -json printed no plan: ${error.message}`);
        }
    }
    /** The plan as Terraform shows it to people, without colours. */
    async showText(planFile) {
        return (await this.run(['show', '-no-color', planFile], { data: true })).stdout;
    }
    /** Applies exactly the saved plan (Terraform refuses one whose state has moved on since). */
    async apply(planFile, lockTimeoutMs) {
        await this.run(['apply', '-input=false', '-json', lockTimeoutArgument(lockTimeoutMs), planFile], {
            json: true,
            lockTimeoutMs,
        });
    }
    /** The root module's outputs, from the state. */
    async outputs() {
        const result = await this.run(['output', '-json'], { data: true });
        const text = result.stdout.trim();
        return text ? JSON.parse(text) : {};
    }
}
/** The default var file when the caller names none: `environments/<environment>.tfvars`, when it exists. */
function defaultVarFile(workingDirectory, environment) {
    const candidate = `environments/${environment}.tfvars`;
    return (0,external_node_fs_.existsSync)((0,external_node_path_.join)(workingDirectory, candidate)) ? candidate : undefined;
}

;// CONCATENATED MODULE: ../../packages/infra/src/provision.ts









function writePrivate(path, data) {
    (0,external_node_fs_.writeFileSync)(path, JSON.stringify(data), { mode: 0o600 });
    return path;
}
/**
 * One run of the action: plan (and the pull request comment), apply of the reviewed plan only, or a
 * drift check. Private files (backend settings, secret variables, the plan, which holds variable
 * values in clear) live in a folder only we can read, removed when the run ends, interrupted or not.
 */
async function provisionInfra(options) {
    return interruptible(async () => {
        const temp = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(options.tempDir, 'provision-infra-'));
        try {
            return await provision_run(options, temp);
        }
        finally {
            (0,external_node_fs_.rmSync)(temp, { recursive: true, force: true });
        }
    });
}
async function provision_run(options, temp) {
    const { environment, label, log } = options;
    const terraform = new Terraform({
        file: options.binary,
        workingDirectory: options.workingDirectory,
        label,
        env: {
            // The action's inputs (the token, secret values) are none of the module's business: a data
            // source or provisioner in the code under review could read them.
            ...Object.fromEntries(Object.keys(process.env)
                .filter((k) => k.startsWith('INPUT_'))
                .map((k) => [k, undefined])),
            // No questions, output meant for automation, and no upgrade check (a network call per command).
            TF_IN_AUTOMATION: '1',
            TF_INPUT: '0',
            CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1',
            ...options.env,
        },
        log,
    });
    const version = await terraform.version();
    const backendFile = Object.keys(options.backendConfig).length
        ? writePrivate((0,external_node_path_.join)(temp, 'backend.json'), options.backendConfig)
        : undefined;
    await terraform.init(backendFile);
    if (options.workspace)
        await terraform.selectWorkspace(options.workspace);
    const secretFile = options.secretVariables.length
        ? writePrivate((0,external_node_path_.join)(temp, 'secret-variables.tfvars.json'), Object.fromEntries(options.secretVariables.map(({ name, value }) => [name, value])))
        : undefined;
    const planFile = (0,external_node_path_.join)(temp, 'plan.tfplan');
    await terraform.plan({
        planFile,
        varFiles: secretFile ? [...options.varFiles, secretFile] : options.varFiles,
        variables: options.variables,
        lockTimeoutMs: options.lockTimeoutMs,
    });
    const plan = await terraform.showJson(planFile);
    const planText = await terraform.showText(planFile);
    log('The plan:');
    for (const line of planText.trimEnd().split('\n'))
        log(`  ${line}`);
    const facts = planFacts(plan);
    const intent = planIntent(plan);
    const fingerprint = fingerprintOf(intent);
    log(`Plan fingerprint: ${fingerprint}`);
    const result = {
        command: options.command,
        result: hasIntent(facts) ? 'planned' : 'no-changes',
        environment,
        workingDirectory: label,
        ...(options.workspace ? { workspace: options.workspace } : {}),
        terraform: version,
        fingerprint,
        facts,
        planText,
        outputs: {},
        withheldOutputs: [],
        hosts: {},
        warnings: [],
    };
    if (options.command === 'plan') {
        const github = options.github;
        if (github?.comment && github.pullRequest) {
            const marker = {
                workingDirectory: label,
                environment,
                fingerprint,
                ...(github.pullRequest.headSha ? { commit: github.pullRequest.headSha } : {}),
                digests: intentDigests(intent),
            };
            const { body, cut } = renderPlanComment({
                marker,
                facts,
                planText,
                terraform: version,
                ...(options.workspace ? { workspace: options.workspace } : {}),
                ...(github.runUrl ? { runUrl: github.runUrl } : {}),
            });
            // No changes and nothing said before: no comment (a pull request touching one environment
            // would otherwise collect a "no changes" comment from every other). An earlier one is updated.
            const posted = await publishPlanComment(github, github.pullRequest.number, label, environment, body, hasIntent(facts));
            if (posted) {
                result.comment = { ...posted, cut };
                log(`Plan comment ${posted.created ? 'posted' : 'updated'}: ${posted.url}${cut ? ' (the plan is cut to fit)' : ''}`);
            }
            else
                log('No changes: no plan comment');
        }
        return result;
    }
    if (options.command === 'check') {
        if (hasIntent(facts) || facts.drifted.length) {
            result.result = 'drift';
            const count = facts.changes.length + facts.outputs.length + facts.drifted.length;
            result.failure = `Drift in ${environment} (${label}): the infrastructure differs from the code in ${count} place(s); see the job summary`;
        }
        // The hosts as the state has them (the last apply), so that a check of the add-ons can reach
        // the same machines without an apply.
        handOn(result, await terraform.outputs(), options);
        return result;
    }
    // apply
    if (hasIntent(facts)) {
        const reviewed = await reviewedFingerprint(options);
        result.reviewed = { fingerprint: reviewed.fingerprint, source: reviewed.source };
        if (reviewed.fingerprint !== fingerprint) {
            result.result = 'plan-changed';
            if (reviewed.digests)
                result.difference = compareDigests(reviewed.digests, intentDigests(intent));
            result.failure = `Nothing applied: the plan of ${environment} (${label}) is not the reviewed one (reviewed ${reviewed.fingerprint}, now ${fingerprint}); review the new plan`;
            return result;
        }
        if ((facts.replaced.length || facts.deleted.length) && !options.allowDestroy) {
            result.result = 'refused';
            result.failure = `Nothing applied: the plan of ${environment} (${label}) destroys or replaces ${facts.deleted.length + facts.replaced.length} resource(s); set allow-destroy: true to apply it`;
            return result;
        }
        await terraform.apply(planFile, options.lockTimeoutMs);
        result.result = 'applied';
    }
    handOn(result, await terraform.outputs(), options);
    return result;
}
/** The outputs that may leave the job, and the hosts among them, into the result. */
function handOn(result, outputs, options) {
    const published = publicOutputs(outputs);
    result.outputs = published.values;
    result.withheldOutputs = published.withheld;
    const hosts = hostsFromOutputs(outputs, published.values, options.hostsOutput, result.environment);
    result.hosts = hosts.hosts;
    result.hostsSource = hosts.source;
    result.warnings.push(...hosts.warnings);
}
async function reviewedFingerprint(options) {
    if (options.planFingerprint)
        return { fingerprint: options.planFingerprint, source: "input 'plan-fingerprint'" };
    const github = options.github;
    const why = !github
        ? 'no token to read the merged pull request with'
        : !github.sha
            ? 'no commit to look up'
            : await reviewedPlanOfCommit(github, github.sha, options.label, options.environment).then((found) => {
                if ('missing' in found)
                    return found.missing;
                options.log(`Reviewed plan: ${found.marker.fingerprint} from pull request #${found.pullRequest.number}`);
                return found;
            });
    if (typeof why !== 'string')
        return {
            fingerprint: why.marker.fingerprint,
            source: `the plan comment of pull request #${why.pullRequest.number}`,
            ...(why.marker.digests ? { digests: why.marker.digests } : {}),
        };
    throw new errors/* ConfigurationError */.j(`Nothing applied: there is no reviewed plan to compare with (${why}); give 'plan-fingerprint' (the plan-fingerprint output of the reviewed plan), or merge through a pull request whose plan comment holds it`);
}

;// CONCATENATED MODULE: ../../packages/infra/src/report.ts


/** A step summary may hold 1 MiB; the plan gets most of it and is cut at a line beyond that. */
const PLAN_BUDGET = 800_000;
const OUTCOME = {
    planned: 'planned',
    'no-changes': 'no changes',
    applied: 'applied',
    'plan-changed': 'not applied: the plan differs from the reviewed one',
    drift: 'drift: the infrastructure differs from the code',
    refused: 'not applied: it destroys or replaces resources and allow-destroy is false',
};
function cutPlan(text) {
    if (text.length <= PLAN_BUDGET)
        return text;
    const cut = text.slice(0, text.lastIndexOf('\n', PLAN_BUDGET));
    const total = text.split('\n').length;
    return `${cut}\n… the plan is cut here (${cut.split('\n').length} of ${total} lines); all of it is in the step's log`;
}
/** The job summary: what was planned or applied, the fingerprints, what differs, the hosts, the plan. */
function renderSummary(result) {
    const { facts } = result;
    const rows = [
        ['result', `**${OUTCOME[result.result]}**`],
        ['environment', result.environment],
        ['working directory', `\`${result.workingDirectory}\``],
    ];
    if (result.workspace)
        rows.push(['workspace', `\`${result.workspace}\``]);
    rows.push([result.terraform.name, result.terraform.version]);
    rows.push(['plan fingerprint', `\`${result.fingerprint}\``]);
    if (result.reviewed)
        rows.push(['reviewed fingerprint', `\`${result.reviewed.fingerprint}\` (${result.reviewed.source})`]);
    if (result.comment)
        rows.push([
            'pull request comment',
            `[${result.comment.created ? 'posted' : 'updated'}](${result.comment.url})${result.comment.cut ? ', the plan cut to fit' : ''}`,
        ]);
    const sections = [
        (0,summary/* heading */.R_)(`provision-infra ${result.command}: ${planHeadline(facts, result.environment, result.workingDirectory)}`),
        (0,summary/* table */.tp)(['', 'this run'], rows),
    ];
    const warning = destroyWarning(facts);
    if (warning)
        sections.push(`> [!WARNING]\n> ${warning}`);
    if (result.result === 'plan-changed') {
        const difference = result.difference;
        sections.push((0,summary/* heading */.R_)('What differs from the reviewed plan', 3));
        if (difference && difference.added.length + difference.removed.length + difference.changed.length > 0)
            sections.push((0,summary/* table */.tp)(['', 'resources and outputs'], [
                ['new since the review', difference.added.length ? listSome(difference.added, 50) : '–'],
                ['no longer planned', difference.removed.length ? listSome(difference.removed, 50) : '–'],
                ['planned differently', difference.changed.length ? listSome(difference.changed, 50) : '–'],
            ]));
        else
            sections.push('The reviewed plan left no per-resource digests (it was given as a fingerprint), so only the new plan is shown below. Review it in a new pull request or run.');
    }
    if (result.command === 'check' && (facts.changes.length || facts.drifted.length || facts.outputs.length)) {
        sections.push((0,summary/* heading */.R_)('Drift', 3));
        const rows = [
            ...facts.drifted.map((d) => [`\`${d.address}\``, 'changed outside Terraform', d.actions.join(', ')]),
            ...facts.changes.map((c) => [`\`${c.address}\``, 'differs from the code', c.actions.join(', ')]),
            ...facts.outputs.map((name) => [`\`output.${name}\``, 'output differs', 'update']),
        ];
        sections.push((0,summary/* table */.tp)(['resource', 'what', 'planned actions'], rows));
    }
    const hosts = Object.entries(result.hosts);
    if (hosts.length)
        sections.push((0,summary/* heading */.R_)(`Hosts (from ${result.hostsSource})`, 3), (0,summary/* table */.tp)(['environment', 'address', 'hostname', 'user'], hosts.map(([name, host]) => [name, host.address, host.hostname, host.user])));
    if (result.withheldOutputs.length)
        sections.push(`Outputs not handed on: ${result.withheldOutputs.map((o) => `\`${o.name}\` (${o.reason})`).join(', ')}.`);
    for (const warningLine of result.warnings)
        sections.push(`> [!NOTE]\n> ${warningLine}`);
    if (result.planText.trim())
        sections.push((0,summary/* details */.zH)('Plan', (0,summary/* codeBlock */.DV)(planAsDiff(cutPlan(result.planText.trimEnd())), 'diff'), result.result !== 'no-changes'));
    return sections;
}

;// CONCATENATED MODULE: ../../packages/infra/src/settings.ts



/** Terraform's identifier rule, for variable names. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const BACKEND_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `{environment}` → the environment; any other placeholder is a mistake worth reporting. */
function expandEnvironment(text, environment, input) {
    return text.replace(/\{([^{}]*)\}/g, (whole, name) => {
        if (name === 'environment')
            return environment;
        throw new errors/* ConfigurationError */.j(`Input '${input}': unknown placeholder ${whole} in '${text}' (only {environment} is replaced)`);
    });
}
/** Lines of an input, numbered from 1, without blank lines and `#` comments. */
function numberedLines(text) {
    return (text ?? '')
        .split(/\r?\n/)
        .map((line, i) => ({ line: line.trim(), number: i + 1 }))
        .filter(({ line }) => line && !line.startsWith('#'));
}
/** `name=value` lines, each name once and matching `pattern`; with `bare`, a line may hold a name only. */
function namedLines(text, input, pattern, badLine, bare = false) {
    const seen = new Set();
    return numberedLines(text).map(({ line, number }) => {
        const eq = line.indexOf('=');
        const name = (eq >= 0 ? line.slice(0, eq) : bare ? line : '').trim();
        if (!pattern.test(name))
            throw new errors/* ConfigurationError */.j(badLine(line, number));
        if (seen.has(name))
            throw new errors/* ConfigurationError */.j(`Input '${input}' line ${number}: '${name}' is given twice`);
        seen.add(name);
        return { name, value: eq >= 0 ? line.slice(eq + 1).trim() : undefined, number };
    });
}
/**
 * `variables`: one `name=value` a line; the value is everything after the first `=`, as Terraform's
 * `-var` takes it (a string, or an HCL value for variables of other types).
 */
function parseVariables(text, input = 'variables') {
    return namedLines(text, input, IDENTIFIER, (line, number) => `Input '${input}' line ${number} must be name=value with a Terraform variable name, got '${line}'`).map(({ name, value }) => ({ name, value: value }));
}
/**
 * `secret-variables`: `name=value` lines whose values are secrets, or a bare `name` for a variable
 * that comes in as `TF_VAR_<name>` from the job's environment (set from a secret). Errors never
 * repeat the line: it may hold the secret.
 */
function parseSecretVariables(text, env, input = 'secret-variables') {
    const given = [];
    const fromEnvironment = [];
    const lines = namedLines(text, input, IDENTIFIER, (_, number) => `Input '${input}' line ${number} must be name=value or the name of a TF_VAR_ variable (the line is not shown: it may hold a secret)`, true);
    for (const { name, value, number } of lines) {
        if (value !== undefined) {
            given.push({ name, value });
            continue;
        }
        const fromEnv = env[`TF_VAR_${name}`];
        if (fromEnv === undefined)
            throw new errors/* ConfigurationError */.j(`Input '${input}' line ${number} names '${name}', but TF_VAR_${name} is not set in the job's environment`);
        fromEnvironment.push({ name, value: fromEnv });
    }
    return { given, fromEnvironment };
}
/** `backend-config`: `key=value` lines, `{environment}` replaced in values. */
function parseBackendConfig(text, environment, input = 'backend-config') {
    const lines = namedLines(text, input, BACKEND_KEY, (line, number) => `Input '${input}' line ${number} must be key=value with a backend setting name, got '${line}'`);
    return Object.fromEntries(lines.map(({ name, value }) => [name, expandEnvironment(value, environment, input)]));
}
/** `var-files`: one a line, relative to the working directory, `{environment}` replaced; each must exist. */
function parseVarFiles(text, environment, workingDirectory, input = 'var-files') {
    return numberedLines(text).map(({ line }) => {
        const file = expandEnvironment(line, environment, input);
        const path = (0,external_node_path_.resolve)(workingDirectory, file);
        if (!(0,external_node_fs_.existsSync)(path) || !(0,external_node_fs_.statSync)(path).isFile())
            throw new errors/* ConfigurationError */.j(`Input '${input}': ${file} does not exist in the working directory`);
        return file;
    });
}
/** The working directory, resolved against the workspace; it must hold Terraform files. */
function resolveWorkingDirectory(given, workspace, input = 'working-directory') {
    const path = (0,external_node_path_.resolve)(workspace, given);
    if (!(0,external_node_fs_.existsSync)(path) || !(0,external_node_fs_.statSync)(path).isDirectory())
        throw new errors/* ConfigurationError */.j(`Input '${input}': ${given} is not a directory (relative to the workspace)`);
    if (!(0,external_node_fs_.readdirSync)(path).some((name) => name.endsWith('.tf') || name.endsWith('.tf.json')))
        throw new errors/* ConfigurationError */.j(`Input '${input}': ${given} holds no .tf files`);
    const inside = (0,external_node_path_.relative)(workspace, path);
    const label = !inside
        ? '.'
        : inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside)
            ? path
            : inside.split(external_node_path_.sep).join('/');
    return { path, label };
}
/** A workspace name Terraform accepts (letters, digits, `-`, `_`, `.`), `{environment}` replaced. */
function parseWorkspace(text, environment, input = 'workspace') {
    if (!text)
        return undefined;
    const name = expandEnvironment(text.trim(), environment, input);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,89}$/.test(name))
        throw new errors/* ConfigurationError */.j(`Input '${input}' must be a workspace name (letters, digits, '.', '-', '_'), got '${name}'`);
    return name;
}

;// CONCATENATED MODULE: ../../packages/infra/src/index.ts













/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

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
