// Small project files the rule tables share; positions in the tables are counted on these texts.

/** pyproject.toml with [project] name and version: the version's value starts at line 3, column 12. */
export const pyproject = (version: string, name = 'demo') => `[project]\nname = "${name}"\nversion = "${version}"\n`;

/** A runtime copy: `__version__ = "…"` on line 1, the value at column 16. */
export const versionPy = (version: string) => `__version__ = "${version}"\n`;

/** package.json: the version's value at line 3, column 15. */
export const packageJson = (version: string) => `{\n  "name": "demo",\n  "version": "${version}"\n}\n`;

/** pyproject.toml (primary) and demo/__init__.py. */
export const TWO_SOURCES = {
  sources: [
    { file: 'pyproject.toml', type: 'toml', primary: true },
    { file: 'demo/__init__.py', type: 'python' },
  ],
};

/** pyproject.toml (primary) and package.json, read as SemVer. */
export const WITH_JSON = {
  sources: [
    { file: 'pyproject.toml', type: 'toml', primary: true },
    { file: 'package.json', type: 'json' },
  ],
};

/** A setuptools-scm project: the version comes from git tags (zero configuration). */
export const scmPyproject = (name = 'demo') =>
  `[build-system]\nrequires = ["setuptools", "setuptools-scm"]\n\n[project]\nname = "${name}"\ndynamic = ["version"]\n\n[tool.setuptools_scm]\n`;
