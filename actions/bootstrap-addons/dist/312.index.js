export const id = 312;
export const ids = [312];
export const modules = {

/***/ 1312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

// Runs after the job whatever happened: when the main step was killed before it could clean up,
// the private folder it wrote the kubeconfig, SSH key and known_hosts into is removed here.
const workDir = process.env['STATE_work-dir'] ?? '';
if (workDir && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(workDir)) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(workDir, { recursive: true, force: true });
    process.stdout.write('Removed the credentials the main step left behind\n');
}


/***/ })

};
