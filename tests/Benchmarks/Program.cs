using System.Globalization;
using CloudpackPlus.Benchmarks;

// usage: CloudpackPlus.Benchmarks <connection string> [--profile | --steps | --ab "settings" ["SQL for B's own database"]] | --engine-only
// (--steps: only the ceiling and the persisted steps, (2) and (3))
// (--ab: the persisted steps with and without extra connection settings, alternating rounds in one process)
// (--profile: where a step's client CPU goes, one client, slice by slice)
// (1) in-process engine cost of a 10-activity automated workflow (no database)
// (2) persisted step commits: 3,000 instances, each one step running its 10 activities
// (3) the single-row commit rate of the same server, measured in the same run (the ceiling)
// (4) the resume path: 500 CSM tasks completed through ITaskService.CompleteAsync
// (5) a background activity end to end through this process's Hangfire server
// <connection string> --collect N: (7) ACCT-D's collection of N findings from the simulated AWS with the database write
// --reports: (6) a security-diagnosis report from 10,000 and 100,000 findings' aggregates: HTML, PDF, peak working set
// --seed-staff N <connection string>: issue #14 §8's data (N companies, 50,000 ledger entries) by COPY.
// --staff-pages <base url> <connection string> [seconds]: wrk at 10 connections against each staff page (scripts/bench.sh --staff-pages).
if (args is ["--seed-staff", var companies, var seedConnection])
{
    await StaffSeed.RunAsync(seedConnection, int.Parse(companies, CultureInfo.InvariantCulture), 50_000);
    return 0;
}

if (args is ["--staff-pages", var baseUrl, var pagesConnection, ..] && args.Length <= 4)
{
    await StaffPagesBenchmark.RunAsync(baseUrl, pagesConnection, TimeSpan.FromSeconds(args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 15));
    return 0;
}

// --bare-serve <url> <connection string>: issue #17's bare endpoints (one round trip per page) for the demo representative's company.
if (args is ["--bare-serve", var bareServeUrl, var bareConnection])
{
    var (company, person, application, _) = await CustomerPagesBenchmark.DemoIdsAsync(bareConnection);
    await CloudpackPlus.Benchmarks.BareEndpoints.BareEndpoints.ServeAsync(bareServeUrl, bareConnection, company, person, application);
    return 0;
}

// --sign-in <base url> <email>: signs a demo user in (demo password, TOTP) and prints the session's Cookie header, for
// profiling a page by hand (wrk -H "Cookie: …", dotnet-trace or perf on the host).
if (args is ["--sign-in", var signInUrl, var signInEmail])
{
    Console.WriteLine(await StaffPagesBenchmark.SignInAsync(signInUrl, signInEmail));
    return 0;
}

// --customer-pages <base url> <bare url> <connection string> [seconds]: wrk at 10 and 50 connections on each customer page and its bare endpoint.
if (args is ["--customer-pages", var customerUrl, var bareUrl, var customerConnection, ..] && args.Length <= 5)
{
    await CustomerPagesBenchmark.RunAsync(customerUrl, bareUrl, customerConnection, TimeSpan.FromSeconds(args.Length == 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10));
    return 0;
}

if (args is ["--reports"])
{
    var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {load}");
    var templates = Path.Combine(AppContext.BaseDirectory, "templates", "reports");
    await ReportBenchmark.RunAsync(1_000, templates); // warm-up: JIT, Scriban, Chromium's first start
    foreach (var findings in new[] { 10_000, 100_000 })
    {
        var r = await ReportBenchmark.RunAsync(findings, templates);
        var now = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(6) report from {r.Findings:N0} findings: aggregate {r.Aggregate.TotalMilliseconds:F0} ms, HTML {r.Html.TotalMilliseconds:F0} ms ({r.HtmlBytes / 1024.0:F0} KiB), PDF {r.Pdf.TotalMilliseconds:F0} ms ({r.PdfBytes / 1024.0:F0} KiB), peak working set {r.PeakWorkingSet / 1048576.0:F0} MiB (load {now})"));
    }

    return 0;
}

// --collect N: (7) ACCT-D's collection of N findings from the simulated AWS, including the database write
if (args is [var collectConnection, "--collect", var count])
{
    var findings = int.Parse(count, CultureInfo.InvariantCulture);
    var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {load}");
    await CollectionBenchmark.RunAsync(collectConnection, Math.Min(findings, 1_000)); // warm-up: JIT, pools
    for (var round = 1; round <= 3; round++)
    {
        var r = await CollectionBenchmark.RunAsync(collectConnection, findings);
        var now = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(7) collection round {round}: {r.Findings:N0} findings in {r.Pages} pages, {r.Elapsed.TotalSeconds:F2} s = {r.Findings / r.Elapsed.TotalSeconds:N0} findings/s; database writes {r.DatabaseWrite.TotalSeconds:F2} s ({r.DatabaseWrite.TotalMilliseconds / r.Pages:F1} ms per page); process CPU {r.Cpu.TotalSeconds:F2} s (load {now})"));
    }

    return 0;
}

if (args is [var abConnection, "--ab", var abExtra, ..] && args.Length <= 4)
{
    await AbBenchmark.RunAsync(abConnection, abExtra, args.Length == 4 ? args[3] : null);
    return 0;
}

if (args.Length is not (1 or 2) || args is [_, not ("--profile" or "--steps")])
{
    Console.Error.WriteLine("usage: CloudpackPlus.Benchmarks <connection string> [--profile | --steps | --ab \"settings\" [\"SQL for B's own database\"]] | --engine-only | --reports");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {Load()}");

var engine = await EngineBenchmark.RunAsync();
Console.WriteLine($"(1) in-process engine, 10 activities: {engine.MicrosecondsPerWorkflow:F1} µs per workflow ({engine.MicrosecondsPerWorkflow / 10:F2} µs per activity), {engine.BytesPerWorkflow / 1024.0:F1} KiB allocated per workflow, {engine.Runs} runs");
if (args[0] == "--engine-only")
{
    return 0;
}

await using var persisted = await PersistedBenchmark.CreateAsync(args[0]);
if (args is [_, "--profile"])
{
    await persisted.ProfileAsync();
    return 0;
}

const int Clients = 16;
const int Instances = 500;
// The steps run for seconds, like the ceiling's 5 s window: a 0.5 s window mostly measured the tiered JIT's
// background recompilation of the hot path (DOTNET_TieredCompilation=0 showed 2.7 ms/s idle CPU against 130-170).
const int StepInstances = 3000;
var ceilingOne = await persisted.CommitRateAsync(clients: 1, TimeSpan.FromSeconds(3));
var ceiling = await persisted.CommitRateAsync(Clients, TimeSpan.FromSeconds(5));
Console.WriteLine($"(3) PostgreSQL single-row commits: {ceilingOne:F0}/s from 1 client, {ceiling:F0}/s from {Clients} clients (load {Load()})");

var xid = await persisted.WriteTransactionsAsync();
var steps = await persisted.RunWorkflowsAsync(StepInstances, Clients);
var stepWrites = (await persisted.WriteTransactionsAsync() - xid - 1) / (double)(StepInstances + 200); // 200 warm-up instances run in the same window
var stepRate = steps.Instances / steps.Elapsed.TotalSeconds;
Console.WriteLine($"(2) persisted step commits, {StepInstances} instances × 10 activities in one step each, {Clients} clients: {stepRate:F0} instances/s = step commits/s, {steps.Activities / steps.Elapsed.TotalSeconds:F0} activities/s ({steps.Elapsed.TotalSeconds:F2} s, {steps.Cpu.TotalMilliseconds * 1000 / steps.Instances:F0} µs of this process's CPU per step); ÷ ceiling: {stepRate / ceiling:P0}; {stepWrites:F1} write transactions per instance (load {Load()})");

if (args is [_, "--steps"])
{
    return 0;
}

var resume = await persisted.CompleteTasksAsync(Instances, Clients);
var resumeRate = resume.Completed / resume.Elapsed.TotalSeconds;
Console.WriteLine($"(4) resume path, {resume.Completed} task completions through ITaskService.CompleteAsync, {Clients} clients: {resumeRate:F0} commits/s ({resume.Elapsed.TotalSeconds:F2} s); ÷ ceiling: {resumeRate / ceiling:P0} (load {Load()})");

xid = await persisted.WriteTransactionsAsync();
var background = await persisted.RunBackgroundAsync(Instances, Clients);
var backgroundWrites = (await persisted.WriteTransactionsAsync() - xid - 1) / (double)Instances;
var backgroundRate = background.Instances / background.Elapsed.TotalSeconds;
Console.WriteLine($"(5) background activity end to end (start commit → Hangfire job → result step commit), {background.Instances} instances, {Clients} clients, 16 Hangfire workers: {backgroundRate:F0} instances/s = {2 * backgroundRate:F0} workflow step commits/s ({background.Elapsed.TotalSeconds:F2} s); instances/s ÷ ceiling: {backgroundRate / ceiling:P0}, step commits/s ÷ ceiling: {2 * backgroundRate / ceiling:P0}; {backgroundWrites:F1} write transactions per instance, Hangfire's included, = {backgroundWrites * backgroundRate:F0} commits/s, {backgroundWrites * backgroundRate / ceiling:P0} of the ceiling (load {Load()})");
return 0;
