export { LocalBroker, STOP_REASON } from './local-broker';
export { isPortFree, nextFreePort } from './ports';
