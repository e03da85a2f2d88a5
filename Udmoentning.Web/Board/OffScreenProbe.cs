namespace Udmoentning.Web.Board;

/// <summary>
/// A measurement probe for ADR 0025 (<c>Board:OffScreenProbe</c>, off unless set; the benchmark harness sets it with
/// <c>--offscreen-probe</c>): what an off-screen change would cost the server per viewer if it reached a viewer without a
/// render batch. <c>skip</c>: the circuit applies the change and renders nothing, and <see cref="OffScreenProbeFigures"/>
/// sends the view's counts and announcement once per change to the view's viewers (ADR 0025's design, without the page's
/// side). <c>interop</c>: the circuit sends the counts and the announcement in one JS interop call instead of a batch.
/// Neither keeps the page's counts right in a browser: it is not a way to run the board, only to measure one.
/// </summary>
public sealed record OffScreenProbe(string? Mode)
{
    public bool Skips => Mode == "skip";

    public bool Interops => Mode == "interop";

    public bool IsOn => Skips || Interops;
}
