export { MESSAGE_BOUND } from './context';
export { newRunId, runBrokerCheck, selectChecks, type RunOptions } from './runner';
