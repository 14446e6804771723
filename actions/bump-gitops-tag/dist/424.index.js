export const id = 424;
export const ids = [424];
export const modules = {

/***/ 3320:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony exports sleep, backoffDelay */
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


/***/ }),

/***/ 7722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ expandTemplate)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2935);

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
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j(`${what}: unknown placeholder ${whole} in '${template}' (known: ${known.join(', ')})`);
        }
        return value;
    });
}


/***/ }),

/***/ 2424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUSH_GRACE_MS: () => (/* reexport */ PUSH_GRACE_MS),
  bumpGitopsTag: () => (/* reexport */ bumpGitopsTag)
});

// UNUSED EXPORTS: MAX_FILE_BYTES, editImageTag

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ../../packages/action-kit/src/template.ts
var src_template = __webpack_require__(7722);
// EXTERNAL MODULE: ../../packages/action-kit/src/secrets.ts
var secrets = __webpack_require__(1575);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
// EXTERNAL MODULE: ../../packages/action-kit/src/retry.ts
var retry = __webpack_require__(3320);
// EXTERNAL MODULE: ../../packages/action-kit/src/duration.ts
var duration = __webpack_require__(2572);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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
    return mask([file, ...args].map(quote).join(' '));
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

;// CONCATENATED MODULE: ../../packages/gitops/src/git-process.ts


/**
 * Network trouble worth another attempt, as git reports it: a 5xx, 429 or 408 answer, a connection
 * reset or refused, a stall (http.lowSpeedTime), a TLS or name lookup hiccup.
 */
const TRANSIENT = /returned error: (5\d\d|429|408)|HTTP (5\d\d|429|408)|curl (6|7|18|28|35|52|55|56|92)\b|connection reset|empty reply from server|operation too slow|timed out|couldn't connect to server|failed to connect|could not resolve host|transfer closed with outstanding read data|ssl_error_syscall|gnutls_handshake|stream \d+ was not closed cleanly/i;
/** A git command that failed; `transient` when another attempt may well succeed. */
class GitFailure extends Error {
    command;
    stderr;
    aborted;
    name = 'GitFailure';
    transient;
    constructor(command, stderr, 
    /** Stopped by the caller's signal rather than failed by itself. */
    aborted = false) {
        const detail = tail(stderr, 3).replace(/\s*\n\s*/g, ' | ');
        super((0,secrets/* mask */.dK)(`${command} failed${aborted ? ' (stopped)' : ''}${detail ? `: ${detail}` : ''}`));
        this.command = command;
        this.stderr = stderr;
        this.aborted = aborted;
        this.transient = !aborted && TRANSIENT.test(stderr);
    }
    /** The most telling line of git's error output, for a retry message. */
    get reason() {
        const lines = this.stderr.split('\n').map((line) => line.trim());
        const best = lines.find((line) => TRANSIENT.test(line)) ?? lines.reverse().find((line) => line.startsWith('fatal:'));
        return (0,secrets/* mask */.dK)((best ?? 'no error output').replace(/^(fatal|error): /, ''));
    }
}
/** Describes a command for the debug log: `git fetch …` without the environment. */
const describe = (args) => `git ${args.join(' ')}`;
/**
 * Starts git with an argument array (never a shell) in a process group of its own, so that a stop
 * takes its transport helpers along. The signal kills the group.
 */
function spawnGit(context, args, signal) {
    const child = (0,external_node_child_process_.spawn)('git', args, {
        cwd: context.cwd,
        env: { ...process.env, ...context.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
    });
    const stop = () => {
        try {
            if (child.pid !== undefined && child.exitCode === null)
                process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
    };
    if (signal?.aborted)
        stop();
    signal?.addEventListener('abort', stop, { once: true });
    child.once('close', () => signal?.removeEventListener('abort', stop));
    // A stopped process no longer reads its input.
    child.stdin.on('error', () => { });
    return child;
}
/** Runs one git command to the end; a non-zero exit throws a GitFailure unless `allowFailure`. */
function runGit(context, args, options = {}) {
    const started = performance.now();
    const child = spawnGit(context, args, options.signal);
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.stdin.end(options.input);
    return new Promise((resolve, reject) => {
        child.once('error', (error) => reject(new GitFailure(describe(args), error.message)));
        child.once('close', (code) => {
            const output = {
                exitCode: code ?? 128,
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
            };
            const bytes = stdout.reduce((sum, chunk) => sum + chunk.length, 0);
            context.debug?.((0,secrets/* mask */.dK)(`${describe(args)}: exit ${output.exitCode} in ${Math.round(performance.now() - started)} ms, ${bytes} bytes out`));
            if (output.exitCode === 0 || options.allowFailure)
                resolve(output);
            else
                reject(new GitFailure(describe(args), output.stderr, !!options.signal?.aborted));
        });
    });
}

;// CONCATENATED MODULE: ../../packages/gitops/src/bump-faults.ts

/** How long a push in flight may still take after the first signal (the runner kills after 10 s). */
const PUSH_GRACE_MS = 5_000;
/** The least wait after a network fault (a non-fast-forward retry waits from 100 ms). */
const TRANSIENT_FLOOR_MS = 1_000;
/** A failed attempt worth another one: the branch moved, or the network failed us. */
class Retry extends Error {
    giveUp;
    transient;
    constructor(message, giveUp, transient) {
        super(message);
        this.giveUp = giveUp;
        this.transient = transient;
    }
}
/** `what` failed on the network: worth another attempt. Anything else passes through. */
async function bump_faults_transient(what, operation) {
    try {
        return await operation;
    }
    catch (error) {
        if (error instanceof GitFailure && error.transient) {
            throw new Retry(`${what} failed (${error.reason})`, (attempts) => gaveUp(error, attempts), true);
        }
        throw error;
    }
}
function gaveUp(error, attempts) {
    return new Error(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${error.message}`);
}
/** Whether the remote branch now points at `commit`, asked within a few seconds. */
async function bump_faults_confirm(git, branch, commit) {
    try {
        const heads = await git.remoteHeads([branch], AbortSignal.timeout(2_000));
        return heads.get(branch) === commit ? 'landed' : 'unconfirmed';
    }
    catch {
        return 'unconfirmed';
    }
}
/** Stops a push on a second signal, or PUSH_GRACE_MS after the first. */
function pushDeadline(signal, abandon) {
    if (!signal && !abandon)
        return undefined;
    const controller = new AbortController();
    const stop = () => controller.abort();
    const grace = () => setTimeout(stop, PUSH_GRACE_MS).unref();
    if (abandon?.aborted)
        stop();
    abandon?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted)
        grace();
    else
        signal?.addEventListener('abort', grace, { once: true });
    return controller.signal;
}

;// CONCATENATED MODULE: ../../packages/image-ref/src/index.ts
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

// EXTERNAL MODULE: ../../node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var dist = __webpack_require__(8293);
;// CONCATENATED MODULE: ../../packages/gitops/src/yaml-documents.ts


function pathText(path) {
    return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}
/** How a document is named in messages: `Kind/name`, or `doc[i]` in a file of several. */
function docLabel(doc, index, count) {
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name']);
    if (typeof kind === 'string')
        return `${kind}${typeof name === 'string' ? `/${name}` : ''}`;
    return count > 1 ? `doc[${index}]` : '';
}
/** A value from the file as an error message shows it: one line, at most `max` characters. */
function excerpt(value, max = 80) {
    const text = JSON.stringify(String(value)).slice(1, -1);
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
function scalarText(node) {
    return node.value === null || node.value === undefined ? undefined : String(node.value);
}
/** Calls `visit` for every collection and scalar reachable without following aliases. */
function walk(node, path, visit, key) {
    if (!node || (0,dist/* isAlias */.Vj)(node))
        return;
    visit(node, path, key);
    if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            const k = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : undefined;
            if (k !== undefined)
                walk(pair.value, [...path, k], visit, k);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        node.items.forEach((item, i) => {
            walk(item, [...path, i], visit, key);
        });
    }
}
/** The scalar value under `key`, when it is one. */
function mapScalar(map, key) {
    const value = map.get(key, true);
    return (0,dist/* isScalar */.jn)(value) && value.value !== null && typeof value.value !== 'object' ? value : undefined;
}
function parseDocuments(content, fileName) {
    // yaml's own duplicate-key check compares each key with every key before it (quadratic); the one
    // below is linear.
    const docs = (0,dist/* parseAllDocuments */.hR)(content, { keepSourceTokens: false, uniqueKeys: false });
    if (!Array.isArray(docs))
        throw new errors/* ConfigurationError */.j(`${fileName} is not YAML`);
    for (const doc of docs) {
        const error = doc.errors[0];
        if (error) {
            const line = error.linePos?.[0];
            throw new errors/* ConfigurationError */.j(`${fileName}${line ? `:${line.line}:${line.col}` : ''} is not valid YAML: ${error.message.split('\n')[0]}`);
        }
    }
    for (const doc of docs) {
        const duplicate = firstDuplicateKey(doc.contents);
        if (duplicate) {
            const { line, col } = lineAndColumn(content, duplicate);
            throw new errors/* ConfigurationError */.j(`${fileName}:${line}:${col} is not valid YAML: Map keys must be unique`);
        }
    }
    return docs;
}
/**
 * Where the first repeated key of a mapping starts, by yaml's rule (scalar keys with the same
 * value; other keys are never equal), found with one set per mapping. Aliases are not followed.
 */
function firstDuplicateKey(root) {
    const pending = [root];
    while (pending.length > 0) {
        const node = pending.pop();
        if ((0,dist/* isMap */.jh)(node)) {
            const seen = new Set();
            for (const pair of node.items) {
                if ((0,dist/* isScalar */.jn)(pair.key) && !Number.isNaN(pair.key.value)) {
                    if (seen.has(pair.key.value))
                        return pair.key.range?.[0] ?? 0;
                    seen.add(pair.key.value);
                }
                pending.push(pair.key, pair.value);
            }
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            for (const item of node.items)
                pending.push(item);
        }
    }
    return undefined;
}
function lineAndColumn(content, offset) {
    let line = 1;
    let start = 0;
    for (let at = content.indexOf('\n'); at >= 0 && at < offset; at = content.indexOf('\n', at + 1)) {
        line++;
        start = at + 1;
    }
    return { line, col: offset - start + 1 };
}
/**
 * Aliases shared by a document, weighted by the aliases inside what they repeat (yaml's measure): far
 * above any real values file, far below an alias bomb, whose comparison would never end.
 */
const MAX_ALIAS_COUNT = 10_000;
/** A document as plain data, anchors resolved; `what` names it when it repeats itself too much. */
function plainDocument(doc, what) {
    try {
        return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        if (!(error instanceof ReferenceError))
            throw error;
        throw new errors/* ConfigurationError */.j(`${what}: ${error.message.split('\n')[0]}`);
    }
}
/** The documents as plain data, anchors resolved. */
function plainData(docs, fileName) {
    return docs.map((doc) => plainDocument(doc, fileName));
}
const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function sameData(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
        return (Array.isArray(a) &&
            Array.isArray(b) &&
            a.length === b.length &&
            a.every((item, i) => sameData(item, b[i])));
    }
    if (isPlainObject(a) || isPlainObject(b)) {
        if (!isPlainObject(a) || !isPlainObject(b))
            return false;
        const keys = Object.keys(a);
        return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameData(a[key], b[key]));
    }
    return a === b;
}

;// CONCATENATED MODULE: ../../packages/gitops/src/bump-inputs.ts




/** Line breaks and other control characters: never part of a name, a path or an author. */
const CONTROL = /\p{Cc}/u;
const DEFAULT_AUTHOR = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';
/** A path inside the repository: relative, normalised, not leaving it. */
function checkFilePath(file) {
    const trimmed = file.trim().replace(/^\.\//, '');
    if (!trimmed)
        throw new errors/* ConfigurationError */.j("Input 'file' is empty");
    if (trimmed.includes('\\') || CONTROL.test(trimmed))
        throw new errors/* ConfigurationError */.j(`Input 'file': '${excerpt(file)}' must use / and no control characters`);
    if (external_node_path_.posix.isAbsolute(trimmed))
        throw new errors/* ConfigurationError */.j(`Input 'file': '${file}' must be relative to the repository root`);
    const normal = external_node_path_.posix.normalize(trimmed);
    if (normal === '..' || normal.startsWith('../') || normal.split('/').includes('.git')) {
        throw new errors/* ConfigurationError */.j(`Input 'file': '${file}' leaves the repository`);
    }
    return normal;
}
function checkTag(tag, input = 'tag') {
    if (!TAG_PATTERN.test(tag)) {
        throw new errors/* ConfigurationError */.j(`Input '${input}': expected an image tag matching [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, got '${excerpt(tag)}'`);
    }
    return tag;
}
/** A name used in the file template, the commit message and the pull request branch: one line. */
function checkName(value, input) {
    if (!value.trim() || CONTROL.test(value)) {
        throw new errors/* ConfigurationError */.j(`Input '${input}': expected a name without line breaks or control characters, got '${excerpt(value)}'`);
    }
    return value;
}
/** The image repository; a tag or digest given with it is ignored (the tag comes from `tag`). */
function checkImage(image) {
    if (!image?.trim())
        return undefined;
    const ref = parseImageRef(image);
    if (!ref)
        throw new errors/* ConfigurationError */.j(`Input 'image': expected an image repository like ghcr.io/acme/app, got '${image}'`);
    return ref.repository;
}
function parseAuthor(author = DEFAULT_AUTHOR) {
    const match = CONTROL.test(author) ? null : /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(author);
    if (!match)
        throw new errors/* ConfigurationError */.j(`Input 'author': expected 'Name <email>' on one line, got '${excerpt(author)}'`);
    return { name: match[1], email: match[2] };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/change-text.ts

const DEFAULT_COMMIT_MESSAGE = '{app} {environment}: {previous-tag} → {tag}';
/** The template with {app}, {environment}, {tag}, {previous-tag}, {file}, {image} filled, then the source as trailers. */
function commitMessage(template, fields, source = {}) {
    const subject = (0,src_template/* expandTemplate */.L)(template, {
        app: fields.app,
        environment: fields.environment,
        tag: fields.tag,
        'previous-tag': fields.previousTag ?? '(none)',
        file: fields.file,
        image: fields.image ?? '',
    }, "Input 'commit-message'");
    const trailers = [
        source.repository && `Source-Repository: ${source.repository}`,
        source.sha && `Source-Commit: ${source.sha}`,
        source.runUrl && `Run-URL: ${source.runUrl}`,
    ].filter(Boolean);
    return `${subject.trim()}\n${trailers.length ? `\n${trailers.join('\n')}\n` : ''}`;
}
/** One branch per app and environment, so a newer tag updates the same pull request. */
function pullRequestBranch(app, environment) {
    const clean = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'x';
    return `bump/${clean(app)}/${clean(environment)}`;
}
/** The pull request's title and body; the body's marker comment says which action wrote it. */
function pullRequestText(fields, source = {}) {
    const { app, environment, tag, previousTag, file } = fields;
    const body = [
        `Sets **${app}** in **${environment}** to \`${tag}\` (was \`${previousTag ?? 'unset'}\`) in \`${file}\`.`,
        '',
        source.repository ? `Source: ${source.repository}${source.sha ? `@${source.sha}` : ''}` : '',
        source.runUrl ? `Run: ${source.runUrl}` : '',
        '',
        '<!-- bump-gitops-tag -->',
    ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n');
    return { title: `${app} ${environment}: ${tag}`, body };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/tag-fields.ts



const RANK = {
    explicit: 0,
    setter: 0,
    'image-map': 1,
    kustomize: 1,
    sibling: 2,
    'image-ref': 3,
};
const SETTER = /\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}/;
/**
 * The Flux setter marker on the scalar's line, `# {"$imagepolicy": "ns:policy[:tag|:name]"}`: the
 * policy, and the suffix that says which part of the image the field holds (none: the whole reference).
 */
function fluxMarker(content, node) {
    if (!node.range)
        return undefined;
    const end = content.indexOf('\n', node.range[1]);
    const marker = SETTER.exec(content.slice(node.range[1], end < 0 ? content.length : end));
    const [, policy, suffix] = marker?.[1]?.split(':') ?? [];
    return policy === undefined ? undefined : { policy, suffix };
}
/** Every field in the document that could hold the app's image tag. */
function discoverTagFields(content, doc, docIndex) {
    const found = [];
    const setterNames = new Map();
    const kustomizeImages = kustomizeImagesPath(doc);
    walk(doc.contents, [], (node, path, key) => {
        if ((0,dist/* isScalar */.jn)(node) && node.range) {
            const marker = fluxMarker(content, node);
            if (marker?.suffix === 'name')
                setterNames.set(marker.policy, { path, node });
            const candidate = marker ? markedField(node, path, marker) : imageRefField(node, path, key);
            if (candidate)
                found.push({ docIndex, ...candidate });
            return;
        }
        if (!(0,dist/* isMap */.jh)(node))
            return;
        const inKustomizeImages = kustomizeImages &&
            typeof path[path.length - 1] === 'number' &&
            path.slice(0, -1).join('.') === kustomizeImages;
        const candidate = inKustomizeImages ? kustomizeField(node, path) : tagBesideRepository(node, path);
        if (candidate)
            found.push({ docIndex, ...candidate });
    });
    // A `:name` setter holds the repository of the policy's tag field.
    for (const candidate of found) {
        const named = candidate.policy ? setterNames.get(candidate.policy) : undefined;
        if (named) {
            candidate.repository = String(named.node.value);
            candidate.repositoryNode = named;
        }
    }
    // One node, one candidate: the strongest reason ranks it (a marked image-map field is a setter),
    // and what every reason knows about the image stays, so `image` and `app` can still select it.
    const byNode = new Map();
    for (const candidate of found) {
        const known = byNode.get(candidate.node);
        byNode.set(candidate.node, known ? combine(known, candidate) : candidate);
    }
    return [...byNode.values()];
}
/** kustomize's kustomization.yaml has `images:` at the top; Flux's Kustomization has `spec.images`. */
function kustomizeImagesPath(doc) {
    const kind = doc.get('kind');
    if ((0,dist/* isSeq */.oP)(doc.get('images', true)) && (kind === 'Kustomization' || kind === undefined))
        return 'images';
    if (kind === 'Kustomization' && (0,dist/* isSeq */.oP)(doc.getIn(['spec', 'images'], true)))
        return 'spec.images';
    return undefined;
}
/** A field a setter marker names: a tag (`:tag`) or a whole reference (no suffix). */
function markedField(node, path, { policy, suffix }) {
    if (suffix === 'tag')
        return { path, node, kind: 'tag', via: 'setter', policy };
    const ref = suffix === undefined ? parseImageRef(String(node.value)) : undefined;
    if (!ref)
        return undefined;
    return { path, node, kind: 'ref', via: 'setter', policy, repository: ref.repository };
}
/** `image: repo:tag` (any key ending in "image"). */
function imageRefField(node, path, key) {
    if (!key || !/image$/i.test(key) || typeof node.value !== 'string')
        return undefined;
    const ref = parseImageRef(node.value);
    if (ref?.tag === undefined)
        return undefined;
    return { path, node, kind: 'ref', via: 'image-ref', repository: ref.repository };
}
/** A kustomize `images[]` entry: `newTag`, for the image `name` (renamed to `newName` when given). */
function kustomizeField(entry, path) {
    const name = mapScalar(entry, 'name');
    const newTag = mapScalar(entry, 'newTag');
    const newName = mapScalar(entry, 'newName');
    if (!name || !newTag)
        return undefined;
    return {
        path: [...path, 'newTag'],
        node: newTag,
        kind: 'tag',
        via: 'kustomize',
        repository: newName ? String(newName.value) : String(name.value),
        matchName: String(name.value),
        repositoryNode: newName ? { path: [...path, 'newName'], node: newName } : undefined,
    };
}
/** `tag` under a key ending in "image", or beside a `repository` (optionally with a `registry`). */
function tagBesideRepository(map, path) {
    const tag = mapScalar(map, 'tag');
    if (!tag)
        return undefined;
    const repository = mapScalar(map, 'repository') ??
        (typeof map.get('image') === 'string' ? mapScalar(map, 'image') : undefined);
    const registry = mapScalar(map, 'registry');
    const last = path[path.length - 1];
    const underImage = typeof last === 'string' && /image$/i.test(last);
    if (!underImage && !repository)
        return undefined;
    const prefix = registry && repository && !String(repository.value).startsWith(`${registry.value}/`)
        ? `${registry.value}/`
        : undefined;
    return {
        path: [...path, 'tag'],
        node: tag,
        kind: 'tag',
        via: underImage ? 'image-map' : 'sibling',
        repository: repository ? `${prefix ?? ''}${repository.value}` : undefined,
        repositoryNode: repository
            ? {
                path: [...path, repository === map.get('repository', true) ? 'repository' : 'image'],
                node: repository,
                prefix,
            }
            : undefined,
    };
}
/** Two reasons for one field: the stronger one's rank and kind, the identity either one knows. */
function combine(a, b) {
    const [strong, weak] = RANK[b.via] < RANK[a.via] ? [b, a] : [a, b];
    return {
        ...strong,
        repository: strong.repository ?? weak.repository,
        repositoryNode: strong.repositoryNode ?? weak.repositoryNode,
        policy: strong.policy ?? weak.policy,
        matchName: strong.matchName ?? weak.matchName,
    };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/field-path.ts




/** Parses `HelmRelease/app:spec.values.image.tag`, `doc[1].spec.x`, `images[name=app].newTag`, `containers[0].image`. */
function parseField(field) {
    let rest = field.trim();
    let selector;
    let docIndex;
    const docPrefix = /^doc\[(\d+)\]\.?/.exec(rest);
    if (docPrefix) {
        docIndex = Number(docPrefix[1]);
        rest = rest.slice(docPrefix[0].length);
    }
    else {
        const colon = /^([A-Za-z][\w-]*(?:\/[\w.-]+)?):(?!\/)/.exec(rest);
        if (colon) {
            selector = colon[1];
            rest = rest.slice(colon[0].length);
        }
    }
    const segments = [];
    const pattern = /([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]/g;
    for (const match of rest.matchAll(pattern)) {
        if (match[1] !== undefined)
            segments.push(match[1]);
        else if (match[2] !== undefined)
            segments.push(Number(match[2]));
        else
            segments.push({ key: match[3], equals: match[4] });
    }
    if (segments.length === 0)
        throw new errors/* ConfigurationError */.j(`Input 'field': '${field}' names no field`);
    return { selector, docIndex, segments };
}
/** The one scalar an explicit `field` input names. */
function resolveFieldPath(docs, field, fileName, content) {
    const { selector, docIndex, segments } = parseField(field);
    const matches = [];
    docs.forEach((doc, index) => {
        if (docIndex !== undefined && index !== docIndex)
            return;
        if (selector) {
            const [kind, name] = selector.split('/');
            if (doc.get('kind') !== kind || (name !== undefined && doc.getIn(['metadata', 'name']) !== name))
                return;
        }
        let node = doc.contents;
        const path = [];
        for (const segment of segments) {
            if (typeof segment === 'object') {
                if (!(0,dist/* isSeq */.oP)(node))
                    return;
                const i = node.items.findIndex((item) => (0,dist/* isMap */.jh)(item) && String(item.get(segment.key)) === segment.equals);
                if (i < 0)
                    return;
                node = node.items[i];
                path.push(i);
            }
            else if (typeof segment === 'number') {
                if (!(0,dist/* isSeq */.oP)(node))
                    return;
                node = node.items[segment];
                path.push(segment);
            }
            else {
                if (!(0,dist/* isMap */.jh)(node))
                    return;
                node = node.get(segment, true);
                path.push(segment);
            }
            if (node === undefined)
                return;
        }
        if (!(0,dist/* isScalar */.jn)(node) || typeof node.value === 'object') {
            throw new errors/* ConfigurationError */.j(`Input 'field': '${field}' in ${fileName} is not a single value`);
        }
        const last = path[path.length - 1];
        const looksLikeRef = typeof last === 'string' && /image$/i.test(last) && parseImageRef(String(node.value))?.tag !== undefined;
        const marker = fluxMarker(content, node);
        const fullRef = marker ? marker.suffix === undefined : looksLikeRef;
        matches.push({
            docIndex: index,
            path,
            node,
            kind: fullRef ? 'ref' : 'tag',
            via: 'explicit',
            repository: fullRef ? parseImageRef(String(node.value))?.repository : undefined,
        });
    });
    if (matches.length === 0)
        throw new errors/* ConfigurationError */.j(`Input 'field': ${fileName} has no field '${field}'`);
    if (matches.length > 1) {
        throw new errors/* ConfigurationError */.j(`Input 'field': '${field}' is in ${matches.length} documents of ${fileName}; put the document first, e.g. 'doc[${matches[1].docIndex}].${field}' or 'Kind/name:${field}'`);
    }
    return matches[0];
}

;// CONCATENATED MODULE: ../../packages/gitops/src/choose-field.ts





/** Candidates an error message lists before it says how many more there are. */
const LISTED = 5;
/** A field as messages and results name it: `HelmRelease/app spec.values.image.tag`. */
function describeField(docs, c) {
    const label = docLabel(docs[c.docIndex], c.docIndex, docs.length);
    return `${label ? `${label} ` : ''}${pathText(c.path)}`;
}
function matchesImage(c, image) {
    const last = image.split('/').pop();
    return ((c.repository !== undefined && sameRepository(c.repository, image)) ||
        (c.matchName !== undefined && sameRepository(c.matchName, image)) ||
        (c.policy !== undefined && c.policy === last));
}
/** Which field of the file to edit: the explicit `field`, or the best one discovered. */
function chooseTagField(docs, content, request) {
    if (request.field) {
        const candidate = resolveFieldPath(docs, request.field, request.fileName, content);
        const { image } = request;
        const moved = !!image && candidate.kind === 'ref' && !sameRepository(candidate.repository ?? '', image);
        return { candidate, replaceRepository: moved };
    }
    const candidates = docs.flatMap((doc, i) => discoverTagFields(content, doc, i));
    return choose(docs, candidates, request);
}
function choose(docs, candidates, request) {
    const { image, fileName } = request;
    // A hostile file may hold thousands of candidates: the message names a few.
    const list = (cs) => cs
        .slice(0, LISTED)
        .map((c) => `${excerpt(describeField(docs, c), 200)} (${excerpt(c.node.value)})`)
        .join(', ') + (cs.length > LISTED ? ` and ${cs.length - LISTED} more` : '');
    if (candidates.length === 0) {
        throw new errors/* ConfigurationError */.j(`${fileName} has no image tag field (looked for Flux $imagepolicy markers, …image.tag, kustomization images[].newTag and image: repo:tag strings); name one with the 'field' input`);
    }
    let pool = candidates;
    const replaceRepository = false;
    if (image) {
        const matching = candidates.filter((c) => matchesImage(c, image));
        if (matching.length > 0)
            pool = matching;
        else {
            // No field names this image: with one clear best field, the image moves to the new repository.
            const best = bestTier(candidates);
            if (best.length !== 1 || (!best[0].repositoryNode && best[0].kind !== 'ref')) {
                throw new errors/* ConfigurationError */.j(`${fileName} has no image tag field for image '${image}' (found ${list(candidates)})`);
            }
            return { candidate: best[0], replaceRepository: true };
        }
    }
    let best = bestTier(pool);
    if (best.length > 1 && request.app) {
        // The release named after the app, or the image whose last path segment is the app's name.
        const last = (repository) => repository?.split('/').pop();
        const named = best.filter((c) => docs[c.docIndex].getIn(['metadata', 'name']) === request.app ||
            last(c.repository) === request.app ||
            last(c.matchName) === request.app);
        if (named.length === 1)
            best = named;
    }
    if (best.length > 1) {
        throw new errors/* ConfigurationError */.j(`${fileName} has ${best.length} equally likely image tag fields: ${list(best)}; choose with the 'image' or 'field' input`);
    }
    return { candidate: best[0], replaceRepository };
}
function bestTier(candidates) {
    const score = (c) => RANK[c.via] * 1000 + c.path.length;
    const top = candidates.reduce((best, c) => Math.min(best, score(c)), Number.POSITIVE_INFINITY);
    return candidates.filter((c) => score(c) === top);
}

;// CONCATENATED MODULE: ../../packages/gitops/src/values-input.ts



/** Values given as YAML text: the data, and the source for keeping comments of added blocks. */
function parseValuesInput(values) {
    if (values === undefined)
        return {};
    if (typeof values !== 'string')
        return { data: values };
    if (!values.trim())
        return {};
    const doc = (0,dist/* parseDocument */.Tp)(values);
    const error = doc.errors[0];
    if (error)
        throw new errors/* ConfigurationError */.j(`Input 'values' is not valid YAML: ${error.message.split('\n')[0]}`);
    const data = plainDocument(doc, "Input 'values'");
    if (!isPlainObject(data))
        throw new errors/* ConfigurationError */.j("Input 'values': expected a YAML mapping (e.g. render-canary-values' output)");
    const release = data.kind === 'HelmRelease';
    const picked = release ? data.spec?.values : data;
    if (!isPlainObject(picked))
        throw new errors/* ConfigurationError */.j("Input 'values': the HelmRelease has no spec.values mapping");
    const node = release ? doc.getIn(['spec', 'values'], true) : doc.contents;
    return { data: picked, source: (0,dist/* isMap */.jh)(node) && !node.flow ? { text: values, map: node } : undefined };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/yaml-text.ts


function applySplices(content, splices) {
    const sorted = [...splices].sort((a, b) => b.start - a.start);
    for (let i = 1; i < sorted.length; i++) {
        if (sorted[i].end > sorted[i - 1].start)
            throw new Error('internal: overlapping edits');
    }
    let result = content;
    for (const { start, end, text } of sorted)
        result = result.slice(0, start) + text + result.slice(end);
    return result;
}
/** Whether a plain scalar would read back as something other than this string (YAML 1.1 or 1.2). */
function needsQuotes(value) {
    if (value === '' || /^[\s]|[\s]$|[:#]\s|^[-?:,[\]{}#&*!|>'"%@`]/.test(value))
        return true;
    for (const version of ['1.1', '1.2']) {
        try {
            if ((0,dist/* parse */.qg)(value, { version }) !== value)
                return true;
        }
        catch {
            return true;
        }
    }
    return false;
}
/** The new scalar in the style of the old one; a plain value that would not read back as a string is double-quoted. */
function renderScalar(node, value) {
    switch (node.type) {
        case 'QUOTE_DOUBLE':
            return JSON.stringify(value);
        case 'QUOTE_SINGLE':
            return `'${value.replace(/'/g, "''")}'`;
        case 'PLAIN':
        case undefined:
            return needsQuotes(value) ? JSON.stringify(value) : value;
        default:
            throw new errors/* ConfigurationError */.j(`cannot rewrite a ${node.type} scalar; use a plain or quoted value`);
    }
}
function eolOf(content) {
    return content.includes('\r\n') ? '\r\n' : '\n';
}
function columnOf(content, offset) {
    return offset - (content.lastIndexOf('\n', offset - 1) + 1);
}
/** The indentation step the file uses (2 when it cannot tell). */
function indentStep(content) {
    const counts = new Map();
    let previous = 0;
    for (const line of content.split(/\r?\n/)) {
        if (!line.trim() || line.trim().startsWith('#'))
            continue;
        const indent = line.length - line.trimStart().length;
        if (indent > previous)
            counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1);
        previous = indent;
    }
    let best = 2;
    let bestCount = 0;
    for (const [step, count] of counts) {
        if (count > bestCount)
            [best, bestCount] = [step, count];
    }
    return best;
}
function renderBlock(value, indent, step, eol) {
    const text = (0,dist/* stringify */.As)(value, { indent: step, lineWidth: 0 }).replace(/\n$/, '');
    return text
        .split('\n')
        .map((line) => (line ? ' '.repeat(indent) + line : line))
        .join(eol);
}
function renderFlow(value) {
    return (0,dist/* stringify */.As)(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
}
/** Where a node's own text ends (its trailing comments and blank lines excluded). */
function contentEnd(content, node) {
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(content[end - 1]))
        end--;
    return end;
}
function lineEndAfter(content, offset) {
    const newline = content.indexOf('\n', offset);
    return newline < 0
        ? { offset: content.length, needsNewline: true }
        : { offset: newline + 1, needsNewline: false };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/values-merge.ts




/**
 * Splices that merge `values` under spec.values of the file's HelmRelease (the one of the edited
 * document, or the only one) or at the top of a plain values file, adding spec.values when missing.
 */
function valuesSplices(content, docs, docIndex, values, source, changes, fileName) {
    const root = valuesTarget(docs, docIndex, fileName);
    const doc = docs[root.docIndex];
    const map = root.path.length ? doc.getIn(root.path, true) : doc.contents;
    const step = indentStep(content);
    if ((0,dist/* isMap */.jh)(map) && map.flow && map.items.length === 0 && root.path.length === 2) {
        // `values: {}`: written as a block under spec.
        const spec = doc.getIn(['spec'], true);
        return { root, splices: mergeSplices(content, spec, { values }, ['spec'], changes, step, false) };
    }
    if ((0,dist/* isMap */.jh)(map)) {
        return { root, splices: mergeSplices(content, map, values, root.path, changes, step, false, source) };
    }
    if (map === undefined && root.path.length === 2) {
        // spec has no values yet: add them.
        const spec = doc.getIn(['spec'], true);
        if (!(0,dist/* isMap */.jh)(spec))
            throw new errors/* ConfigurationError */.j(`${fileName}: the HelmRelease has no spec mapping`);
        return { root, splices: mergeSplices(content, spec, { values }, ['spec'], changes, step, false) };
    }
    throw new errors/* ConfigurationError */.j(`Input 'values': ${fileName} ${pathText(root.path)} is not a mapping`);
}
/**
 * Splices that make the block map `map` hold `values`, touching only what differs: changed scalars
 * are rewritten in place (their comments stay), new keys are appended, and, below the top (`prune`),
 * keys the new block no longer has are removed, so that a `canary:` block is replaced, not mixed.
 */
function mergeSplices(content, map, values, path, changes, step, prune, source) {
    const eol = eolOf(content);
    const splices = [];
    if (map.flow) {
        throw new errors/* ConfigurationError */.j(`Input 'values': cannot merge into the flow mapping at ${pathText(path)}; write it as a block`);
    }
    const missing = [];
    for (const [key, value] of Object.entries(values)) {
        const pair = map.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === key);
        const here = [...path, key];
        if (!pair) {
            missing.push([key, value]);
            continue;
        }
        const existing = pair.value;
        const current = existing && typeof existing.toJSON === 'function' ? existing.toJSON() : existing;
        if (isPlainObject(value) && (0,dist/* isMap */.jh)(existing) && !existing.flow) {
            const child = source?.map.get(key, true);
            const childSource = (0,dist/* isMap */.jh)(child) && !child.flow ? { text: source.text, map: child } : undefined;
            splices.push(...mergeSplices(content, existing, value, here, changes, step, true, childSource));
        }
        else if (sameData(current, value)) {
            // Already so.
        }
        else if (existing?.range &&
            (((0,dist/* isScalar */.jn)(existing) && (existing.value === null || existing.value === undefined)) ||
                (((0,dist/* isMap */.jh)(existing) || (0,dist/* isSeq */.oP)(existing)) && existing.flow && existing.items.length === 0)) &&
            typeof value === 'object' &&
            value !== null) {
            // `key:` with nothing after it, or `key: {}`: the block goes on the following lines, and a
            // comment on the key's line stays there.
            const range = existing.range;
            const keyColumn = columnOf(content, pair.key.range[0]);
            const start = range[1] > range[0] && content[range[0] - 1] === ' ' ? range[0] - 1 : range[0];
            if (range[1] > range[0])
                splices.push({ start, end: range[1], text: '' });
            const at = lineEndAfter(content, range[1]);
            splices.push({
                start: at.offset,
                end: at.offset,
                text: `${at.needsNewline ? eol : ''}${renderBlock(value, keyColumn + step, step, eol)}${eol}`,
            });
            changes.push({ field: pathText(here), from: undefined, to: renderFlow(value) });
        }
        else if ((0,dist/* isScalar */.jn)(existing) && existing.range && (value === null || typeof value !== 'object')) {
            const text = typeof value === 'string'
                ? renderScalar(existing, value)
                : value === null
                    ? 'null'
                    : String(value);
            splices.push({ start: existing.range[0], end: existing.range[1], text });
            changes.push({ field: pathText(here), from: scalarText(existing), to: String(value) });
        }
        else if (((0,dist/* isSeq */.oP)(existing) || (0,dist/* isMap */.jh)(existing)) &&
            existing.range &&
            typeof value === 'object' &&
            value !== null) {
            const end = contentEnd(content, existing);
            if (existing.flow) {
                splices.push({ start: existing.range[0], end, text: renderFlow(value) });
            }
            else {
                const column = columnOf(content, existing.range[0]);
                splices.push({
                    start: existing.range[0],
                    end,
                    text: renderBlock(value, column, step, eol).slice(column),
                });
            }
            changes.push({ field: pathText(here), from: renderFlow(current), to: renderFlow(value) });
        }
        else {
            throw new errors/* ConfigurationError */.j(`Input 'values': cannot replace ${pathText(here)} (${renderFlow(current)}) with ${renderFlow(value)} in place`);
        }
    }
    if (prune) {
        for (const pair of map.items) {
            if (!(0,dist/* isScalar */.jn)(pair.key) || !pair.key.range || String(pair.key.value) in values)
                continue;
            const start = content.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
            const valueEnd = pair.value && pair.value.range ? contentEnd(content, pair.value) : pair.key.range[1];
            splices.push({ start, end: lineEndAfter(content, valueEnd).offset, text: '' });
            changes.push({
                field: pathText([...path, String(pair.key.value)]),
                from: renderFlow(pair.value?.toJSON?.() ?? null),
                to: '(removed)',
            });
        }
    }
    if (missing.length > 0) {
        const first = map.items[0];
        if (!first || !(0,dist/* isScalar */.jn)(first.key) || !first.key.range) {
            throw new errors/* ConfigurationError */.j(`Input 'values': cannot add keys to the empty mapping at ${pathText(path)}`);
        }
        const column = columnOf(content, first.key.range[0]);
        const at = lineEndAfter(content, contentEnd(content, map));
        const block = missing
            .map(([key, value]) => sourceText(source, key, column, eol) ?? renderBlock({ [key]: value }, column, step, eol))
            .join(eol);
        splices.push({ start: at.offset, end: at.offset, text: `${at.needsNewline ? eol : ''}${block}${eol}` });
        for (const [key, value] of missing)
            changes.push({ field: pathText([...path, key]), from: undefined, to: renderFlow(value) });
    }
    return splices;
}
/** The text of `key: …` as the values were written (comments included), moved to `column`. */
function sourceText(source, key, column, eol) {
    const pair = source?.map.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === key);
    if (!source || !pair || !(0,dist/* isScalar */.jn)(pair.key) || !pair.key.range)
        return undefined;
    const { text } = source;
    const keyStart = pair.key.range[0];
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    const from = keyStart - lineStart;
    if (text.slice(lineStart, keyStart).trim() !== '')
        return undefined;
    const value = pair.value;
    const end = value?.range ? contentEnd(text, value) : pair.key.range[1];
    const lineEnd = text.indexOf('\n', end);
    const lines = text
        .slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
        .replace(/\r/g, '')
        .split('\n');
    if (lines.some((line) => line.trim() !== '' && line.length - line.trimStart().length < from))
        return undefined;
    return lines.map((line) => (line.trim() === '' ? '' : ' '.repeat(column) + line.slice(from))).join(eol);
}
/** Where the values go: spec.values of the HelmRelease, or the top of a plain values file. */
function valuesTarget(docs, docIndex, fileName) {
    const doc = docs[docIndex];
    if (doc.get('kind') === 'HelmRelease')
        return { docIndex, path: ['spec', 'values'] };
    const releases = docs.map((d, i) => [d, i]).filter(([d]) => d.get('kind') === 'HelmRelease');
    if (releases.length === 1)
        return { docIndex: releases[0][1], path: ['spec', 'values'] };
    if (doc.get('kind') === undefined && doc.get('apiVersion') === undefined && docs.length === 1)
        return { docIndex, path: [] };
    throw new errors/* ConfigurationError */.j(`Input 'values': ${fileName} is neither a HelmRelease nor a plain Helm values file`);
}

;// CONCATENATED MODULE: ../../packages/gitops/src/verify-edit.ts


/**
 * Re-parses the result and refuses anything but the intended change. The expectation is built on
 * `docs`, the parse of `before`, by setting the planned values in place (so anchors carry to their
 * aliases): the caller must be done reading them.
 */
function verifyEdit(before, after, docs, plans, valuesRoot, values, fileName) {
    let reparsed;
    try {
        reparsed = parseDocuments(after, fileName);
    }
    catch (error) {
        throw new Error(`refusing the edit of ${fileName}: the result does not parse (${error.message})`);
    }
    if (reparsed.length !== docs.length)
        throw new Error(`refusing the edit of ${fileName}: the number of documents changed`);
    for (const plan of plans)
        plan.node.value = plan.value;
    const want = plainData(docs, fileName);
    if (valuesRoot && values) {
        const doc = want[valuesRoot.docIndex];
        // Each top-level key given replaces the one there; the rest of the values stay.
        if (valuesRoot.path.length === 0)
            want[valuesRoot.docIndex] = { ...doc, ...values };
        else {
            const spec = (doc.spec ?? {});
            doc.spec = {
                ...spec,
                values: { ...(isPlainObject(spec.values) ? spec.values : {}), ...values },
            };
        }
    }
    const got = plainData(reparsed, fileName);
    if (!sameData(got, want)) {
        throw new Error(`refusing the edit of ${fileName}: re-reading it shows changes beyond the intended fields`);
    }
    if (eolOf(before) !== eolOf(after) && before.includes('\n'))
        throw new Error(`refusing the edit of ${fileName}: line endings changed`);
}

;// CONCATENATED MODULE: ../../packages/gitops/src/edit-image-tag.ts








/**
 * Writes `tag` (and optionally `values`) into a YAML file with the smallest possible change: only the
 * bytes of the edited scalars differ, everything else (comments, order, quoting, line endings,
 * anchors) is kept. The file is parsed once; the result is parsed again and compared with the
 * intended change, and any other difference is refused.
 */
function editImageTag(request) {
    const { content, fileName } = request;
    const docs = parseDocuments(content, fileName);
    const chosen = chooseTagField(docs, content, request);
    const target = chosen.candidate;
    const { plans, previousTag } = planTag(chosen, request, describeField(docs, target));
    const changes = [];
    const splices = [];
    for (const plan of plans) {
        if (scalarText(plan.node) === plan.value && typeof plan.node.value === 'string')
            continue;
        if (!plan.node.range)
            throw new Error('internal: scalar without a source range');
        splices.push({
            start: plan.node.range[0],
            end: plan.node.range[1],
            text: renderScalar(plan.node, plan.value),
        });
        changes.push({
            field: describeField(docs, { ...target, path: plan.path }),
            from: scalarText(plan.node),
            to: plan.value,
        });
    }
    let valuesRoot;
    const { data: values, source } = parseValuesInput(request.values);
    if (values && Object.keys(values).length > 0) {
        const merge = valuesSplices(content, docs, target.docIndex, values, source, changes, fileName);
        valuesRoot = merge.root;
        splices.push(...merge.splices);
    }
    const result = applySplices(content, splices);
    const field = describeField(docs, target);
    verifyEdit(content, result, docs, plans, valuesRoot, values, fileName);
    return { content: result, changed: result !== content, previousTag, field, changes };
}
/** The scalars to set: the tag (or the reference holding it) and, when `image` moves, the repository. */
function planTag({ candidate: target, replaceRepository }, { tag, image, fileName }, field) {
    const at = { docIndex: target.docIndex, path: target.path, node: target.node };
    const current = scalarText(target.node);
    if (target.kind === 'ref') {
        const ref = parseImageRef(current ?? '');
        if (!ref)
            throw new errors/* ConfigurationError */.j(`${fileName}: ${field} is not an image reference ('${excerpt(current)}')`);
        const repository = replaceRepository && image ? image : ref.repository;
        return { plans: [{ ...at, value: `${repository}:${tag}` }], previousTag: ref.tag };
    }
    const plans = [{ ...at, value: tag }];
    const repoNode = target.repositoryNode;
    if (replaceRepository && image && repoNode) {
        const value = repoNode.prefix && image.startsWith(repoNode.prefix) ? image.slice(repoNode.prefix.length) : image;
        plans.push({ docIndex: target.docIndex, path: repoNode.path, node: repoNode.node, value });
    }
    return { plans, previousTag: current };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/fast-import.ts

/** A file larger than the caller allows; nothing of it has been read. */
class BlobTooLarge extends Error {
    size;
    constructor(size) {
        super(`the file is ${size} bytes`);
        this.size = size;
    }
}
/** A path in fast-import's quoted form (control characters are refused before they get here). */
const quote = (path) => `"${path.replace(/["\\]/g, '\\$&')}"`;
const ARGS = ['fast-import', '--quiet', '--done', '--force', '--date-format=now'];
/**
 * One `git fast-import` process that looks up a path, reads a blob (fetched on demand from the
 * promisor remote in a blob-less clone) and writes a commit that replaces one file, reusing every
 * other tree of its parent. One process instead of a dozen (ls-tree, cat-file, hash-object, mktree
 * per directory level, commit-tree), and nothing proportional to the size of the repository.
 */
class FastImport {
    child;
    stderr = [];
    replies;
    exited;
    constructor(context, signal) {
        const started = performance.now();
        this.child = spawnGit(context, ARGS, signal);
        this.child.stderr.on('data', (chunk) => this.stderr.push(chunk));
        this.exited = new Promise((resolve) => this.child.once('close', (code) => {
            context.debug?.(`git ${ARGS.join(' ')}: exit ${code ?? 'by signal'} in ${Math.round(performance.now() - started)} ms`);
            resolve(code ?? 128);
        }));
        this.replies = new Replies(this.child, () => this.failure(signal));
    }
    /** The entry at `path` in a commit or tree, or undefined when there is none. */
    async entry(treeish, path) {
        this.send(`ls ${treeish} ${quote(path)}\n`);
        const line = await this.replies.line();
        if (line.startsWith('missing '))
            return undefined;
        const [mode, type, sha] = line.slice(0, line.indexOf('\t')).split(' ');
        if (!mode || !type || !sha)
            throw new Error(`internal: unexpected fast-import answer '${line}'`);
        return { mode, type, sha };
    }
    /** A blob's bytes; a blob over `maxBytes` throws BlobTooLarge before its content is read. */
    async blob(sha, maxBytes) {
        this.send(`cat-blob ${sha}\n`);
        const header = await this.replies.line();
        const size = Number(header.split(' ')[2]);
        if (!Number.isSafeInteger(size))
            throw new Error(`internal: unexpected fast-import answer '${header}'`);
        if (size > maxBytes) {
            await this.abort();
            throw new BlobTooLarge(size);
        }
        const content = await this.replies.bytes(size + 1);
        return content.subarray(0, size);
    }
    /** Writes the commit and returns its id; it is on disk once `finish()` resolves. */
    async commit(commit) {
        const person = `${commit.author.name} <${commit.author.email}> now`;
        const message = Buffer.from(commit.message);
        this.send(`commit refs/bump/work\nmark :1\nauthor ${person}\ncommitter ${person}\n`);
        this.send(`data ${message.length}\n`);
        this.send(message);
        this.send(`\nfrom ${commit.parent}\nM ${commit.mode} inline ${quote(commit.path)}\n`);
        this.send(`data ${commit.content.length}\n`);
        this.send(commit.content);
        this.send('\nget-mark :1\n');
        return (await this.replies.line()).trim();
    }
    /** Ends the stream and waits until fast-import has written its pack and exited. */
    async finish() {
        this.send('done\n');
        this.child.stdin.end();
        if ((await this.exited) !== 0)
            throw this.failure();
    }
    /** Stops the process (nothing it wrote is used); waits until it is gone. */
    async abort() {
        try {
            if (this.child.pid !== undefined && this.child.exitCode === null)
                process.kill(-this.child.pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
        await this.exited;
    }
    send(data) {
        this.child.stdin.write(data);
    }
    failure(signal) {
        return new GitFailure(`git ${ARGS.join(' ')}`, Buffer.concat(this.stderr).toString('utf8'), !!signal?.aborted);
    }
}
/** fast-import's answers on its standard output, read as lines and counted bytes. */
class Replies {
    failure;
    chunks = [];
    length = 0;
    ended = false;
    wake = () => { };
    constructor(child, failure) {
        this.failure = failure;
        child.stdout.on('data', (chunk) => {
            this.chunks.push(chunk);
            this.length += chunk.length;
            this.wake();
        });
        child.once('close', () => {
            this.ended = true;
            this.wake();
        });
    }
    async line() {
        for (;;) {
            const joined = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0];
            const newline = joined ? joined.indexOf(10) : -1;
            if (joined && newline >= 0) {
                this.take(joined, newline + 1);
                return joined.subarray(0, newline).toString('utf8');
            }
            await this.more();
        }
    }
    async bytes(count) {
        while (this.length < count)
            await this.more();
        const joined = Buffer.concat(this.chunks);
        this.take(joined, count);
        return joined.subarray(0, count);
    }
    take(joined, count) {
        const rest = joined.subarray(count);
        this.chunks = rest.length ? [rest] : [];
        this.length = rest.length;
    }
    more() {
        if (this.ended)
            return Promise.reject(this.failure());
        return new Promise((resolve) => {
            this.wake = resolve;
        });
    }
}

;// CONCATENATED MODULE: ../../packages/gitops/src/git.ts





/**
 * How long a transfer may stall (less than a byte a second) before git gives up, so that a silent
 * server costs an attempt, not the job's whole timeout. Git's servers send keep-alives every few
 * seconds while they work. GIT_HTTP_LOW_SPEED_TIME in the environment overrides it.
 */
const STALL_SECONDS = 30;
/**
 * What git needs in its environment: the remote, the auth header, no prompts, no signing, no
 * background gc in a folder about to be removed; all as configuration through GIT_CONFIG_*.
 */
function gitEnvironment(options) {
    const env = {
        GIT_TERMINAL_PROMPT: '0',
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_COMMITTER_NAME: options.author.name,
        GIT_COMMITTER_EMAIL: options.author.email,
    };
    const config = [
        ['remote.origin.url', options.remoteUrl],
        ['commit.gpgsign', 'false'],
        ['gc.auto', '0'],
        ['maintenance.auto', 'false'],
        // fast-import keeps its few objects as a pack instead of starting unpack-objects for them.
        ['fastimport.unpackLimit', '0'],
        ['http.lowSpeedLimit', '1'],
        ['http.lowSpeedTime', String(STALL_SECONDS)],
    ];
    if (options.token && /^https?:\/\//.test(options.remoteUrl)) {
        const origin = new URL(options.remoteUrl);
        const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
        // Scoped to the remote's origin, so the header never travels to another host.
        config.push([`http.${origin.protocol}//${origin.host}/.extraheader`, `AUTHORIZATION: basic ${basic}`]);
    }
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = key;
        env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return env;
}
const REJECTED = /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|stale info|\[remote rejected\].*(lock|ref)/i;
/** The few git commands a bump needs, each one process, in one temporary bare repository. */
class Git {
    context;
    constructor(options) {
        const env = gitEnvironment(options);
        // The header value is as secret as the token it encodes.
        for (const [key, value] of Object.entries(env)) {
            if (key.startsWith('GIT_CONFIG_KEY_') && value.endsWith('.extraheader')) {
                (0,secrets/* registerSecret */.cl)(env[key.replace('_KEY_', '_VALUE_')]);
            }
        }
        this.context = { cwd: options.cwd, env, debug: options.debug };
    }
    /** An empty bare repository, without the sample hooks a template would copy. */
    async init(signal) {
        await runGit(this.context, ['init', '-q', '--bare', '--template='], { signal });
    }
    /** The heads of these branches on the remote (absent ones left out), in one round trip. */
    async remoteHeads(branches, signal) {
        const { stdout } = await runGit(this.context, ['ls-remote', '--heads', 'origin', ...branches.map((b) => `refs/heads/${b}`)], { signal });
        const heads = new Map();
        for (const line of stdout.split('\n')) {
            const [sha, ref] = line.split('\t');
            if (sha && ref?.startsWith('refs/heads/'))
                heads.set(ref.slice('refs/heads/'.length), sha);
        }
        return heads;
    }
    /**
     * The newest commit of the branch and its trees, but no file contents: a shallow, blob-less
     * fetch. Returns the commit (from FETCH_HEAD, a file in every ref format). The one file we edit
     * is fetched on demand when it is read.
     */
    async fetch(branch, signal) {
        await runGit(this.context, ['fetch', '-q', '--depth', '1', '--filter=blob:none', '--no-tags', 'origin', `refs/heads/${branch}`], { signal });
        const head = /^[0-9a-f]{40,64}/.exec(await (0,promises_.readFile)((0,external_node_path_.join)(this.context.cwd, 'FETCH_HEAD'), 'utf8'));
        if (!head)
            throw new Error(`internal: no commit in FETCH_HEAD after fetching ${branch}`);
        return head[0];
    }
    /** A fast-import session for reading the file and writing the commit. */
    session(signal) {
        return new FastImport(this.context, signal);
    }
    /** A fast-forward-only push (never forced). `ok: false` when the remote moved on first. */
    async push(commit, branch, signal) {
        const args = ['push', '--porcelain', 'origin', `${commit}:refs/heads/${branch}`];
        const result = await runGit(this.context, args, { signal, allowFailure: true });
        if (result.exitCode === 0)
            return { ok: true };
        const text = `${result.stdout}\n${result.stderr}`;
        if (!signal?.aborted && REJECTED.test(text)) {
            const line = text.split('\n').find((l) => /rejected|lock|fast-forward/.test(l));
            return { ok: false, reason: line?.trim() ?? 'rejected' };
        }
        throw new GitFailure(`git ${args.join(' ')}`, result.stderr, !!signal?.aborted);
    }
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ../../packages/gitops/src/remote.ts



/** Where the repository is: GitHub `owner/name`, a URL, or a local path. */
function resolveRemote(repository, serverUrl = 'https://github.com', workspace = process.cwd()) {
    const value = repository.trim();
    if (/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value) && !value.endsWith('.git')) {
        const [owner, repo] = value.split('/');
        const base = serverUrl.replace(/\/+$/, '');
        return {
            url: `${base}/${owner}/${repo}.git`,
            display: value,
            github: { owner, repo },
            webUrl: `${base}/${owner}/${repo}`,
        };
    }
    if (/^https?:\/\//.test(value)) {
        const url = new URL(value);
        if (url.username || url.password) {
            throw new errors/* ConfigurationError */.j("Input 'repository': put the credential in 'token', not in the URL");
        }
        const match = /^\/([^/]+)\/([^/]+?)(\.git)?\/?$/.exec(url.pathname);
        const github = match && url.origin === new URL(serverUrl).origin ? { owner: match[1], repo: match[2] } : undefined;
        return {
            url: value,
            display: value,
            github,
            webUrl: github ? `${url.origin}/${github.owner}/${github.repo}` : undefined,
        };
    }
    if (value.startsWith('file://'))
        return { url: value, display: value };
    if ((0,external_node_path_.isAbsolute)(value) || value.startsWith('./') || value.startsWith('../')) {
        const path = (0,external_node_path_.resolve)(workspace, value);
        return { url: (0,external_node_url_.pathToFileURL)(path).href, display: value };
    }
    throw new errors/* ConfigurationError */.j(`Input 'repository': expected owner/name, an https URL, a local path or a file:// URL, got '${repository}'`);
}
/**
 * Credentials travel only over https (or ssh): over plain http the token's Authorization header
 * would cross the network readable by anyone on the way. Without a token, http stays allowed (a
 * local test server, an internal mirror that needs none).
 */
function checkCredentialTransport(remote, token) {
    if (!token || !remote.url.startsWith('http://'))
        return;
    const where = remote.display === remote.url ? remote.url : `${remote.display} (${remote.url})`;
    throw new errors/* ConfigurationError */.j(`Input 'repository': ${where} is plain http, which would send the token in clear text; use https, or set 'token' to '' for a server that needs none`);
}

;// CONCATENATED MODULE: ../../packages/gitops/src/unified-diff.ts
/**
 * Line edits Myers' algorithm looks for before it gives up and shows the rest of the middle as
 * replaced: far above any tag or values edit, and it keeps a hostile rewrite's cost bounded.
 */
const MAX_EDITS = 1_000;
/** A line without its file's final newline carries this mark (it never occurs in text). */
const NO_EOL = '\u0000';
function linesOf(text) {
    if (text === '')
        return [];
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '')
        lines.pop();
    else
        lines[lines.length - 1] += NO_EOL;
    return lines;
}
/**
 * The unified diff of a file before and after an edit, as `git diff` shows it (`-U2` by default),
 * computed here instead of by another git process. Lines the two share at either end are skipped
 * at once, so a one-line edit of a huge file costs one pass over it.
 */
function unifiedDiff(before, after, path, context = 2) {
    if (before === after)
        return '';
    const a = linesOf(before);
    const b = linesOf(after);
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start])
        start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
        endA--;
        endB--;
    }
    const middleA = a.slice(start, endA);
    const middleB = b.slice(start, endB);
    const middle = myers(middleA, middleB) ?? [
        ...middleA.map((line) => ({ type: '-', line })),
        ...middleB.map((line) => ({ type: '+', line })),
    ];
    const ops = [
        ...a.slice(0, start).map((line) => ({ type: ' ', line })),
        ...middle,
        ...a.slice(endA).map((line) => ({ type: ' ', line })),
    ];
    return [`--- a/${path}`, `+++ b/${path}`, ...hunks(ops, a, context)].join('\n');
}
/**
 * Git's default hunk heading: the nearest line above that starts with a letter, `_` or `$` (for
 * YAML, the top-level key the hunk is in), cut to 80 characters. `heading[i]`: the one above line i.
 */
function headings(lines) {
    const heading = [''];
    lines.forEach((line, i) => {
        heading.push(/^[A-Za-z_$]/.test(line) ? line.replace(NO_EOL, '').slice(0, 80).trimEnd() : heading[i]);
    });
    return heading;
}
/** The hunks with their `@@ -start,count +start,count @@ heading` lines, as git writes them. */
function hunks(ops, before, context) {
    const heading = headings(before);
    const oldAt = new Int32Array(ops.length + 1);
    const newAt = new Int32Array(ops.length + 1);
    ops.forEach((op, i) => {
        oldAt[i + 1] = oldAt[i] + (op.type === '+' ? 0 : 1);
        newAt[i + 1] = newAt[i] + (op.type === '-' ? 0 : 1);
    });
    const changed = ops.flatMap((op, i) => (op.type === ' ' ? [] : [i]));
    const out = [];
    for (let c = 0; c < changed.length;) {
        let last = c;
        // Changes whose contexts would touch or overlap share one hunk.
        while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * context + 1)
            last++;
        const from = Math.max(0, changed[c] - context);
        const to = Math.min(ops.length, changed[last] + context + 1);
        const range = (at) => {
            const count = at[to] - at[from];
            const first = count === 0 ? at[from] : at[from] + 1;
            return count === 1 ? `${first}` : `${first},${count}`;
        };
        const above = heading[oldAt[from]];
        out.push(`@@ -${range(oldAt)} +${range(newAt)} @@${above ? ` ${above}` : ''}`);
        for (let i = from; i < to; i++) {
            const { type, line } = ops[i];
            if (line.endsWith(NO_EOL))
                out.push(`${type}${line.slice(0, -1)}`, '\\ No newline at end of file');
            else
                out.push(`${type}${line}`);
        }
        c = last + 1;
    }
    return out;
}
/** Myers' shortest edit script between two line lists, or undefined past MAX_EDITS edits. */
function myers(a, b) {
    const n = a.length;
    const m = b.length;
    const max = Math.min(n + m, MAX_EDITS);
    const offset = max + 1;
    // v[k + offset]: the furthest x reached on diagonal k = x - y.
    const v = new Int32Array(2 * max + 3);
    const trace = [];
    const at = (snapshot, d, k) => snapshot[k + d + 1];
    for (let d = 0; d <= max; d++) {
        trace.push(v.slice(offset - d - 1, offset + d + 2));
        for (let k = -d; k <= d; k += 2) {
            const down = k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset]);
            let x = down ? v[k + 1 + offset] : v[k - 1 + offset] + 1;
            let y = x - k;
            while (x < n && y < m && a[x] === b[y]) {
                x++;
                y++;
            }
            v[k + offset] = x;
            if (x < n || y < m)
                continue;
            // Walk back through the snapshots, from the end to the start.
            const ops = [];
            for (let step = d; step > 0; step--) {
                const snapshot = trace[step];
                const here = x - y;
                const wentDown = here === -step || (here !== step && at(snapshot, step, here - 1) < at(snapshot, step, here + 1));
                const prevK = wentDown ? here + 1 : here - 1;
                const prevX = at(snapshot, step, prevK);
                const prevY = prevX - prevK;
                for (; x > prevX && y > prevY; y--)
                    ops.push({ type: ' ', line: a[--x] });
                if (wentDown)
                    ops.push({ type: '+', line: b[--y] });
                else
                    ops.push({ type: '-', line: a[--x] });
            }
            for (; x > 0 && y > 0; y--)
                ops.push({ type: ' ', line: a[--x] });
            return ops.reverse();
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ../../packages/gitops/src/bump.ts















/** Files larger than this are refused before they are read: no GitOps file comes near it. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Writes the tag into the GitOps repository as one commit: shallow blob-less fetch, format-preserving
 * edit, fast-forward-only push. When another writer got there first, or the network failed, fetch
 * again and re-apply on the new head, with jittered backoff, up to maxAttempts. Never forces.
 */
async function bumpGitopsTag(options) {
    const log = options.log ?? (() => { });
    const { signal } = options;
    const app = checkName(options.app, 'app');
    const branch = checkName(options.branch, 'branch');
    const environment = checkName(options.environment, 'environment');
    const tag = checkTag(options.tag);
    const ifCurrentTag = options.ifCurrentTag === undefined ? undefined : checkTag(options.ifCurrentTag, 'if-current-tag');
    const image = checkImage(options.image);
    const file = checkFilePath((0,src_template/* expandTemplate */.L)(options.file, { app, environment, namespace: options.namespace }, "Input 'file'"));
    // Checked now, before any network work; the text goes to the edit, which keeps its comments.
    parseValuesInput(options.values);
    const author = parseAuthor(options.author);
    const mode = options.mode ?? 'push';
    const maxAttempts = options.maxAttempts ?? 15;
    const remote = resolveRemote(options.repository, options.serverUrl, options.workspace);
    checkCredentialTransport(remote, options.token);
    (0,secrets/* registerSecret */.cl)(options.token);
    if (mode === 'pull-request' && !remote.github) {
        throw new errors/* ConfigurationError */.j("Input 'repository': pull-request mode needs a GitHub repository (owner/name or its URL)");
    }
    const template = options.commitMessage || DEFAULT_COMMIT_MESSAGE;
    // Check the template before any network work, so a typo fails fast.
    commitMessage(template, { app, environment, tag, file });
    const prBranch = mode === 'pull-request' ? pullRequestBranch(app, environment) : undefined;
    const target = prBranch ?? branch;
    const noBranch = () => new errors/* ConfigurationError */.j(`Input 'branch': ${remote.display} has no branch '${branch}'`);
    const prInput = (previousTag) => pullRequestInput(options, remote, prBranch, { app, environment, tag, previousTag, file });
    // What the latest attempt learnt, for the result of a cancelled run.
    let base = {
        outcome: 'cancelled',
        changed: false,
        file,
        field: '',
        changes: [],
        diff: '',
        attempts: 0,
        branch: target,
        repository: remote.display,
        dryRun: !!options.dryRun,
        ifCurrentTag,
    };
    // A push that failed in transit may have landed: the next fetch tells.
    let unconfirmed;
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.tempDir ?? (0,external_node_os_.tmpdir)(), 'bump-gitops-'));
    const git = new Git({
        cwd: work,
        remoteUrl: remote.url,
        token: options.token,
        author,
        debug: options.debug,
    });
    const landed = (commit) => ({
        ...base,
        outcome: 'pushed',
        changed: true,
        commitSha: commit,
        commitUrl: remote.webUrl ? `${remote.webUrl}/commit/${commit}` : undefined,
    });
    const attempt = async (n) => {
        base = { ...base, attempts: n };
        // Push mode fetches the branch straight away; pull-request mode first asks which branches exist.
        const heads = prBranch
            ? await bump_faults_transient('ls-remote', git.remoteHeads([branch, prBranch], signal))
            : undefined;
        if (heads && !heads.has(branch))
            throw noBranch();
        // In pull-request mode the edit goes on top of the pull request's branch when there is one, so
        // that it moves forward (never forced).
        const parentBranch = prBranch && heads?.has(prBranch) ? prBranch : branch;
        const parent = await bump_faults_transient('fetch', git.fetch(parentBranch, signal).catch((error) => {
            throw /couldn't find remote ref/i.test(String(error.message)) ? noBranch() : error;
        }));
        if (unconfirmed && parent === unconfirmed) {
            log(`the push of ${unconfirmed.slice(0, 12)} had landed after all`);
            return landed(unconfirmed);
        }
        const session = git.session(signal);
        let commit;
        try {
            const entry = await bump_faults_transient('reading the file', session.entry(parent, file));
            if (entry?.type !== 'blob' || entry.mode === '120000') {
                throw new errors/* ConfigurationError */.j(`Input 'file': ${file} is not a file on branch '${parentBranch}' of ${remote.display}`);
            }
            const before = decode(await bump_faults_transient('reading the file', readBlob(session, entry.sha, file)), file);
            const edit = editImageTag({
                content: before,
                fileName: file,
                tag,
                app,
                image,
                field: options.field,
                values: options.values,
            });
            base = { ...base, previousTag: edit.previousTag, field: edit.field, changes: edit.changes };
            if (ifCurrentTag !== undefined && edit.previousTag !== ifCurrentTag) {
                log(`${file}: ${edit.field} holds ${edit.previousTag ?? 'nothing'}, not ${ifCurrentTag}, on ${parentBranch}; left alone`);
                return { ...base, outcome: 'left-alone', changes: [] };
            }
            if (!edit.changed) {
                if (unconfirmed) {
                    log(`${file} holds ${tag} now: the earlier push of ${unconfirmed.slice(0, 12)} landed, and more since`);
                    return { ...base, outcome: 'pushed', changed: true };
                }
                log(`${file}: ${edit.field} is already ${tag} on ${parentBranch}; nothing to commit`);
                const result = { ...base, outcome: 'up-to-date' };
                if (prBranch && heads?.has(prBranch) && !options.dryRun) {
                    result.pullRequest = await upsertPullRequest(prInput(edit.previousTag));
                }
                return result;
            }
            base = { ...base, changed: true, diff: unifiedDiff(before, edit.content, file) };
            if (options.dryRun) {
                log(`dry run: would push a commit to ${target} of ${remote.display}`);
                return { ...base, outcome: 'dry-run' };
            }
            const message = commitMessage(template, { app, environment, tag, previousTag: edit.previousTag, file, image }, options.source);
            const content = Buffer.from(edit.content);
            commit = await session.commit({ parent, message, author, path: file, mode: entry.mode, content });
            await session.finish();
        }
        finally {
            await session.abort();
        }
        // Cancelled before the push: abandon it, nothing has left this machine.
        if (signal?.aborted)
            return { ...base, changed: false, push: 'not-sent' };
        unconfirmed = commit;
        const pushed = await git
            .push(commit, target, pushDeadline(signal, options.abandonPush))
            .catch(async (error) => {
            if (!(error instanceof GitFailure))
                throw error;
            if (signal?.aborted)
                return { ok: 'cut-short' };
            if (error.transient) {
                throw new Retry(`push failed (${error.reason})`, (attempts) => gaveUp(error, attempts), true);
            }
            throw error;
        });
        if (pushed.ok === 'cut-short') {
            const state = await bump_faults_confirm(git, target, commit);
            log(state === 'landed'
                ? `cancelled during the push, which landed: ${commit.slice(0, 12)} is on ${target}`
                : `cancelled: stopped the push of ${commit.slice(0, 12)}; ${remote.display} does not show it yet, and it may still land`);
            return state === 'landed'
                ? { ...landed(commit), outcome: 'cancelled', push: state }
                : { ...base, push: state };
        }
        if (pushed.ok) {
            unconfirmed = undefined;
            log(`pushed ${commit.slice(0, 12)} to ${target} of ${remote.display} (attempt ${n})`);
            if (signal?.aborted)
                return { ...landed(commit), outcome: 'cancelled', push: 'landed' };
            const result = landed(commit);
            if (prBranch)
                result.pullRequest = await upsertPullRequest(prInput(base.previousTag));
            return result;
        }
        unconfirmed = undefined;
        if (signal?.aborted)
            return { ...base, changed: false, push: 'not-sent' };
        throw new Retry(`push rejected (${pushed.reason}); fetching again`, (attempts) => new Error(`${target} of ${remote.display} kept moving: gave up after ${attempts} attempts (${pushed.reason})`), false);
    };
    try {
        await git.init(signal);
        return await (0,retry/* retry */.L5)(attempt, {
            attempts: maxAttempts,
            baseDelayMs: 100,
            maxDelayMs: 2_000,
            random: options.random,
            shouldRetry: (error) => error instanceof Retry && !signal?.aborted,
            delayFloor: (error) => (error.transient ? TRANSIENT_FLOOR_MS : undefined),
            onRetry: (error, n, delay) => log(`${error.message}: attempt ${n + 1} of ${maxAttempts} after ${(0,duration/* formatDuration */.a)(delay)}`),
            sleep: (ms) => (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }),
        });
    }
    catch (error) {
        if (signal?.aborted) {
            // Stopped while fetching, editing or waiting to retry.
            const push = unconfirmed ? await bump_faults_confirm(git, target, unconfirmed) : 'not-sent';
            const earlier = `the earlier push of ${unconfirmed?.slice(0, 12)}`;
            log(push === 'not-sent'
                ? 'cancelled: nothing was pushed'
                : push === 'landed'
                    ? `cancelled: ${earlier} had landed`
                    : `cancelled: ${earlier} is not on ${target}, and it may still land`);
            return push === 'landed'
                ? { ...landed(unconfirmed), outcome: 'cancelled', push }
                : { ...base, changed: push === 'unconfirmed', push };
        }
        if (!(error instanceof Retry))
            throw error;
        // Out of attempts: the last push may have landed although its answer never came.
        if (unconfirmed && (await bump_faults_confirm(git, target, unconfirmed)) === 'landed') {
            log(`the push of ${unconfirmed.slice(0, 12)} had landed after all`);
            return landed(unconfirmed);
        }
        throw error.giveUp(base.attempts);
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true, maxRetries: 3 });
    }
}
async function readBlob(session, sha, file) {
    try {
        return await session.blob(sha, MAX_FILE_BYTES);
    }
    catch (error) {
        if (!(error instanceof BlobTooLarge))
            throw error;
        throw new errors/* ConfigurationError */.j(`Input 'file': ${file} is ${error.size} bytes; files over ${MAX_FILE_BYTES} bytes are refused`);
    }
}
/** The file's text; YAML is UTF-8, and anything else would not be written back byte for byte. */
function decode(bytes, file) {
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
        throw new errors/* ConfigurationError */.j(`Input 'file': ${file} is not UTF-8 text`);
    }
    return text;
}
/**
 * The GitHub client is evaluated only in pull-request mode, so a push never pays for it. "eager"
 * keeps it in the bundle's one file (a chunk of its own would fall out of ncc's licenses file).
 */
async function upsertPullRequest(input) {
    const { upsertPullRequest: upsert } = await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 8022));
    return upsert(input);
}
function pullRequestInput(options, remote, head, fields) {
    const { owner, repo } = remote.github;
    return {
        apiUrl: options.apiUrl ?? 'https://api.github.com',
        token: options.token,
        owner,
        repo,
        head,
        base: options.branch,
        ...pullRequestText(fields, options.source),
        log: options.log,
    };
}

;// CONCATENATED MODULE: ../../packages/gitops/src/index.ts





/***/ }),

/***/ 8022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  upsertPullRequest: () => (/* binding */ upsertPullRequest)
});

// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+github@9.1.1/node_modules/@actions/github/lib/github.js + 22 modules
var lib_github = __webpack_require__(8258);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
// EXTERNAL MODULE: ../../packages/action-kit/src/retry.ts
var retry = __webpack_require__(3320);
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

;// CONCATENATED MODULE: ../../packages/gitops/src/pull-request.ts


const ATTEMPTS = 5;
/** Opens the pull request, or updates the open one for the same branch in place. */
async function upsertPullRequest(input) {
    if (!input.token)
        throw new errors/* ConfigurationError */.j("Input 'token' is required in pull-request mode");
    const github = (0,lib_github/* getOctokit */.Q)(input.token, { baseUrl: input.apiUrl.replace(/\/+$/, '') });
    // GitHub's 5xx and rate limits are worth another try, never sooner than GitHub says.
    const call = (what, operation) => (0,retry/* retry */.L5)(operation, {
        ...GITHUB_RETRY,
        attempts: ATTEMPTS,
        baseDelayMs: 500,
        maxDelayMs: 10_000,
        maxWaitMs: 60_000,
        onRetry: (error, attempt, delay) => input.log?.(`${what}: GitHub answered ${error.status}; retrying in ${delay} ms (attempt ${attempt + 1} of ${ATTEMPTS})`),
    });
    const { owner, repo, head, base, title, body } = input;
    const findOpen = async () => {
        const open = await call('list pull requests', () => github.rest.pulls.list({ owner, repo, head: `${owner}:${head}`, base, state: 'open', per_page: 10 }));
        return open.data[0];
    };
    const update = async (number) => {
        const updated = await call('update pull request', () => github.rest.pulls.update({ owner, repo, pull_number: number, title, body }));
        input.log?.(`updated pull request #${number}`);
        return { number, url: updated.data.html_url, created: false };
    };
    const existing = await findOpen();
    if (existing)
        return update(existing.number);
    try {
        const created = await call('create pull request', () => github.rest.pulls.create({ owner, repo, head, base, title, body }));
        input.log?.(`opened pull request #${created.data.number}`);
        return { number: created.data.number, url: created.data.html_url, created: true };
    }
    catch (error) {
        // Another run opened it between our list and create: that is success, update it.
        if (error.status === 422 &&
            /already exists/i.test(JSON.stringify(error.response ?? ''))) {
            const raced = await findOpen();
            if (raced)
                return update(raced.number);
        }
        throw error;
    }
}


/***/ })

};
