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

    // Counts, totals and what others changed (ADR 0025). Blazor renders the cards; this script is the one writer of every
    // count on the board (elements with data-fig, each list's label, the height of a long cell's last spacer) and of the
    // live region #board-heard. It takes the figures the board rendered (data-figures) for a view new to it, joins the view
    // (data-view) on /hubs/board, and from then takes the view's figures: the answer to joining, then one message per
    // change, each with a higher sequence than the last. A Blazor batch never carries a count, so none can write an older one.
    let shown = { view: null, figures: null, sequence: -1 };
    const figuresOf = figures => {
        const cells = new Map(), lanes = new Map(), columns = [];
        let total = 0;
        const statuses = figures.statuses;
        figures.themes.forEach((theme, t) => {
            let lane = 0;
            for (let s = 0; s < statuses.length; s++) {
                const n = figures.counts[t * statuses.length + s];
                cells.set(`${theme}-${statuses[s]}`, n);
                columns[statuses[s]] = (columns[statuses[s]] ?? 0) + n;
                lane += n;
            }

            lanes.set(String(theme), lane);
            total += lane;
        });
        return { cells, lanes, columns, total, totals: new Map(figures.years.map((year, i) => [String(year), figures.totals[i]])) };
    };

    function paint(board) {
        if (!shown.figures) {
            return;
        }

        const f = figuresOf(shown.figures);
        for (const element of board.querySelectorAll("[data-fig]")) {
            const [kind, a, b] = element.dataset.fig.split("-");
            const text = kind === "cell" ? f.cells.get(`${a}-${b}`) : kind === "lane" ? `(${f.lanes.get(a) ?? 0})`
                : kind === "column" ? f.columns[Number(a)] : kind === "shown" ? f.total : kind === "total" ? f.totals.get(a) : undefined;
            if (text !== undefined && element.textContent !== String(text)) {
                element.textContent = text;
            }
        }

        for (const list of board.querySelectorAll("ul[data-cell]")) {
            const count = f.cells.get(list.dataset.cell) ?? 0;
            const label = `${list.dataset.label} (${count})`;
            if (list.getAttribute("aria-label") !== label) {
                list.setAttribute("aria-label", label);
            }

            const tail = list.lastElementChild?.matches("li.spacer.tail") ? list.lastElementChild : null;
            if (tail) {
                const rest = Math.max(0, count - Number(list.dataset.start ?? 0) - list.querySelectorAll(":scope > li.card").length);
                if (tail.udmRest !== rest) {
                    tail.udmRest = rest;
                    tail.style.height = `calc(${rest} * var(--card-pitch))`;
                    tail.hidden = rest === 0;
                }
            }
        }
    }

    // What others changed, said once: the page's own changes it says itself (the board's own live region).
    function hear(board, figures) {
        const region = document.getElementById("board-heard");
        const texts = (figures.heard ?? []).filter(h => !h.origin || h.origin !== board.dataset.origin).map(h => h.text);
        if (region && texts.length > 0) {
            const text = texts.join(" ");
            region.textContent = region.textContent === text ? text + "\u200B" : text;
        }
    }

    // The link to /hubs/board: SignalR's JSON protocol over a WebSocket (a handshake, invocations, completions, pings), which
    // is all the board needs of it; it reconnects with growing pauses while a board is shown, and closes when none is.
    const separator = "\u001e";
    const link = { socket: null, ready: false, view: null, next: 1, joins: new Map(), pings: 0, retry: 0, timer: 0 };

    function currentBoard() {
        return document.querySelector(".live-board[data-view]");
    }

    function connect() {
        const url = new URL("/hubs/board", location.href);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        const socket = new WebSocket(url);
        link.socket = socket;
        link.ready = false;
        socket.onopen = () => socket.send(JSON.stringify({ protocol: "json", version: 1 }) + separator);
        socket.onmessage = event => {
            for (const part of String(event.data).split(separator)) {
                if (part) {
                    receive(socket, JSON.parse(part));
                }
            }
        };
        socket.onclose = () => {
            clearInterval(link.pings);
            if (link.socket !== socket) {
                return;
            }

            link.socket = null;
            link.ready = false;
            if (currentBoard()) {
                link.timer = setTimeout(() => {
                    link.timer = 0;
                    follow();
                }, Math.min(30000, 500 * 2 ** link.retry++));
            }
        };
    }

    function receive(socket, message) {
        if (!link.ready) {
            if (message.error) {
                socket.close();
                return;
            }

            link.ready = true;
            link.retry = 0;
            link.joins.clear();
            // The server closes a connection it has not heard from for 30 seconds.
            link.pings = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 6 }) + separator), 15000);
            link.view = null;
            follow();
        } else if (message.type === 1 && message.target === "Figures") {
            take(message.arguments[0], false);
        } else if (message.type === 3) {
            const joined = link.joins.get(message.invocationId);
            link.joins.delete(message.invocationId);
            if (joined === link.view && message.result) {
                take(message.result, true);
            }
        } else if (message.type === 7) {
            socket.close();
        }
    }

    // Figures for the view shown now: the answer to joining replaces what the page has (a new connection may reach
    // another node, which numbers its own); a message counts only if newer, and what it says is said either way.
    function take(figures, answer) {
        const board = currentBoard();
        if (!board || figures.view !== shown.view) {
            return;
        }

        if (!answer) {
            hear(board, figures);
        }

        if (answer || figures.sequence > shown.sequence) {
            shown = { view: shown.view, figures, sequence: figures.sequence };
            paint(board);
        }
    }

    // Joins the board's view when it changed (opening, another filter or committee), and follows the board's own figures.
    function follow() {
        const board = currentBoard();
        if (!board) {
            shown = { view: null, figures: null, sequence: -1 };
            link.view = null;
            clearTimeout(link.timer);
            link.timer = 0;
            link.socket?.close();
            link.socket = null;
            return;
        }

        // A view new to the page starts from the figures the board rendered; for the view it has, the page keeps its own,
        // which are as new as the view's messages (Blazor replacing the prerendered board renders older ones).
        if (shown.view !== board.dataset.view) {
            shown = { view: board.dataset.view, figures: JSON.parse(board.dataset.figures ?? "null"), sequence: -1 };
        }

        paint(board);
        if (!link.socket) {
            // Not while a pause after a lost connection runs: Blazor's renders must not make it try again at once.
            if (!link.timer) {
                connect();
            }
        } else if (link.ready && link.view !== board.dataset.view) {
            link.view = board.dataset.view;
            const id = String(link.next++);
            link.joins.set(id, link.view);
            link.socket.send(JSON.stringify({ type: 1, invocationId: id, target: "Join", arguments: [link.view] }) + separator);
        }
    }

    // Blazor replaces the prerendered board, renders a new view, or changes the cards of a cell: the counts, labels and
    // spacers are written again for what is on the page now.
    let painting = false;
    new MutationObserver(() => {
        if (!painting) {
            painting = true;
            queueMicrotask(() => {
                painting = false;
                follow();
            });
        }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-view", "data-figures"] });
    follow();

    window.udmBoard = {
        // After a keyboard move, or an arrow key to a card the cell had not rendered, the card's title takes the focus.
        focusCard(itemId) {
            document.querySelector(`.live-board li.card[data-item-id="${Number(itemId)}"] button.card-title`)?.focus();
        },
    };
})();
