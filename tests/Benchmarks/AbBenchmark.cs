namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Two runtimes in one process on one database, A with the given connection string and B with extra settings
/// appended, measured in alternating rounds against the commit ceiling measured between them: on a shared,
/// noisy machine the load drifts alike for both, so the ratio B ÷ A is what to read (run with <c>--ab "settings"</c>).
/// </summary>
internal static class AbBenchmark
{
    public static async Task RunAsync(string connectionString, string extra)
    {
        const int Rounds = 4;
        const int Instances = 300;
        const int Clients = 16;
        await using var a = await PersistedBenchmark.CreateAsync(connectionString);
        await using var b = await PersistedBenchmark.CreateAsync(connectionString.TrimEnd(';') + ";" + extra);
        double sumA = 0, sumB = 0, sumCeiling = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var ceiling = await a.CommitRateAsync(Clients, TimeSpan.FromSeconds(2));
            // Alternate which goes first, so a drift in load within a round favours neither.
            var first = round % 2 == 0 ? a : b;
            var second = round % 2 == 0 ? b : a;
            var r1 = await first.RunWorkflowsAsync(Instances, Clients, $"r{round}", warmUp: round == 0 ? 200 : 20);
            var r2 = await second.RunWorkflowsAsync(Instances, Clients, $"r{round}", warmUp: round == 0 ? 200 : 20);
            var (ra, rb) = round % 2 == 0 ? (r1, r2) : (r2, r1);
            var rateA = ra.Instances / ra.Elapsed.TotalSeconds;
            var rateB = rb.Instances / rb.Elapsed.TotalSeconds;
            (sumA, sumB, sumCeiling) = (sumA + rateA, sumB + rateB, sumCeiling + ceiling);
            Console.WriteLine($"  round {round}: ceiling {ceiling:F0}/s; A {rateA:F0} instances/s ({ra.Cpu.TotalMilliseconds * 1000 / ra.Instances:F0} µs CPU each, {rateA / ceiling:P0}); B {rateB:F0} instances/s ({rb.Cpu.TotalMilliseconds * 1000 / rb.Instances:F0} µs CPU each, {rateB / ceiling:P0})");
        }

        Console.WriteLine($"(ab) B = A + \"{extra}\": A {sumA / sumCeiling:P1} of the ceiling, B {sumB / sumCeiling:P1}; B ÷ A = {sumB / sumA:F2}");
    }
}
