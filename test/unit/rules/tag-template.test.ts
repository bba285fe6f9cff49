// tag-template over in-memory workspaces: two packages of one repository with their own tag prefixes.
import { tagTemplate } from '../../../src/rules/tag-template.js';
import { workspaceRuleTester } from '../../helpers/workspace-tester.js';

const py = (name: string, version: string) => `[project]\nname = "${name}"\nversion = "${version}"\n`;
const files = { 'a/pyproject.toml': py('alpha', '1.0.0'), 'b/pyproject.toml': py('beta', '2.0.0') };

workspaceRuleTester(tagTemplate, {
  valid: [
    {
      name: 'each template reads its own package tags',
      files,
      packages: [{ path: 'a' }, { path: 'b', template: '{name}@{version}' }],
      tags: ['alpha-v1.0.0', 'beta@2.0.0'],
    },
    { name: 'a repository with no tags yet', files, packages: [{ path: 'a' }, { path: 'b' }], tags: [] },
  ],
  invalid: [
    {
      name: 'a template that matches none of the tags there are is a warning',
      files,
      packages: [{ path: 'a' }, { path: 'b' }],
      tags: ['alpha-v1.0.0', 'beta_2.0.0'],
      errors: [{ package: 'beta', messageId: 'unmatched' }],
    },
  ],
});
