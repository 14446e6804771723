export const id = 697;
export const ids = [697];
export const modules = {

/***/ 5870:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ readInputs)
});

// EXTERNAL MODULE: ../../packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(1575);
// EXTERNAL MODULE: ../../packages/action-kit/src/duration.ts
var duration = __webpack_require__(2572);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
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
        const ms = (0,duration/* parseDuration */.E)(value);
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

// EXTERNAL MODULE: ../../packages/addons/src/settings.ts + 1 modules
var settings = __webpack_require__(8071);
;// CONCATENATED MODULE: ./src/inputs.ts


/** GitHub's published SSH host keys for github.com, for a deploy key without gitops-known-hosts. */
const GITHUB_KNOWN_HOSTS = [
    'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    'github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=',
].join('\n');
/** A private key: masked whole and line by line (its base64 body lines), as the runner masks per line. */
function registerText(text) {
    if (!text)
        return;
    (0,secrets/* registerSecret */.cl)(text);
    for (const line of text.split('\n'))
        if (line.trim().length >= 8 && !/^-----/.test(line.trim()))
            (0,secrets/* registerSecret */.cl)(line.trim());
}
/** Every input, checked before anything is contacted or written; a mistake is one line naming the input. */
async function readInputs() {
    const inputs = new InputReader();
    const environment = (0,settings/* parseEnvironment */.Nq)(inputs.required('environment'));
    const command = inputs.oneOf('command', settings/* COMMANDS */.Lo) ?? 'apply';
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const kubeconfig = inputs.text('kubeconfig');
    // Whole; its tokens and keys are masked one by one when it is read (kube's prepareKubeconfig).
    (0,secrets/* registerSecret */.cl)(kubeconfig);
    const sshHost = inputs.optional('ssh-host');
    const hostsText = inputs.optional('hosts');
    if (sshHost && hostsText)
        throw new errors/* ConfigurationError */.j("Inputs 'ssh-host' and 'hosts' name the host twice: give one");
    if (kubeconfig && (sshHost || hostsText))
        throw new errors/* ConfigurationError */.j(`Input 'kubeconfig' and '${sshHost ? 'ssh-host' : 'hosts'}' both give the cluster: give one`);
    let cluster;
    if (sshHost || hostsText) {
        const host = sshHost ? { address: (0,settings/* parseSshHost */.wh)(sshHost) } : (0,settings/* hostFromHosts */._$)(hostsText, environment);
        const key = inputs.text('ssh-key');
        registerText(key);
        const knownHosts = inputs.text('ssh-known-hosts');
        if (!key)
            throw new errors/* ConfigurationError */.j(`Input 'ssh-key' is required with '${sshHost ? 'ssh-host' : 'hosts'}'`);
        if (!knownHosts)
            throw new errors/* ConfigurationError */.j(`Input 'ssh-known-hosts' is required with '${sshHost ? 'ssh-host' : 'hosts'}' (ssh-keyscan output, checked once by a person): host keys are checked strictly`);
        cluster = {
            kind: 'ssh',
            target: {
                host: host.address,
                user: (0,settings/* parseSshUser */.rp)(inputs.optional('ssh-user') ?? host.user ?? 'root', inputs.optional('ssh-user') ? 'ssh-user' : 'hosts'),
                port: inputs.integer('ssh-port', { min: 1, max: 65535 }) ?? 22,
                apiPort: inputs.integer('api-server-port', { min: 1, max: 65535 }) ?? 6443,
                key,
                knownHosts,
            },
        };
    }
    else {
        cluster = {
            kind: 'kubeconfig',
            content: kubeconfig,
            kubeconfigEnv: process.env.KUBECONFIG,
            context: inputs.optional('context'),
        };
    }
    const token = inputs.optional('gitops-token');
    (0,secrets/* registerSecret */.cl)(token);
    const deployKey = inputs.text('gitops-deploy-key');
    registerText(deployKey);
    if (token && deployKey)
        throw new errors/* ConfigurationError */.j("Inputs 'gitops-token' and 'gitops-deploy-key' are two credentials: give one");
    const repository = inputs.required('gitops-repository');
    const source = (0,settings/* resolveGitopsSource */.YM)(repository, {
        deployKey: Boolean(deployKey),
        serverUrl: process.env.GITHUB_SERVER_URL,
        workspace,
    });
    const onGitHub = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(repository.trim()) &&
        (process.env.GITHUB_SERVER_URL ?? 'https://github.com') === 'https://github.com';
    const knownHosts = inputs.text('gitops-known-hosts') ?? (onGitHub ? GITHUB_KNOWN_HOSTS : undefined);
    if (deployKey && !knownHosts)
        throw new errors/* ConfigurationError */.j("Input 'gitops-known-hosts' is required with 'gitops-deploy-key' for a repository outside github.com");
    const helmVersion = inputs.matching('helm-version', /^v?\d+\.\d+\.\d+$/, 'one helm version such as 4.1.4');
    return {
        environment,
        command,
        cluster,
        gitops: {
            source,
            branch: (0,settings/* parseBranch */.Qd)(inputs.optional('gitops-branch') ?? 'main'),
            path: (0,settings/* parseGitopsPath */.PQ)(inputs.optional('gitops-path') ?? 'clusters/{environment}', environment),
            ...(token ? { token } : {}),
            ...(deployKey ? { deployKey: { key: deployKey, knownHosts: knownHosts } } : {}),
        },
        flux: {
            version: (0,settings/* parseChartVersion */.gd)(inputs.optional('flux-chart-version') ?? settings/* PINNED */.LS.fluxChartVersion, 'flux-chart-version'),
            repository: (0,settings/* parseChartRepository */.Ss)(inputs.optional('flux-chart-repository') ?? settings/* PINNED */.LS.fluxChartRepository),
            namespace: (0,settings/* parseNamespace */.LM)(inputs.optional('flux-namespace') ?? 'flux-system', 'flux-namespace'),
            values: await (0,settings/* parseValues */.Qc)(inputs.text('flux-values'), 'flux-values'),
        },
        helm: {
            version: (helmVersion ?? settings/* PINNED */.LS.helmVersion).replace(/^v/, ''),
            ...(inputs.optional('helm') ? { given: inputs.optional('helm') } : {}),
            // On a runner the pinned helm may be installed into the tool cache; elsewhere it must be there.
            ...(process.env.GITHUB_ACTIONS === 'true' && process.env.RUNNER_TOOL_CACHE
                ? { toolCache: process.env.RUNNER_TOOL_CACHE }
                : {}),
        },
        timeoutMs: inputs.duration('timeout', { minMs: 10_000, maxMs: 6 * 3_600_000 }) ?? 15 * 60_000,
        resetStalled: inputs.boolean('reset-stalled') ?? true,
        verify: inputs.oneOf('verify', settings/* VERIFY_SCOPES */.GY) ?? 'canary',
        tempDir: process.env.RUNNER_TEMP ?? workspace,
    };
}


/***/ }),

/***/ 5697:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6001);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7966);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1575);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1890);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1323);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5870);


async function main() {
    const inputs = await (0,_inputs__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .K)();
    // The bootstrap's modules (the Kubernetes client, helm, YAML) load only once the inputs hold.
    const { addonsOutput, bootstrapAddons, renderSummary } = await Promise.all(/* import() */[__webpack_require__.e(293), __webpack_require__.e(415)]).then(__webpack_require__.bind(__webpack_require__, 9415));
    // GitHub cancels with SIGINT, then SIGTERM: the first ends the run (helm is asked to stop by
    // interruptible()), so that the credentials are removed before the runner kills the process.
    const cancel = new AbortController();
    const onSignal = (signal) => cancel.abort(new Error(`the runner sent ${signal}`));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const report = await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .interruptible */ .In)(() => bootstrapAddons({
        ...inputs,
        signal: cancel.signal,
        log: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(line),
        registerSecret: _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .registerSecret */ .cl,
        onWorkDir: (dir) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('work-dir', dir),
    }));
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('result', report.result);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('changed', String(report.changed));
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('flux-version', report.flux.appVersion);
    _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH('addons', addonsOutput(report.addons));
    for (const warning of report.warnings)
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .mask */ .dK)(warning));
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .writeSummary */ .Sy)(...renderSummary(report));
    if (report.failure)
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .setFailed */ .C1((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_3__/* .mask */ .dK)(report.failure));
}
await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .runAction */ .C)(main);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

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

/***/ 4901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   vL: () => (/* binding */ describeCommand)
/* harmony export */ });
/* unused harmony exports ExecError, execArgv */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1575);





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
    return (0,_secrets__WEBPACK_IMPORTED_MODULE_3__/* .mask */ .dK)([file, ...args].map(quote).join(' '));
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

/***/ 6001:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   In: () => (/* binding */ interruptible),
/* harmony export */   oo: () => (/* binding */ ProgramNotFoundError),
/* harmony export */   wQ: () => (/* binding */ spawnArgv)
/* harmony export */ });
/* unused harmony exports InterruptedError, interruption */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4901);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7966);



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
        _step__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`${signal} received again; still waiting for the running program to stop cleanly`);
        return;
    }
    received = signal;
    _step__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`${signal} received: asking ${running.size} running program(s) to stop cleanly`);
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
    const command = (0,_exec__WEBPACK_IMPORTED_MODULE_2__/* .describeCommand */ .vL)(file, args);
    if (options.quiet)
        _step__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`$ ${command}`);
    else
        _step__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`$ ${command}`);
    const env = Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([, v]) => v !== undefined));
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], {
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
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports isDebug, notice, error, getState, exportVariable, addPath, startGroup, endGroup */
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

/***/ 1890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R_: () => (/* binding */ heading),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony exports cell, mermaid, codeBlock, escapeHtml */
/* harmony import */ var _inert__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5014);
/* harmony import */ var _secrets__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1575);
/* harmony import */ var _step__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7966);



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

/***/ 8071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Lo: () => (/* binding */ COMMANDS),
  LS: () => (/* binding */ PINNED),
  GY: () => (/* binding */ VERIFY_SCOPES),
  _$: () => (/* binding */ hostFromHosts),
  Qd: () => (/* binding */ parseBranch),
  Ss: () => (/* binding */ parseChartRepository),
  gd: () => (/* binding */ parseChartVersion),
  Nq: () => (/* binding */ parseEnvironment),
  PQ: () => (/* binding */ parseGitopsPath),
  LM: () => (/* binding */ parseNamespace),
  wh: () => (/* binding */ parseSshHost),
  rp: () => (/* binding */ parseSshUser),
  Qc: () => (/* binding */ parseValues),
  YM: () => (/* binding */ resolveGitopsSource)
});

// UNUSED EXPORTS: isHostAddress

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
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
            throw new errors/* ConfigurationError */.j(`${what}: unknown placeholder ${whole} in '${template}' (known: ${known.join(', ')})`);
        }
        return value;
    });
}

;// CONCATENATED MODULE: ../../packages/addons/src/settings.ts




const COMMANDS = ['plan', 'apply', 'check'];
const VERIFY_SCOPES = ['canary', 'gateway', 'none'];
/** The versions this release of the action pins (a user's input overrides each). */
const PINNED = {
    /** fluxcd-community's flux2 chart 2.18.3 runs Flux 2.8. */
    fluxChartVersion: '2.18.3',
    fluxChartRepository: 'https://fluxcd-community.github.io/helm-charts',
    helmVersion: '4.1.4',
};
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
/** A Unix user name as useradd accepts it; never starts with `-`, so ssh cannot read it as an option. */
const USER = /^[a-z_][a-z0-9_-]{0,31}\$?$/;
/** An exact SemVer 2 version: the chart is pinned, so ranges are not accepted. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
function parseEnvironment(value) {
    if (!NAME.test(value))
        throw new errors/* ConfigurationError */.j(`Input 'environment' must be a name of letters, digits, '.', '-' and '_', got '${value}'`);
    return value;
}
function isHostAddress(value) {
    return (0,external_node_net_.isIP)(value) !== 0 || HOSTNAME.test(value);
}
/** One environment's host from provision-infra's `hosts` output (JSON of environment → host). */
function hostFromHosts(text, environment) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new errors/* ConfigurationError */.j(`Input 'hosts' must be JSON of environment → { address, user } (provision-infra's hosts output), got text that is not JSON`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new errors/* ConfigurationError */.j(`Input 'hosts' must be a JSON object of environment → { address, user } (provision-infra's hosts output)`);
    const hosts = parsed;
    if (!Object.hasOwn(hosts, environment)) {
        const known = Object.keys(hosts);
        throw new errors/* ConfigurationError */.j(`Input 'hosts' has no entry for environment '${environment}' (it has: ${known.join(', ') || 'none'})`);
    }
    const entry = hosts[environment];
    const record = entry && typeof entry === 'object' && !Array.isArray(entry) ? entry : {};
    const address = typeof entry === 'string' ? entry : (record.address ?? record.ip ?? record.hostname);
    if (typeof address !== 'string' || !isHostAddress(address))
        throw new errors/* ConfigurationError */.j(`Input 'hosts': the entry for '${environment}' must hold an address (an IP or a hostname), got ${JSON.stringify(entry)}`);
    const user = typeof record.user === 'string' && record.user ? record.user : undefined;
    return {
        address,
        ...(typeof record.ip === 'string' ? { ip: record.ip } : {}),
        ...(typeof record.hostname === 'string' ? { hostname: record.hostname } : {}),
        ...(user ? { user } : {}),
    };
}
function parseSshHost(value, inputName = 'ssh-host') {
    if (!isHostAddress(value))
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be an IP address or a hostname, got '${value}'`);
    return value;
}
function parseSshUser(value, inputName = 'ssh-user') {
    if (!USER.test(value))
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be a user name (lower-case letters, digits, '_' and '-'), got '${value}'`);
    return value;
}
function parseChartVersion(value, inputName) {
    if (!EXACT_VERSION.test(value))
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be one exact chart version such as ${PINNED.fluxChartVersion} (the chart is pinned: no ranges), got '${value}'`);
    return value.replace(/^v/, '');
}
/** The chart repository: an https (or, for a local one, http) URL, or an `oci://` registry path. */
function parseChartRepository(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        url = undefined;
    }
    if (!url || !['https:', 'http:', 'oci:'].includes(url.protocol) || url.username || url.password)
        throw new errors/* ConfigurationError */.j(`Input 'flux-chart-repository' must be an https:// chart repository or an oci:// registry path without credentials, got '${value}'`);
    return value.replace(/\/+$/, '');
}
function parseNamespace(value, inputName) {
    if (!DNS_LABEL.test(value))
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be a Kubernetes namespace name (lower-case letters, digits and '-'), got '${value}'`);
    return value;
}
/**
 * Helm values given as YAML: a mapping, parsed with a bound on aliases (it is untrusted text). The
 * YAML parser is loaded only when there are values, so that the action starts without it.
 */
async function parseValues(text, inputName) {
    if (!text?.trim())
        return {};
    const { parse } = await __webpack_require__.e(/* import() */ 293).then(__webpack_require__.t.bind(__webpack_require__, 8293, 19));
    let parsed;
    try {
        parsed = parse(text, { maxAliasCount: 100 });
    }
    catch (error) {
        const line = error.linePos?.[0]?.line;
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' is not valid YAML${line ? ` (line ${line})` : ''}`);
    }
    if (parsed === null || parsed === undefined)
        return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed))
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be a YAML mapping of Helm values`);
    return parsed;
}
function parseBranch(value) {
    // git check-ref-format's rules that matter here; a leading '-' could read as an option.
    if (!/^[A-Za-z0-9._/-]+$/.test(value) ||
        value.startsWith('-') ||
        value.startsWith('/') ||
        value.endsWith('/') ||
        value.endsWith('.lock') ||
        value.includes('..') ||
        value.includes('//'))
        throw new errors/* ConfigurationError */.j(`Input 'gitops-branch' must be a branch name, got '${value}'`);
    return value;
}
/** The cluster's path in the repository (`{environment}` replaced), relative and inside it. */
function parseGitopsPath(template, environment) {
    const expanded = expandTemplate(template, { environment }, "Input 'gitops-path'");
    const normal = external_node_path_.posix.normalize(expanded.replace(/^\.\//, '')).replace(/\/+$/, '');
    if (!normal || normal === '.' || external_node_path_.posix.isAbsolute(normal) || normal.split('/').includes('..'))
        throw new errors/* ConfigurationError */.j(`Input 'gitops-path' must be a folder inside the repository such as clusters/{environment}, got '${template}'`);
    return normal;
}
/**
 * `owner/name` on GitHub (https, or ssh with a deploy key), an https or ssh URL, or a local path or
 * `file://` URL for local runs (the sandbox's source-controller reads those; a real one does not).
 * GitHub URLs are written as `flux bootstrap` writes them, without `.git`, so that the copy in Git
 * (`clusters/<env>/flux-sync.yaml`) can say the same.
 */
function resolveGitopsSource(repository, options) {
    const value = repository.trim();
    const server = new URL(options.serverUrl ?? 'https://github.com');
    if (/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value)) {
        const path = value.replace(/\.git$/, '');
        const url = options.deployKey ? `ssh://git@${server.host}/${path}` : `${server.origin}/${path}`;
        return { url, display: value, transport: options.deployKey ? 'ssh' : 'https' };
    }
    if (/^(https?|ssh):\/\//.test(value)) {
        const url = new URL(value);
        if (url.password || (url.protocol !== 'ssh:' && url.username))
            throw new errors/* ConfigurationError */.j("Input 'gitops-repository': put the credential in 'gitops-token' or 'gitops-deploy-key', not in the URL");
        const transport = url.protocol === 'ssh:' ? 'ssh' : 'https';
        if (transport === 'ssh' && !options.deployKey)
            throw new errors/* ConfigurationError */.j("Input 'gitops-repository' is an ssh:// URL: it needs 'gitops-deploy-key'");
        if (transport === 'https' && options.deployKey)
            throw new errors/* ConfigurationError */.j("Input 'gitops-deploy-key' needs an ssh:// repository URL (or owner/name); for https use 'gitops-token'");
        return { url: value, display: value, transport };
    }
    if (value.startsWith('file://'))
        return { url: value, display: value, transport: 'file' };
    if ((0,external_node_path_.isAbsolute)(value) || value.startsWith('./') || value.startsWith('../'))
        return {
            url: (0,external_node_url_.pathToFileURL)((0,external_node_path_.resolve)(options.workspace ?? process.cwd(), value)).href,
            display: value,
            transport: 'file',
        };
    throw new errors/* ConfigurationError */.j(`Input 'gitops-repository' must be owner/name, an https:// or ssh:// URL, a local path or a file:// URL, got '${repository}'`);
}


/***/ })

};
