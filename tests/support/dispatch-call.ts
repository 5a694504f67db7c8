/**
 * Calling the engine as both hosts do: through the contract's dispatcher, so every input is
 * validated on the way in. An error answer is thrown, naming the request, its code and its
 * message, so a test or bench that expects success fails at the call with the reason.
 */
import type { RequestInput, RequestName, RequestResult } from '../../electron/contract';
import type { Dispatch } from '../../electron/host/dispatch';

export type DispatchCall = <N extends RequestName>(
  name: N,
  input: RequestInput<N>,
) => Promise<RequestResult<N>>;

/** A getter, so that files which create their engine in `beforeAll` can make `call` up front. */
export function dispatchCall(dispatchOf: () => Dispatch): DispatchCall {
  return async (name, input) => {
    const envelope = await dispatchOf()(name, input);
    if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code}: ${envelope.error.message}`);
    // The dispatcher answers request `name` with that request's result.
    return envelope.value as RequestResult<typeof name>;
  };
}
