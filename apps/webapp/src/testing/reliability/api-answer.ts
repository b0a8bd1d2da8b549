/** A JSON answer of the API, read loosely by the reliability specs; each assertion checks what it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's many shapes
export type Answer = Record<string, any>;
