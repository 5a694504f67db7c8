import type { TopicMatchInput } from '../../electron/contract';
import type { EngineText } from '../../electron/contract';

export type FilterWorkerRequest =
  | { type: 'reset' }
  | { type: 'add'; nodes: { id: number; path: string; parentId: number }[] }
  | { type: 'match'; requestId: number; match: TopicMatchInput };

export type FilterWorkerReply =
  | { type: 'result'; requestId: number; visible: Uint8Array; matched: number; error?: undefined }
  | { type: 'result'; requestId: number; error: EngineText };
