/**
 * queueMicrotaskFast is a microtask like queueMicrotask: after the synchronous code, in one FIFO queue with
 * queueMicrotask and promise reactions, before timers and setImmediate.
 * Spec: common/clock/microtask.ts; ECMA-262 27.2.5.4 (a reaction to a settled promise is queued at once).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { queueMicrotaskFast } from '../../../common/clock/microtask.js';

const MODULE = fileURLToPath(new URL('../../../common/clock/microtask.ts', import.meta.url));

describe('common/clock/microtask', () => {
  it('runs after the current code, in order with the other microtasks, before the next turn', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('immediate'));
    queueMicrotask(() => seen.push('queueMicrotask 1'));
    queueMicrotaskFast(() => {
      seen.push('fast 1');
      queueMicrotaskFast(() => seen.push('fast from fast'));
    });
    void Promise.resolve().then(() => seen.push('then'));
    queueMicrotaskFast(() => seen.push('fast 2'));
    queueMicrotask(() => seen.push('queueMicrotask 2'));
    seen.push('sync');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).to.deep.equal([
      'sync',
      'queueMicrotask 1',
      'fast 1',
      'then',
      'fast 2',
      'queueMicrotask 2',
      'fast from fast',
      'immediate',
    ]);
  });

  it('an exception in the work is an uncaught exception, even where unhandled rejections are listened to (mocha)', () => {
    const script = `import { queueMicrotaskFast } from ${JSON.stringify(MODULE)};
      process.on('unhandledRejection', () => {});
      queueMicrotaskFast(() => { throw new Error('boom in a microtask'); });
      setTimeout(() => process.exit(0), 200);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).to.equal(1);
    expect(r.stderr).to.contain('boom in a microtask');
  });
});
