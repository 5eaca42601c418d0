/**
 * The preview web app: the catalog of calls, each call's sheet and lifecycle diagrams, the diff with the
 * call it extends, and a live editor that validates YAML as one types. The server mounts it at `/`.
 * @module
 */
export { createPreviewApp, type PreviewDeps } from './preview-app.ts';
export type { ValidationResult } from './validation.ts';
