// The js source kind: an exported string constant of a JavaScript or TypeScript module.
import { text } from '../config/fields.js';
import { defineKind } from './kind.js';

export const jsSource = defineKind({
  type: 'js',
  scheme: 'semver',
  description: 'An exported string constant of a JavaScript or TypeScript module.',
  options: {
    export: text().describe('js: the exported constant (default VERSION).'),
  },
  label: (o) => o.export ?? 'VERSION',
  // Babel is required only when a js source is read, never by a check without one.
  load: async () => (await import('./js-babel.js')).locateJsVersion,
});
