/**
 * Precedence (D3): an unknown library GUID together with an invalid dwAction gives ERROR_INVALID_PARAMETER:
 * parameters are validated before the library is looked up. Spec: docs/rsm-semantics.md D3, 6 steps 4-5 (MS-RSMP:
 * invalid parameters are returned immediately).
 */
import { guidRef } from '../../rsm/index.js';
import { failsWithoutEffect, openReady, UNKNOWN_LIBRARY } from '../harness/path-steps.js';
import { returnPath } from '../harness/return-path.js';

export default returnPath({
  id: 'EjectNtmsCleaner.PrecedenceParametersOverLibrary',
  title: 'unknown library + invalid dwAction: the parameters win',
  returns: 'ERROR_INVALID_PARAMETER',
  provenance: ['MS-RSMP', 'project decision'],
  decisions: ['D3'],
  needs: [],
  hostOnly: true,
  destructive: false,
  async run(t) {
    const h = await openReady(t);
    await failsWithoutEffect(t, {
      act: `EjectNtmsCleaner(lpLibrary = ${UNKNOWN_LIBRARY}, dwAction = 9)`,
      decidedBy: 'parameters',
      expected: 'ERROR_INVALID_PARAMETER',
      call: (op) => t.rsm.call('ejectNtmsCleaner', h, guidRef(UNKNOWN_LIBRARY), op, 9),
    });
  },
});
