namespace Udmoentning.Web.Ledger;

public static class LedgerExtensions
{
    /// <summary>The ledger: the account-string layout, and the reader of items' kontering (written through the change service).</summary>
    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(LedgerOptions.From(builder.Configuration));
        builder.Services.AddSingleton<AccountLineReader>();
        return builder;
    }
}
