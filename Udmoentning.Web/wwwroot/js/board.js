// The board (Components/Pages/Board). Cards are shared HTML without Blazor handlers of their own (CardMarkup.cs): this
// script turns what a viewer does to a card into one "cardaction" event for the board, and tells the server which cards
// of a long, scrolling cell are in view ("cellwindow"), so only those are rendered. The server checks everything again.
(() => {
    const detail = event => event.detail;
    Blazor.registerCustomEventType("cardaction", { createEventArgs: detail });
    Blazor.registerCustomEventType("cellwindow", { createEventArgs: detail });

    const element = target => target instanceof Element ? target : null;
    const cardOf = target => element(target)?.closest(".live-board li.card[data-item-id]") ?? null;
    const idOf = card => Number(card.dataset.itemId);
    const send = (target, name, detail) => target.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));

    // The title opens the item; the ⇄ button opens "Flyt til…" (Enter and Space click a button too).
    document.addEventListener("click", event => {
        const button = element(event.target)?.closest("button.card-title, button.card-move");
        const card = button ? cardOf(button) : null;
        if (card) {
            send(card, "cardaction", { action: button.classList.contains("card-move") ? "move" : "open", itemId: idOf(card) });
        }
    });

    // Ctrl+arrows move the card; arrow up and down go to the previous or next card of the cell, asking the server for
    // one that a long cell has not rendered yet.
    document.addEventListener("keydown", event => {
        const card = cardOf(event.target);
        if (!card || event.altKey || event.metaKey || event.shiftKey || !event.key.startsWith("Arrow")) {
            return;
        }

        if (event.ctrlKey) {
            event.preventDefault();
            send(card, "cardaction", { action: "key", itemId: idOf(card), key: event.key });
        } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
            event.preventDefault();
            const next = event.key === "ArrowDown" ? card.nextElementSibling : card.previousElementSibling;
            if (next?.matches("li.card")) {
                next.querySelector("button.card-title")?.focus();
            } else if (card.parentElement?.classList.contains("long")) {
                send(card, "cardaction", { action: "focus", itemId: idOf(card), key: event.key });
            }
        }
    });

    // Ctrl+Z undoes the viewer's own last move or edit (the board's "Fortryd" button), unless a text field or a dialog has
    // the focus: there Ctrl+Z belongs to the field.
    document.addEventListener("keydown", event => {
        if (!event.ctrlKey || event.altKey || event.metaKey || event.shiftKey || event.key.toLowerCase() !== "z") {
            return;
        }

        const target = element(event.target);
        const board = document.querySelector(".live-board");
        if (!board || target?.closest("input, textarea, select, [contenteditable]:not([contenteditable=false]), [role=dialog], .mud-dialog")) {
            return;
        }

        event.preventDefault();
        send(board, "cardaction", { action: "undo", itemId: 0 });
    });

    // Drag and drop. Firefox starts an HTML5 drag only when the drag carries data: the card's code is harmless to carry
    // (this also serves the work plan's cards, which have handlers of their own).
    let dragged = null;
    // A card a viewer may not move is not draggable, but whatever a page sends, the server decides.
    document.addEventListener("dragstart", event => {
        const card = element(event.target)?.closest("li.card");
        if (card?.draggable && event.dataTransfer) {
            event.dataTransfer.setData("text/plain", card.dataset.code ?? "");
            event.dataTransfer.effectAllowed = "move";
        }

        dragged = card?.closest(".live-board") ? idOf(card) : null;
    });
    document.addEventListener("dragend", () => { dragged = null; });
    document.addEventListener("dragover", event => {
        if (dragged !== null && element(event.target)?.closest(".live-board .cell")) {
            event.preventDefault();
        }
    });
    document.addEventListener("drop", event => {
        const cell = dragged !== null ? element(event.target)?.closest(".live-board .cell[data-theme-id]") : null;
        if (!cell) {
            return;
        }

        event.preventDefault();
        const onto = cardOf(event.target);
        send(cell, "cardaction", {
            action: "drop", itemId: dragged, themeId: Number(cell.dataset.themeId), status: Number(cell.dataset.status),
            beforeItemId: onto ? idOf(onto) : null,
        });
        dragged = null;
    });

    // A long cell renders the cards in view and spacers for the rest, all at the cards' measured average height
    // (--card-pitch). Scrolling reports the cards in view, at most every 40 ms and only when they change.
    const scrolled = new Set();
    document.addEventListener("scroll", event => {
        const list = element(event.target);
        if (list?.matches(".live-board ul.cards.long")) {
            if (scrolled.size === 0) {
                setTimeout(report, 40);
            }

            scrolled.add(list);
        }
    }, { capture: true, passive: true });

    function report() {
        for (const list of scrolled) {
            const cell = list.closest(".cell");
            const pitch = measure(list);
            const first = firstInView(list) ?? Math.floor(list.scrollTop / pitch);
            const count = Math.ceil(list.clientHeight / pitch) + 1;
            if (cell && (list.udmFirst !== first || list.udmCount !== count)) {
                list.udmFirst = first;
                list.udmCount = count;
                send(list, "cellwindow", { themeId: Number(cell.dataset.themeId), status: Number(cell.dataset.status), first, count });
            }
        }

        scrolled.clear();
    }

    // The index of the first card in view when it is rendered (the list's data-start is the first rendered card's
    // index); null when only a spacer shows, and the position must be estimated from the pitch.
    function firstInView(list) {
        const view = list.getBoundingClientRect();
        const cards = list.querySelectorAll(":scope > li.card");
        for (let i = 0; i < cards.length; i++) {
            const box = cards[i].getBoundingClientRect();
            if (box.bottom > view.top) {
                return box.top < view.bottom ? Number(list.dataset.start ?? 0) + i : null;
            }
        }

        return null;
    }

    // The CSS default of --card-pitch (app.css), in rem, for a list with too few cards to measure.
    const defaultPitchRem = 6.4;

    function measure(list) {
        const cards = list.querySelectorAll(":scope > li.card");
        if (cards.length > 1) {
            const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
            const span = cards[cards.length - 1].getBoundingClientRect().bottom - cards[0].getBoundingClientRect().top;
            list.udmPitch = (span + gap) / cards.length;
            list.style.setProperty("--card-pitch", `${list.udmPitch}px`);
        }

        return list.udmPitch || defaultPitchRem * parseFloat(getComputedStyle(document.documentElement).fontSize);
    }

    // The filter bar's choice groups are disclosures: a click elsewhere or Escape closes an open one.
    document.addEventListener("click", event => {
        for (const menu of document.querySelectorAll("details.filter-menu[open]")) {
            if (!menu.contains(element(event.target))) {
                menu.open = false;
            }
        }
    });
    document.addEventListener("keydown", event => {
        const menu = event.key === "Escape" ? element(event.target)?.closest("details.filter-menu[open]") : null;
        if (menu) {
            menu.open = false;
            menu.querySelector("summary")?.focus();
        }
    });

    window.udmBoard = {
        // After a keyboard move, or an arrow key to a card the cell had not rendered, the card's title takes the focus.
        focusCard(itemId) {
            document.querySelector(`.live-board li.card[data-item-id="${Number(itemId)}"] button.card-title`)?.focus();
        },
    };
})();
