/**
 * The exec: operator's channel with real child processes (sh -c): one JSON instruction per line in, one answer
 * per line out; log lines are ignored, a malformed answer and an exiting command fail the instruction with what
 * went wrong; the prompt's answers parse as docs/operator.md says. Spec: docs/operator.md 1 and 2.
 */
import { expect } from 'chai';
import { answerProblem, ExecChannel } from '../../conformance/harness/operator/exec-channel.js';
import type { Instruction } from '../../conformance/harness/operator/instruction-operator.js';
import { InstructionOperator } from '../../conformance/harness/operator/instruction-operator.js';
import { OperatorJournal, OperatorSkippedError } from '../../conformance/harness/operator/operator.js';
import { parsePromptAnswer } from '../../conformance/harness/operator/prompt-channel.js';

const take: Instruction = {
  id: 3,
  action: 'take-from-ie',
  args: { address: 10, volumeTag: 'CLN900L1' },
  text: 'Take it.',
  deadline: 4,
};

describe('conformance/harness exec: and prompt answers', function () {
  this.timeout(20_000);

  it('a rig that logs, then answers: the log line is ignored, the answer carried back, the journal keeps both sides', async () => {
    const rig = `while read line; do echo "rig: got a line"; id=$(echo "$line" | sed 's/.*"id":\\([0-9]*\\).*/\\1/'); echo "{\\"id\\":$id,\\"result\\":\\"done\\",\\"volumeTag\\":\\"CLN900L1\\"}"; done`;
    const journal = new OperatorJournal();
    const op = new InstructionOperator(new ExecChannel(rig, () => undefined), journal, 1000);
    try {
      expect(await op.takeFromImportExport(10, { volumeTag: 'CLN900L1', waitsMs: 3_600_000 })).to.equal('CLN900L1');
      const [entry] = journal.entries();
      expect(entry).to.deep.include({
        id: 1,
        action: 'take-from-ie',
        result: 'done',
        answer: { volumeTag: 'CLN900L1' },
      });
      expect(entry?.text).to.equal(
        'Take the cartridge CLN900L1 out of I/O station element 10 and keep it. The library waits 3600 s for this step.',
      );
    } finally {
      await op.close();
    }
  });

  it('skip becomes OperatorSkippedError; a malformed answer and an exit fail the instruction saying why', async () => {
    const skipper = new InstructionOperator(
      new ExecChannel(
        'read line; echo \'{"id":1,"result":"skip","message":"no cleaner at hand"}\'; sleep 1',
        () => undefined,
      ),
      new OperatorJournal(),
      1,
    );
    const e = await skipper.openImportExport().then(
      () => undefined,
      (x: unknown) => x as Error,
    );
    expect(e).to.be.instanceOf(OperatorSkippedError);
    expect(e?.message).to.equal('the operator skipped: Open the I/O station (mail slot). (no cleaner at hand)');
    await skipper.close();

    const bad = new ExecChannel('read line; echo \'{"id":1,"result":"maybe"}\'; sleep 1', () => undefined);
    expect(
      await bad.ask({ ...take, id: 1 }).then(
        () => '',
        (x: Error) => x.message,
      ),
    ).to.match(/answered .*"result" must be one of done, skip, abort, refused \(docs\/operator.md\)/);
    await bad.close();

    const quitter = new ExecChannel('exit 3', () => undefined);
    expect(
      await quitter.ask(take).then(
        () => '',
        (x: Error) => x.message,
      ),
    ).to.match(/the operator command \(exit 3\) exited \(code 3\)/);
  });

  it("checks answers and parses a person's lines", () => {
    expect(answerProblem({ id: 1, result: 'done', locked: 'yes' })).to.equal('"locked" must be true or false');
    expect(answerProblem([1])).to.equal('not a JSON object');
    expect(answerProblem({ id: 2, result: 'refused', message: 'jammed' })).to.equal(undefined);
    expect(parsePromptAnswer(take, 'done')).to.deep.equal({ id: 3, result: 'done', volumeTag: 'CLN900L1' });
    expect(parsePromptAnswer(take, 'done CLN123L1')).to.deep.equal({ id: 3, result: 'done', volumeTag: 'CLN123L1' });
    expect(parsePromptAnswer(take, 'skip no cartridge here')).to.deep.equal({
      id: 3,
      result: 'skip',
      message: 'no cartridge here',
    });
    expect(parsePromptAnswer(take, 'locked')).to.equal(undefined);
    expect(parsePromptAnswer({ ...take, action: 'report-locks', args: { opening: 'door' } }, 'unlocked')).to.deep.equal(
      { id: 3, result: 'done', locked: false },
    );
    expect(parsePromptAnswer({ ...take, action: 'open-door', args: {} }, 'maybe')).to.equal(undefined);
  });
});
