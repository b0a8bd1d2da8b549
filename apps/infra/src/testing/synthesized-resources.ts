/** The resources of one Terraform type in a synthesized stack (the JSON of `Testing.synth`), in order. */
export function synthesizedResources<T = Record<string, unknown>>(synthesized: string, type: string): T[] {
  return Object.values(JSON.parse(synthesized).resource?.[type] ?? {}) as T[];
}
