/**
 * Topic filtering off the main thread: with 100k topics (or a slow regular expression)
 * the tree must keep answering clicks while the filter runs. The worker mirrors the
 * tree's paths and parents by node id and answers with which ids to show.
 */
import { compileTopicMatch } from '../../electron/contract/topic-match';
import type { FilterWorkerReply, FilterWorkerRequest } from './filter-protocol';

const paths: string[] = [];
const parents: number[] = [];

self.onmessage = (event: MessageEvent<FilterWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'reset') {
    paths.length = 0;
    parents.length = 0;
    return;
  }
  if (request.type === 'add') {
    for (const node of request.nodes) {
      paths[node.id] = node.path;
      parents[node.id] = node.parentId;
    }
    return;
  }
  const compiled = compileTopicMatch(request.match);
  if (!compiled.ok) {
    post({ type: 'result', requestId: request.requestId, error: compiled.error });
    return;
  }
  const visible = new Uint8Array(paths.length);
  let matched = 0;
  for (let id = 0; id < paths.length; id++) {
    const path = paths[id];
    if (path === undefined || !compiled.test(path)) continue;
    matched++;
    // Mark the match and its ancestors; stop at the first one already marked.
    for (let n = id; n >= 0 && visible[n] !== 1; n = parents[n] ?? -1) visible[n] = 1;
  }
  post({ type: 'result', requestId: request.requestId, visible, matched }, [visible.buffer]);
};

function post(reply: FilterWorkerReply, transfer: Transferable[] = []): void {
  self.postMessage(reply, { transfer });
}
