/** Types of bench/generate.mjs, for the smoke test under test/. */
export interface GenerateOptions {
  cni?: 'flannel' | 'terway';
  seed?: number;
  nodes?: number;
  podsPerNode?: number;
  namespaces?: number;
  policies?: number;
  securityGroups?: number;
  rulesPerGroup?: number;
}
export interface GeneratedFile {
  readonly path: string;
  chunks(): Iterable<string>;
}
export interface Generated {
  readonly files: GeneratedFile[];
  readonly summary: Record<string, number | string>;
  readonly catalog: {
    readonly pods: readonly { namespace: string; name: string; ip: string; tier: string; port: number }[];
    readonly services: readonly { namespace: string; name: string; ip: string; port: number }[];
    readonly rds: readonly { id: string; host: string }[];
  };
}
export const SIZES: Record<'small' | 'medium' | 'large', Required<Omit<GenerateOptions, 'cni' | 'seed'>>>;
export function generateSnapshot(options?: GenerateOptions): Generated;
export function snapshotToMemory(generated: Generated): { path: string; content: string }[];
export function writeSnapshot(generated: Generated, dir: string): Promise<void>;
