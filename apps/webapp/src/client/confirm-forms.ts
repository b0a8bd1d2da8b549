/** Asks before submitting any form that carries `data-confirm` (deletes); without JavaScript the form just posts. */
export function confirmForms(root: Document): void {
  root.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.confirm === undefined) return;
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}
