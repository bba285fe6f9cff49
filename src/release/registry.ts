// The release and verify plans: ordered lists of step modules, one line each. A step's `when`
// decides whether a run takes it; the dry run prints the same list the real run executes.
// Adding a gate: a module in steps/ and its line here.
import type { Step } from './step.js';
import { announcedFromIndex } from './steps/announced-from-index.js';
import { announcedVersion } from './steps/announced-version.js';
import { artifacts } from './steps/artifacts.js';
import { build } from './steps/build.js';
import { clean } from './steps/clean.js';
import { confirm } from './steps/confirm.js';
import { gitRepository } from './steps/git-repository.js';
import { githubTag } from './steps/github-tag.js';
import { installFromIndex } from './steps/install-from-index.js';
import { mcpName } from './steps/mcp-name.js';
import { mcpPublish } from './steps/mcp-publish.js';
import { installedSdist } from './steps/installed-sdist.js';
import { installedVersion } from './steps/installed-version.js';
import { push } from './steps/push.js';
import { registryEntry } from './steps/registry-entry.js';
import { releaseBranch } from './steps/release-branch.js';
import { smoke } from './steps/smoke.js';
import { tagFree } from './steps/tag-free.js';
import { tag } from './steps/tag.js';
import { toolsPresent } from './steps/tools-present.js';
import { twineCheck } from './steps/twine-check.js';
import { upload } from './steps/upload.js';
import { validate } from './steps/validate.js';
import { versionUsable } from './steps/version-usable.js';
import { versionsConsistent } from './steps/versions-consistent.js';
import { workTreeClean } from './steps/work-tree-clean.js';

export const RELEASE_STEPS: readonly Step[] = [
  versionsConsistent,
  versionUsable,
  toolsPresent,
  gitRepository,
  workTreeClean,
  releaseBranch,
  tagFree,
  githubTag,
  registryEntry,
  validate,
  clean,
  build,
  artifacts,
  mcpName,
  installedVersion,
  installedSdist,
  smoke,
  announcedVersion,
  twineCheck,
  confirm,
  upload,
  installFromIndex,
  announcedFromIndex,
  tag,
  push,
  mcpPublish,
];

export const VERIFY_STEPS: readonly Step[] = [
  versionUsable,
  toolsPresent,
  artifacts,
  mcpName,
  installedVersion,
  installedSdist,
  smoke,
  announcedVersion,
  installFromIndex,
  announcedFromIndex,
];
