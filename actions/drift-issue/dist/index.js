import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1490:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4499);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1575);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2935);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6929);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(4571);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1919);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(1323);
/* harmony import */ var _canary_delivery_github_report_drift_check__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8971);
// drift-issue: reads what a scheduled check found for one environment and keeps its issue. The GitHub
// client is loaded only once the inputs are known to be good.


async function main() {
    const inputs = new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputReader */ .i_();
    const token = inputs.optional('token');
    (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .registerSecret */ .cl)(token);
    const environment = inputs.matching('environment', /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "an environment name of letters, digits, '.', '-' and '_'");
    if (!environment)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j("Input 'environment' is required");
    const infrastructure = inputs.oneOf('infrastructure-result', _canary_delivery_github_report_drift_check__WEBPACK_IMPORTED_MODULE_3__/* .INFRASTRUCTURE_RESULTS */ .DU) ?? '';
    const addons = inputs.oneOf('addons-result', _canary_delivery_github_report_drift_check__WEBPACK_IMPORTED_MODULE_3__/* .ADDONS_RESULTS */ .xP) ?? '';
    const count = (name) => inputs.integer(name, { min: 0 });
    const counts = [count('to-add'), count('to-change'), count('to-destroy')];
    // GitHub allows label names of up to 50 characters.
    const label = inputs.matching('label', /^[^,]{1,50}$/, 'a label name of 1 to 50 characters without commas') ??
        'infra-drift';
    if (!token)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j("Input 'token' is required: a token with issues: write");
    const repository = process.env.GITHUB_REPOSITORY;
    if (!repository)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j('GITHUB_REPOSITORY is not set: run this action in a workflow');
    const addonRows = (0,_canary_delivery_github_report_drift_check__WEBPACK_IMPORTED_MODULE_3__/* .parseAddonRows */ .tl)(inputs.text('addons'));
    const { keepDriftIssue } = await Promise.all(/* import() */[__nccwpck_require__.e(258), __nccwpck_require__.e(549)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9549));
    const runUrl = (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .workflowRunUrl */ .C)();
    const result = await keepDriftIssue({
        token,
        apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
        repository,
        log: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(line),
    }, {
        environment,
        infrastructure,
        ...(counts.every((n) => n !== undefined)
            ? { changes: { add: counts[0], change: counts[1], destroy: counts[2] } }
            : {}),
        addons,
        addonRows,
        ...(runUrl ? { runUrl } : {}),
        checkedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }, label);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .setOutput */ .uH('verdict', result.verdict);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .setOutput */ .uH('action', result.action);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .setOutput */ .uH('issue', result.issue ? String(result.issue.number) : '');
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .setOutput */ .uH('issue-url', result.issue?.url ?? '');
    const said = {
        drift: `${environment} drifts`,
        clean: `${environment} matches its code`,
        unknown: `a check of ${environment} did not finish: nothing is said about drift`,
    }[result.verdict];
    const done = result.issue
        ? `; issue [#${result.issue.number}](${result.issue.url}) ${result.action === 'none' ? 'left as it is' : result.action}`
        : '';
    const duplicates = result.duplicates.length
        ? `; closed as duplicates: ${result.duplicates.map((n) => `#${n}`).join(', ')}`
        : '';
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`${said}${done.replace(/\[(#\d+)\]\([^)]*\)/, '$1')}${duplicates}`);
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_6__/* .writeSummary */ .Sy)(`### Drift of ${environment}\n\n${said}${done}${duplicates}.`);
}
await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_7__/* .runAction */ .C)(main);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

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

/***/ 4499:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i_: () => (/* binding */ InputReader)
});

// UNUSED EXPORTS: envInputGetter, inputEnvName

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

// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __nccwpck_require__(2935);
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
    throw new errors/* ConfigurationError */.j(`Input '${name}' must be ${expected}, got '${got}'`);
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
            throw new errors/* ConfigurationError */.j(`Input '${name}' is required${hint ? ` (${hint})` : ''}`);
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


/***/ }),

/***/ 1323:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2935);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1575);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4571);



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
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4571);

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

/***/ 4571:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fe: () => (/* binding */ appendSummary),
  Yz: () => (/* binding */ debug),
  pq: () => (/* binding */ info),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret)
});

// UNUSED EXPORTS: addPath, endGroup, error, exportVariable, getState, isDebug, notice, saveState, startGroup, warning

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ../../packages/action-kit/src/step.ts
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
    process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
/** Appends to a file command's file; false when the runner named none (a very old runner, or none). */
function appendTo(variable, text) {
    const file = process.env[variable];
    if (!file)
        return false;
    (0,external_node_fs_namespaceObject.appendFileSync)(file, text, 'utf8');
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
    return `${name}<<${end}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${end}${external_node_os_namespaceObject.EOL}`;
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
    process.stdout.write(`${message}${external_node_os_namespaceObject.EOL}`);
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
    process.stdout.write(external_node_os_namespaceObject.EOL);
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

/***/ 1919:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ZD: () => (/* binding */ escapeHtml),
  tp: () => (/* binding */ table),
  Sy: () => (/* binding */ writeSummary)
});

// UNUSED EXPORTS: cell, codeBlock, details, heading, mermaid

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

// EXTERNAL MODULE: ../../packages/action-kit/src/secrets.ts
var secrets = __nccwpck_require__(1575);
// EXTERNAL MODULE: ../../packages/action-kit/src/step.ts + 3 modules
var step = __nccwpck_require__(4571);
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
    if ((0,step/* appendSummary */.fe)(`${(0,secrets/* mask */.dK)(markdown)}\n`))
        return;
    (0,step/* debug */.Yz)('GITHUB_STEP_SUMMARY is not set; the summary goes to the log only');
    // In the log, the summary's text (values, file contents) must not act as workflow commands.
    (0,step/* info */.pq)(inertLines((0,secrets/* mask */.dK)(markdown)));
}


/***/ }),

/***/ 6929:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ workflowRunUrl)
/* harmony export */ });
/* unused harmony export githubServerUrl */
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

/***/ 8971:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DU: () => (/* binding */ INFRASTRUCTURE_RESULTS),
/* harmony export */   Zk: () => (/* binding */ driftVerdict),
/* harmony export */   tl: () => (/* binding */ parseAddonRows),
/* harmony export */   xP: () => (/* binding */ ADDONS_RESULTS)
/* harmony export */ });
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2935);
// What a scheduled check of one environment found, and what it means for its drift issue. Kept apart
// from the GitHub client so that the action reads and checks its inputs without loading it.

/** What provision-infra's `result` can be after `command: check`. */
const INFRASTRUCTURE_RESULTS = ['no-changes', 'drift'];
/** What bootstrap-addons' `result` can be after `command: check`. */
const ADDONS_RESULTS = ['ready', 'drift', 'failed', 'timed-out'];
/** More add-ons than a cluster could hold: the input is refused rather than read without end. */
const MAX_ADDONS = 500;
/**
 * bootstrap-addons' `addons` output: a JSON list of `{ name, namespace, chart, pinned, running,
 * ready, message }`. Anything else is one error naming the input.
 */
function parseAddonRows(text, input = 'addons') {
    if (!text?.trim())
        return [];
    const expected = "bootstrap-addons' addons output, a JSON list of { name, namespace, chart, pinned, running, ready, message }";
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`Input '${input}' must be ${expected}; it is not JSON`);
    }
    if (!Array.isArray(value))
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`Input '${input}' must be ${expected}`);
    if (value.length > MAX_ADDONS)
        throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`Input '${input}' lists ${value.length} add-ons; at most ${MAX_ADDONS} are read`);
    return value.map((row, index) => {
        const record = (row && typeof row === 'object' ? row : {});
        if (typeof record.name !== 'string' || typeof record.ready !== 'boolean')
            throw new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`Input '${input}' item ${index + 1} must be ${expected.replace(/^.*, a JSON list of /, '')}`);
        const text = (key) => (typeof record[key] === 'string' ? record[key] : '');
        return {
            name: record.name,
            namespace: text('namespace'),
            chart: text('chart'),
            pinned: text('pinned'),
            running: text('running'),
            ready: record.ready,
            message: text('message'),
        };
    });
}
function driftVerdict(check) {
    if (check.infrastructure === 'drift' || check.addons === 'drift')
        return 'drift';
    if (check.infrastructure === 'no-changes' && check.addons === 'ready')
        return 'clean';
    return 'unknown';
}


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
