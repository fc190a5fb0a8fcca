// One-way imports (docs: docs/architecture.md "Layers with one-way imports"):
//   common <- scsi <- sim, scsi <- rsm <- conformance; cli assembles everything; bench/, soak/, test/ on top.
import tseslint from 'typescript-eslint';

/** The folders on top of every layer (they may import anything; nothing imports them). */
const TOP = ['bench', 'soak', 'test'];

const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((dir) => ({
          group: [`**/${dir}/**`, `**/${dir}`],
          message: why,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'test/support/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Files stay small: about 300 lines of code (docs/architecture.md style rules).
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  // bench/, soak/ and test/ sit on top: they may import any layer, and no layer imports them.
  layer(
    ['common/**/*.ts'],
    ['scsi', 'sim', 'rsm', 'conformance', 'cli', ...TOP],
    'common/ is the bottom layer (clock, logger, command error): it imports nothing of the project.',
  ),
  layer(
    ['scsi/**/*.ts'],
    ['sim', 'rsm', 'conformance', 'cli', ...TOP],
    'scsi/ is the shared wire: it imports common/ only.',
  ),
  layer(['sim/**/*.ts'], ['rsm', 'conformance', 'cli', ...TOP], 'sim/ may import common/ and scsi/ only.'),
  layer(
    ['rsm/**/*.ts'],
    ['sim', 'conformance', 'cli', ...TOP],
    'rsm/ may import common/ and scsi/ only; it talks to changers through ScsiTransport.',
  ),
  layer(
    ['conformance/**/*.ts'],
    ['sim', 'cli', ...TOP],
    'conformance/ reaches a simulator only through a transport and the control API (conformance/harness/target/targets.ts and sim-target.ts are the one exception).',
  ),
  layer(['cli/**/*.ts'], [...TOP], 'cli/ assembles the layers; bench/, soak/ and test/ are not part of the command.'),
  // The harness's target factory is where an in-process simulator is created (sim:<fixture> URLs): the same
  // restrictions as the rest of conformance/ but for sim/, which these two files alone may import.
  layer(
    ['conformance/harness/target/targets.ts', 'conformance/harness/target/sim-target.ts'],
    ['cli', ...TOP],
    'conformance/harness/target/targets.ts and sim-target.ts may import sim/ (the one exception), not cli/ or tests.',
  ),
);
