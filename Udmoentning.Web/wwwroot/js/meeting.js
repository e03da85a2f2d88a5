// Meeting mode: → / PageDown and ← / PageUp press Næste and Forrige, as a presentation clicker does.
// Not while typing, in a dialog or a menu, and only when the page offers the button (a follower has none).
document.addEventListener("keydown", event => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
    }

    const next = event.key === "ArrowRight" || event.key === "PageDown";
    const previous = event.key === "ArrowLeft" || event.key === "PageUp";
    if (!next && !previous) {
        return;
    }

    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("input, textarea, select, [contenteditable], [role=dialog], .mud-popover")
        || document.querySelector(".mud-dialog-container")) {
        return;
    }

    const button = document.querySelector(next ? "[data-meeting-next]" : "[data-meeting-prev]");
    if (button && !button.disabled) {
        event.preventDefault();
        button.click();
    }
});
