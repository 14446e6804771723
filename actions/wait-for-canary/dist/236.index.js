export const id = 236;
export const ids = [236];
export const modules = {

/***/ 8236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   finishReport: () => (/* binding */ finishReport)
/* harmony export */ });
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1323);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8417);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7966);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5014);
/* harmony import */ var _canary_delivery_canary_rollout_reporting__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4695);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9895);



/** Finishes the commit status (or check run) the main step left pending: `error`, where it stood. */
async function finishReport(standing, context, checkRunId) {
    await (0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .runAction */ .C)(async () => {
        const settings = (0,_inputs__WEBPACK_IMPORTED_MODULE_0__/* .readReportSettings */ .i)(new _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_2__/* .InputReader */ .i_(), () => context);
        if (!settings)
            return;
        await (0,_canary_delivery_canary_rollout_reporting__WEBPACK_IMPORTED_MODULE_3__/* .reportCancelled */ .AI)({ ...settings, checkRunId }, standing, {
            warn: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e(line),
            debug: (line) => _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .debug */ .Yz(line),
        });
        _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_5__/* .inert */ .t)(`Set ${settings.context} to error: cancelled while ${standing}`));
    });
}


/***/ }),

/***/ 4695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ statusDescription),
/* harmony export */   AI: () => (/* binding */ reportCancelled),
/* harmony export */   OX: () => (/* binding */ startReporter),
/* harmony export */   _6: () => (/* binding */ statusState),
/* harmony export */   oJ: () => (/* binding */ isSuccess)
/* harmony export */ });
/* harmony import */ var _timeline__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7250);

/** What a commit status says about a snapshot: `Progressing: 30% (3/5), 0 failed checks`. */
function statusDescription(snapshot) {
    if (snapshot.phase === 'NotFound')
        return 'Waiting for the canary to be created';
    return `${snapshot.phase}: ${snapshot.progress || `${snapshot.weight}%`}, ${(0,_timeline__WEBPACK_IMPORTED_MODULE_0__/* .failedChecksText */ .ql)(snapshot.failedChecks)}`;
}
function statusState(result) {
    switch (result) {
        case undefined:
            return 'pending';
        case 'failed':
            return 'failure';
        case 'timed-out':
        case 'cancelled':
            return 'error';
        default:
            return 'success';
    }
}
function isSuccess(verdict) {
    return statusState(verdict.result) === 'success';
}
/** The reporter for `settings`; the GitHub client is loaded only when there is something to report. */
async function startReporter(settings, io) {
    const { CheckRunReporter, CommitStatusReporter } = await Promise.all(/* import() */[__webpack_require__.e(258), __webpack_require__.e(893)]).then(__webpack_require__.bind(__webpack_require__, 6893));
    const options = { ...settings, warn: io.warn, debug: io.debug };
    return settings.kind === 'check-run'
        ? new CheckRunReporter({ ...options, id: settings.checkRunId, onCreated: io.onCheckRunCreated })
        : new CommitStatusReporter(options);
}
/**
 * The final state of a wait that did not end by itself (the job was cancelled, or its process was
 * killed): an `error` status (a `cancelled` check run) saying where the rollout stood.
 */
async function reportCancelled(settings, standing, io) {
    const reporter = await startReporter(settings, io);
    const conclusion = 'cancelled';
    await reporter.finish('error', `Cancelled while ${standing}`, undefined, conclusion);
}


/***/ }),

/***/ 7250:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kf: () => (/* binding */ Timeline),
/* harmony export */   o1: () => (/* binding */ snapshotKey),
/* harmony export */   ql: () => (/* binding */ failedChecksText)
/* harmony export */ });
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2572);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5014);

/** Changes when anything a person follows changes: phase, weight, iterations or failed checks. */
const snapshotKey = (s) => `${s.phase}|${s.weight}|${s.iterations}|${s.failedChecks}`;
/** `0 failed checks`, `1 failed check`. */
function failedChecksText(count) {
    return `${count} failed check${count === 1 ? '' : 's'}`;
}
/**
 * The log of a wait, one line per change (`[01:30] Progressing  30% (3/5)  0 failed checks  Advance …`),
 * and the same changes kept as the timeline of the job summary.
 */
class Timeline {
    options;
    entries = [];
    startedAt;
    pending = [];
    pendingSince = 0;
    lastPrintAt = 0;
    constructor(options) {
        this.options = options;
        this.startedAt = options.now();
    }
    elapsedMs() {
        return this.options.now() - this.startedAt;
    }
    /** Seconds since the start, to a tenth. */
    elapsedSeconds() {
        return Math.round(this.elapsedMs() / 100) / 10;
    }
    /**
     * Status changes and Flagger's events arrive on separate streams, usually a few milliseconds
     * apart (weight 30 and "Advance … canary weight 30"). They are held for `coalesceMs` and printed
     * together, so that a person reads one line per change, with the latest status on it.
     */
    queue(message) {
        if (this.pending.length === 0)
            this.pendingSince = this.options.now();
        this.pending.push(message);
        if (this.options.coalesceMs <= 0)
            this.flush(true);
    }
    /** Milliseconds until held lines are due, or undefined when nothing is held. */
    flushDueInMs() {
        if (this.pending.length === 0)
            return undefined;
        return Math.max(0, this.pendingSince + this.options.coalesceMs - this.options.now());
    }
    /** Prints what is held once it is old enough (or at once with `force`). */
    flush(force = false) {
        if (this.pending.length === 0)
            return;
        if (!force && this.options.now() - this.pendingSince < this.options.coalesceMs)
            return;
        const messages = this.pending.filter(Boolean);
        this.pending = [];
        if (messages.length === 0)
            this.print('');
        for (const message of messages)
            this.print(message);
    }
    /** A stage note: printed at once, after anything held. */
    record(message) {
        this.flush(true);
        this.print(message);
    }
    /** Milliseconds since the last line. */
    silentForMs() {
        return this.options.now() - this.lastPrintAt;
    }
    /**
     * One line in the log; in the timeline too unless it is only a reminder. Messages carry cluster
     * text (event messages, condition messages, image references), so the line is made inert: a line
     * break or `::command::` in it can never act as a workflow command.
     */
    print(message, inTimeline = true) {
        const { snapshot, hasStatus } = this.options.current();
        const now = this.options.now();
        const elapsed = now - this.startedAt;
        this.lastPrintAt = now;
        if (inTimeline)
            this.entries.push({
                ...snapshot,
                elapsedSeconds: Math.round(elapsed / 100) / 10,
                time: new Date(now).toISOString(),
                message,
            });
        const parts = [`[${(0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(elapsed, 'clock')}]`, snapshot.phase.padEnd(16)];
        if (hasStatus) {
            parts.push((snapshot.progress || `${snapshot.weight}%`).padEnd(12));
            parts.push(failedChecksText(snapshot.failedChecks).padEnd(16));
        }
        if (message)
            parts.push(message);
        this.options.log((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .t)(parts.join(' ').trimEnd()));
    }
}


/***/ })

};
