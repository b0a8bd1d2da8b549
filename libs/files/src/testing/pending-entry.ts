/** The putPending input of a one-byte text upload `id` started at `at` (for sweep specs). */
export function pendingEntryAt(id: string, at: Date) {
  return {
    id,
    name: 'a',
    contentType: 'text/plain',
    objectKey: `files/${id}`,
    uploadedBy: 'i',
    uploadedAt: at.toISOString(),
  };
}
