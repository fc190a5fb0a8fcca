/**
 * The soak's own sense rules (soak/sense-rules.ts) on byte-exact vectors: each rule rejects the answer that
 * breaks it and accepts the one that keeps it. Spec: SPC-4 4.5.2 (descriptor format), 4.5.3 (fixed format),
 * 4.5.2.4 (field pointer), SAM-5 5.3 (status). See docs/scsi-model.md 7 and 2.
 */
import { expect } from 'chai';
import { answerProblem, senseFields } from '../../soak/sense-rules.js';

const hex = (h: string) => Buffer.from(h.replace(/ /g, ''), 'hex');
const check = (sense: string | undefined, status = 0x02, cdbLength = 12, dataOutLength = 0) =>
  answerProblem({ status, sense: sense === undefined ? undefined : hex(sense), cdbLength, dataOutLength });

describe('soak sense rules', () => {
  it('accepts well-formed fixed sense with a field pointer inside the CDB', () => {
    expect(check('70 00 05 00000000 0a 00000000 24 00 00 c0 0002')).to.equal(undefined);
    expect(check('70 00 06 00000000 0a 00000000 29 00 00 000000')).to.equal(undefined);
    expect(check('70 00 05 00000000 0a 00000000 26 00 00 80 0003', 0x02, 10, 8)).to.equal(undefined);
  });

  it('accepts GOOD, BUSY and RESERVATION CONFLICT without sense, refuses other statuses and GOOD with sense', () => {
    for (const s of [0x00, 0x08, 0x18]) expect(check(undefined, s)).to.equal(undefined);
    expect(check(undefined, 0x28)).to.match(/status 28h/);
    expect(check(undefined, 0x02)).to.match(/without sense/);
    expect(check('70 00 05 00000000 0a 00000000 24 00 00 c0 0002', 0x00)).to.match(/GOOD with sense/);
  });

  it('refuses a wrong ADDITIONAL SENSE LENGTH, a short fixed sense and an unknown response code', () => {
    expect(check('70 00 05 00000000 0b 00000000 24 00 00 c0 0002')).to.match(/ADDITIONAL SENSE LENGTH says 19/);
    expect(check('70 00 05 00000000 06 00000000 24 00')).to.match(/lacks the sense key specific/);
    expect(check('74 00 05 00000000 0a 00000000 24 00 00 c0 0002')).to.match(/response code 74h/);
  });

  it('refuses INVALID FIELD IN CDB without a field pointer, and a pointer outside the CDB or the parameter list', () => {
    expect(check('70 00 05 00000000 0a 00000000 24 00 00 00 0000')).to.match(/without a field pointer/);
    expect(check('70 00 05 00000000 0a 00000000 24 00 00 c0 000c')).to.match(/byte 12 is outside the CDB of 12 bytes/);
    expect(check('70 00 05 00000000 0a 00000000 26 00 00 80 0008', 0x02, 10, 8)).to.match(
      /outside the parameter list of 8 bytes/,
    );
    expect(check('70 00 05 00000000 0a 00000000 24 00 00 80 0001', 0x02, 10, 8)).to.match(/C\/D=0/);
    expect(check('70 00 05 00000000 0a 00000000 24 00 00 f0 0001')).to.match(/bits 5-4/);
  });

  it('refuses the reserved sense key, NO SENSE 00/00 and the internal-failure sense', () => {
    expect(check('70 00 0f 00000000 0a 00000000 00 00 00 000000')).to.match(/0Fh is reserved/);
    expect(check('70 00 00 00000000 0a 00000000 00 00 00 000000')).to.match(/NO SENSE/);
    expect(check('70 00 04 00000000 0a 00000000 44 00 00 000000')).to.match(/internal target failure/);
  });

  it('decodes descriptor sense, finds its sense key specific descriptor, and refuses descriptors that do not tile', () => {
    const good = '72 05 24 00 000000 08 02 06 0000 c0 0003 00';
    expect(senseFields(hex(good))).to.deep.include({ format: 'descriptor', key: 5, asc: 0x24, ascq: 0 });
    expect(check(good)).to.equal(undefined);
    expect(check('72 05 24 00 000000 08 02 06 0000 c0 000c 00')).to.match(/outside the CDB/);
    expect(check('72 05 24 00 000000 06 02 06 0000 c0 00')).to.match(/runs past the sense data/);
    expect(check('f2 05 24 00 000000 00')).to.match(/byte 0 bit 7 is reserved/);
  });
});
