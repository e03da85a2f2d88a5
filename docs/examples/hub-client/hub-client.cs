#:package Microsoft.AspNetCore.SignalR.Client@10.0.15
#:property ManagePackageVersionsCentrally=false
// SignalR's JSON protocol reads the messages by reflection, which a file-based app (AOT by default) turns off.
#:property PublishAot=false

// A small client of Udmøntning's live hub (/hubs/plan): signs in as a script would, follows a plan and prints each change.
//   dotnet run hub-client.cs -- <url> <user> [planId] [committee]
// With UDMOENTNING_PASSWORD set it signs in with that password (any environment); without it, as a demo user (Development only).
// See docs/api.md, "Live-hubben /hubs/plan".

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

if (args.Length < 2)
{
    Console.Error.WriteLine("Brug: dotnet run hub-client.cs -- <url> <bruger> [plan-id] [udvalg]");
    return 2;
}

var site = new Uri(args[0].TrimEnd('/') + "/");
var user = args[1];
var planId = args.Length > 2 ? int.Parse(args[2]) : 1;
var committee = args.Length > 3 ? args[3] : null;
var password = Environment.GetEnvironmentVariable("UDMOENTNING_PASSWORD");

var cookies = new CookieContainer();
using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site })
{
    // The sign-in page's form carries an antiforgery token; post it back with the form, as the browser does.
    var page = await http.GetStringAsync("konto/log-ind");
    var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    var form = password is { Length: > 0 }
        ? new Dictionary<string, string> { ["_handler"] = "login", ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = token }
        : new Dictionary<string, string> { ["user"] = user, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token };
    using var signIn = await http.PostAsync(password is { Length: > 0 } ? "konto/log-ind" : "konto/demo", new FormUrlEncodedContent(form));
    if (signIn.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(site)[".Udmoentning.Konto"] is null)
    {
        Console.Error.WriteLine($"Login som {user} mislykkedes ({(int)signIn.StatusCode}).");
        return 1;
    }
}

await using var hub = new HubConnectionBuilder()
    .WithUrl(new Uri(site, "hubs/plan"), options => options.Cookies = cookies)
    .WithAutomaticReconnect()
    .Build();

// The highest revision seen per item: a change can come twice (while Follow runs), and an older one is ignored.
var revisions = new Dictionary<int, int>();
var gate = new SemaphoreSlim(1, 1);

hub.On<ItemChanged>("ItemChanged", async change =>
{
    await gate.WaitAsync();
    try
    {
        if (revisions.TryGetValue(change.ItemId, out var known) && change.Revision <= known)
        {
            return;
        }

        revisions[change.ItemId] = change.Revision;
        Console.WriteLine($"{change.ChangedAt.ToLocalTime():HH:mm:ss} {change.Change,-10} {change.Code,-10} {change.PreviousStatus} -> {change.Status} (rev. {change.Revision}) af {change.ChangedBy}: {change.Title}");
    }
    finally
    {
        gate.Release();
    }
});

// Themes, committees, meetings or the plan changed: read the plan again.
hub.On<PlanChanged>("PlanChanged", async message =>
{
    Console.WriteLine($"{message.ChangedAt.ToLocalTime():HH:mm:ss} Planen ændret af {message.ChangedBy}: {message.Description}");
    await FollowAsync();
});

// Nothing is replayed to a connection that was gone: after every reconnect, Follow again and take its answer as the truth.
hub.Reconnecting += error => { Console.WriteLine($"Forbindelsen er tabt ({error?.Message}); prøver igen ..."); return Task.CompletedTask; };
hub.Reconnected += async _ => { Console.WriteLine("Forbundet igen."); await FollowAsync(); };
hub.Closed += error => { Console.WriteLine($"Forbindelsen er lukket{(error is null ? "" : $": {error.Message}")}."); return Task.CompletedTask; };

await hub.StartAsync();
await FollowAsync();
Console.WriteLine($"Følger plan {planId}{(committee is null ? "" : $", udvalg {committee}")} som {user}. Ctrl+C stopper.");

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
return 0;

async Task FollowAsync()
{
    var items = await hub.InvokeAsync<ItemChanged[]>("Follow", planId, committee);
    await gate.WaitAsync();
    try
    {
        foreach (var item in items)
        {
            revisions[item.ItemId] = Math.Max(item.Revision, revisions.GetValueOrDefault(item.ItemId));
        }
    }
    finally
    {
        gate.Release();
    }

    Console.WriteLine($"{items.Length} punkter som de er nu.");
}

// The fields this client prints; the message has more (docs/api.md).
internal sealed record ItemChanged(int PlanId, int ItemId, string Code, string Title, string Status, string PreviousStatus, int Revision, string Change, string ChangedBy, DateTimeOffset ChangedAt);

internal sealed record PlanChanged(int? PlanId, string Description, string ChangedBy, DateTimeOffset ChangedAt);
