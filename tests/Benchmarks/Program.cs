using System.Diagnostics;
using System.Globalization;
using CloudpackPlus.Benchmarks;

// usage: CloudpackPlus.Benchmarks <connection string>
// (1) in-process engine cost of a 10-activity automated workflow (no database)
// (2) persisted throughput of a 10-step workflow, 500 instances, on the given PostgreSQL
// (3) the single-row commit rate of the same server, measured in the same run (the ceiling)
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: CloudpackPlus.Benchmarks <connection string>");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

var engine = await EngineBenchmark.RunAsync();
Console.WriteLine($"(1) in-process engine, 10 activities: {engine.MicrosecondsPerWorkflow:F1} µs per workflow ({engine.MicrosecondsPerWorkflow / 10:F2} µs per activity), {engine.BytesPerWorkflow / 1024.0:F1} KiB allocated per workflow, {engine.Runs} runs");

await using var persisted = await PersistedBenchmark.CreateAsync(args[0]);
const int Clients = 16;
var ceilingOne = await persisted.CommitRateAsync(clients: 1, TimeSpan.FromSeconds(3));
var ceiling = await persisted.CommitRateAsync(Clients, TimeSpan.FromSeconds(5));
Console.WriteLine($"(3) PostgreSQL single-row commits: {ceilingOne:F0}/s from 1 client, {ceiling:F0}/s from {Clients} clients");

var sw = Stopwatch.StartNew();
var result = await persisted.RunWorkflowsAsync(instances: 500, clients: Clients);
sw.Stop();
var instancesPerSecond = result.Instances / sw.Elapsed.TotalSeconds;
var stepsPerSecond = result.Steps / sw.Elapsed.TotalSeconds;
Console.WriteLine($"(2) persisted, 500 instances × 10 steps, {Clients} clients: {instancesPerSecond:F0} instances/s, {stepsPerSecond:F0} steps/s ({sw.Elapsed.TotalSeconds:F2} s; {result.Commits} step commits)");
Console.WriteLine($"    ratio steps/s ÷ commit ceiling ({Clients} clients): {stepsPerSecond / ceiling:P0}; step commits/s ÷ ceiling: {result.Commits / sw.Elapsed.TotalSeconds / ceiling:P0}");
return 0;
