import type { streamHandlers } from '../../electron/engine/stream/handlers';

type StreamHandlers = ReturnType<typeof streamHandlers>;

const unused = async (): Promise<never> => {
  throw new Error('This test does not use the message stream.');
};

/** Fills the message-path requests for tests about something else (dispatch, hosts). */
export function unusedStreamHandlers(): StreamHandlers {
  return {
    'stream.poll': unused,
    'stream.pause': unused,
    'stream.clear': unused,
    'stream.limits': unused,
    'stream.setLimits': unused,
    'messages.summaries': unused,
    'messages.match': unused,
    'messages.detail': unused,
    'messages.export': unused,
    'topics.detail': unused,
    'topics.clearRetained': unused,
  };
}
