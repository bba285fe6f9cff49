import { defineRule } from './types.js';

export const tagTemplate = defineRule({
  meta: {
    id: 'tag-template',
    description: "A workspace package's tag template reads some of the repository's tags, when it has any.",
    defaultSeverity: 'warn',
    messages: {
      unmatched:
        "none of the repository's {count} tags matches the tag template {template}, so the tag rules see none of this package's releases; set its tags.template (init detects it)",
    },
    options: {},
  },
  check: ({ tags }) =>
    tags.available && tags.unmatched ? [{ messageId: 'unmatched', data: { template: tags.unmatched.template, count: tags.unmatched.tags } }] : [],
});
