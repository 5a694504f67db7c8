import type { RequestError, RequestInput, RequestName, RequestResult } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { getTransport } from './bridge';

/** A request the host answered with ok:false; the UI shows `.error.message`, never a stack. */
export class RequestFailure extends Error {
  constructor(readonly error: RequestError) {
    super(error.message);
    this.name = 'RequestFailure';
  }
}

/** Calls a contract request and returns its value, or throws a RequestFailure. */
export async function call<N extends RequestName>(
  name: N,
  input: RequestInput<N>,
): Promise<RequestResult<N>> {
  let envelope;
  try {
    envelope = await getTransport().bridge.invoke(name, input);
  } catch (error) {
    // A bridge should answer with envelopes; if it throws anyway, keep the one error shape.
    const message = error instanceof Error ? error.message : String(error);
    throw new RequestFailure({ code: 'internal', message });
  }
  if (!envelope.ok) throw new RequestFailure(envelope.error);
  return envelope.value;
}

/** The sentence to show for any error a request produced. */
export function errorText(error: unknown): string {
  if (error instanceof RequestFailure) {
    if (error.error.text) return engineText(error.error.text);
    const issue = error.error.issues?.[0];
    // Invalid-input messages already name the field; others read well on their own.
    return issue && !error.error.message ? issue.message : error.error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
