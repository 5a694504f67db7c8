/**
 * The Charts area's layout, kept per profile in the data folder: which charts are open, in
 * which order, their series (topic, JSON path, decoded or transform source) and time
 * window. The series' numbers are never kept: they come from the message log
 * (`messages.series`) when the chart opens.
 */
import { z } from 'zod';
import { request } from './common';
import { ProfileIdSchema } from './profiles';
import { DecodedSeriesSchema, JsonPathSchema, TransformSeriesSchema } from './series';

/** Bounds for a file read back from disk and for a page's save. */
export const CHARTS_PER_LAYOUT_MAX = 32;
export const SERIES_PER_CHART_MAX = 16;

export const ChartSeriesSchema = z
  .object({
    topic: z.string().min(1).max(65535),
    /** Absent: the payload itself is the number. */
    path: JsonPathSchema.optional(),
    /** Read the decoded payload (a codec applies), as `messages.series` does. */
    decoded: DecodedSeriesSchema.optional(),
    /** A transform's result is the value (files written before transforms had none). */
    transform: TransformSeriesSchema.extend({
      /** The script's name when charted, for the legend (the id is what counts). */
      name: z.string().max(200).optional(),
    })
      .strict()
      .optional(),
  })
  .strict();
export type ChartSeries = z.infer<typeof ChartSeriesSchema>;

/** The time a chart shows: the last minute, the last 10 minutes, or all the log keeps. */
export const ChartWindowSchema = z.enum(['60', '600', 'all']);
export type ChartWindow = z.infer<typeof ChartWindowSchema>;

export const ChartLayoutSchema = z
  .object({
    /** In the order the Charts area shows them. */
    charts: z
      .array(
        z
          .object({
            series: z.array(ChartSeriesSchema).min(1).max(SERIES_PER_CHART_MAX),
            window: ChartWindowSchema,
          })
          .strict(),
      )
      .max(CHARTS_PER_LAYOUT_MAX),
  })
  .strict();
export type ChartLayout = z.infer<typeof ChartLayoutSchema>;

/** What `charts.layout.get` answers. */
export interface ChartLayoutState {
  /** null: this profile never had charts. */
  layout: ChartLayout | null;
  /** The layouts file could not be read and was moved here (never overwritten). */
  setAsidePath: string | null;
}

const OnProfile = z.object({ profileId: ProfileIdSchema }).strict();

export const chartRequests = {
  'charts.layout.get': request<ChartLayoutState>()(OnProfile),
  /** Replaces the profile's layout. */
  'charts.layout.save': request<{ charts: number }>()(
    OnProfile.extend({ layout: ChartLayoutSchema }).strict(),
  ),
} as const;
