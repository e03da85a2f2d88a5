// Firefox starts an HTML5 drag only when the drag carries data; Blazor's handler does not set any.
// The card's code is harmless to carry and lets the drag begin in every browser.
document.addEventListener("dragstart", event => {
    const card = event.target instanceof Element ? event.target.closest("li.card[draggable=true]") : null;
    if (card && event.dataTransfer) {
        event.dataTransfer.setData("text/plain", card.dataset.code ?? "");
        event.dataTransfer.effectAllowed = "move";
    }
});
