/**
 * The simulator as a service: the HTTP control endpoint's server (its client and the operation table are in
 * sim/control/), the long-running simulator with its iSCSI, serial and control endpoints, and the HOST:PORT helpers. Design: docs/architecture.md "Control"; README
 * "Control endpoint".
 */
export { ControlHttpServer, DEFAULT_MAX_BODY_BYTES, type ControlHttpServerOptions } from './control-http-server.js';
export {
  CONTROL_API_PREFIX,
  CONTROL_API_VERSION,
  ControlHttpErrorCode,
  type ControlHealth,
  type ControlHttpErrorBody,
  type ControlHttpErrorCodeName,
} from './control-http-protocol.js';
export { defaultTargetName, EndpointStartError, type Endpoint } from './endpoints.js';
export {
  DEFAULT_HOST,
  formatHostPort,
  HostPortError,
  isLoopbackHost,
  parseHostPort,
  type HostPort,
} from './host-port.js';
export { SimulatorService, stopChanger, type ServeOptions } from './serve.js';
export { createServiceLogger, LOG_LEVELS, type LogLevel } from './service-logger.js';
