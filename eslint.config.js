// One-way imports (docs: docs/architecture.md "Layers with one-way imports"):
//   common <- scsi <- sim, scsi <- rsm <- conformance; cli assembles everything.
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((dir) => ({
        group: [`**/${dir}/**`, `**/${dir}`],
        message: why,
      })),
    }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'test/support/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['common/**/*.ts'], ['scsi', 'sim', 'rsm', 'conformance', 'cli'], 'common/ is the bottom layer (clock, logger, command error): it imports nothing of the project.'),
  layer(['scsi/**/*.ts'], ['sim', 'rsm', 'conformance', 'cli'], 'scsi/ is the shared wire: it imports nothing else of the project.'),
  layer(['sim/**/*.ts'], ['rsm', 'conformance', 'cli'], 'sim/ may import scsi/ only.'),
  layer(['rsm/**/*.ts'], ['sim', 'conformance', 'cli'], 'rsm/ may import scsi/ only; it talks to changers through ScsiTransport.'),
  layer(['conformance/**/*.ts'], ['sim', 'cli'], 'conformance/ reaches a simulator only through a transport and the control API (conformance/harness/target/targets.ts is the one exception).'),
  {
    // The harness's target factory is where an in-process simulator is created (sim:<fixture> URLs).
    files: ['conformance/harness/target/targets.ts', 'conformance/harness/target/sim-target.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'], message: 'no cli imports' }] }] },
  },
);
