/** Pieces every part of the contract shares: QoS, ids, problems, the request helper. */
import { z } from 'zod';
import { EngineTextSchema, type EngineText } from './engine-text';
import { topicFilterProblem, topicNameProblem } from './topics';

export const QosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Qos = z.infer<typeof QosSchema>;

export const ConnectionIdSchema = z.string().min(1).max(64);

/**
 * A rule's sentence on a zod issue: its key as the message and the engine text in `params`,
 * which the dispatcher hands on (see `issueText` in electron/engine/text/issue-text.ts).
 */
function addProblem(ctx: z.RefinementCtx, problem: EngineText | null): void {
  if (problem) ctx.addIssue({ code: 'custom', message: problem.key, params: { text: problem } });
}

export const TopicNameSchema = z
  .string()
  .superRefine((topic, ctx) => addProblem(ctx, topicNameProblem(topic)));

export const TopicFilterSchema = z
  .string()
  .superRefine((filter, ctx) => addProblem(ctx, topicFilterProblem(filter)));

/** A failure as the user reads it: one sentence (a key plus parameters) and the underlying code. */
export const ProblemSchema = EngineTextSchema.extend({ code: z.string() });
export type Problem = z.infer<typeof ProblemSchema>;

/** A request: its input schema, and its result type carried as a phantom. */
export interface RequestDef<I extends z.ZodType, R> {
  readonly input: I;
  readonly result?: R;
}

export function request<R>() {
  return <I extends z.ZodType>(input: I): RequestDef<I, R> => ({ input });
}

export const EmptyInput = z.object({}).strict();
export const OnConnection = z.object({ connectionId: ConnectionIdSchema }).strict();
