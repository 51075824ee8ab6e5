/** Marks a generated database in the settings table; ids, counts and dates only. */
export const scaleDataSetting = 'scale-data.generated';

export interface ScaleMarker {
  readonly seed: number;
  readonly subjects: number;
  /** YYYY-MM-DD: the data is as of midnight UTC of this day. */
  readonly asOf: string;
  readonly customers: number;
  readonly applicants: number;
  /** Customers (or applicants) per chunk; trusted users pair within a chunk, so it is part of the data's identity. */
  readonly chunkSize: number;
  readonly chunks: number;
  /** Chunks are written in order, each in one transaction with this marker: the first chunksDone are complete. */
  readonly chunksDone: number;
  /** Digest of configuration and catalogues the data depends on; a resumed run must see the same. */
  readonly context: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}
