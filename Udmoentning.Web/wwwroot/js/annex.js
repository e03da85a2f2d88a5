// The annex page's "Udskriv / gem som PDF" button. The Content-Security-Policy allows no inline script,
// so the button is found by its data attribute rather than given an onclick.
document.addEventListener("click", event => {
    const button = event.target instanceof Element ? event.target.closest("[data-annex-print]") : null;
    if (button) {
        window.print();
    }
});
