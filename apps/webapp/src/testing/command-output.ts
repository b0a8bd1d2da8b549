/** An admin command's output recorded for a spec: the printed lines and the audit records. */
export function recordedOutput() {
  const lines: string[] = [];
  const audits: object[] = [];
  return {
    lines,
    audits,
    out: { print: (l: string) => void lines.push(l), audit: (a: object) => void audits.push(a) },
  };
}
