/**
 * The control API in one table: every operator and fault operation with its named arguments (a zod schema: what
 * the HTTP endpoint and the lab view accept as a JSON body), their order in a client call, its help text, whether
 * it only reads (GET allowed), and its console forms. The ControlClient type, the in-process and HTTP clients, the
 * HTTP routes, `GET /v1` and the console's parser and help are all derived from it (control-client.ts,
 * control-http-client.ts, sim/service/control-http-server.ts, sim/console/console-commands.ts); ChangerControl
 * (changer-control.ts, fault-control.ts) carries each one out under the same name. Argument types are checked
 * here; values (addresses, sense bytes, labels) are checked by the control API itself, which refuses with
 * INVALID_ARGUMENT and the like. To add an operation: a method on ChangerControl and a row in
 * operator-operations.ts or fault-operations.ts (the row type and shared schemas: operation-row.ts).
 * Design: docs/architecture.md 4 (a control operation); docs/simulator.md "Operator and fault API".
 */
import { FAULT_OPERATIONS } from './fault-operations.js';
import { OPERATOR_OPERATIONS } from './operator-operations.js';

export type { ConsoleForm, ConsoleWords, OperationRow } from './operation-row.js';

/** Every control operation, in the order `GET /v1` and the console's help list them. */
export const OPERATION_TABLE = { ...OPERATOR_OPERATIONS, ...FAULT_OPERATIONS } as const;
