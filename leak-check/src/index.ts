/**
 * `trackstop-leak-check`: the plain API both runners use. A runner puts `initScript(name)` into every document and
 * routes the page's calls of binding `name` to a `Hub`; `checkHub` asks the page's documents and returns every
 * track with its leak flags and the report (docs/report-schema.json), which `leaksMessage` and `reportHtml` show.
 */
export { type CheckOptions, type CheckResult, type Leak, type PageFacts, appFramesOf, checkHub, liveCaptureOf,
  resultOf } from './check';
export { Hub, LeakCheckError } from './hub';
export { reportHtml } from './html';
export { initScript, randomBindingName } from './init-script';
export { leaksMessage, liveCaptureMessage } from './message';
