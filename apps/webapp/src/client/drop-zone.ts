/**
 * Makes `zone` accept files dragged from the desktop: highlights it while files hover over it and passes the
 * dropped files on. Drops elsewhere on the page are swallowed so a missed drop does not navigate to the file.
 */
export function enableDropZone(zone: HTMLElement, onFiles: (files: File[]) => void): void {
  let depth = 0; // dragenter/dragleave fire for every child element crossed
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const setDragging = (on: boolean) => zone.classList.toggle('dragging', on);

  zone.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth += 1;
    setDragging(true);
  });
  zone.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    setDragging(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  });

  for (const type of ['dragover', 'drop'] as const) {
    window.addEventListener(type, (event) => {
      if (!zone.contains(event.target as Node)) event.preventDefault();
    });
  }
}
