namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Two runtimes in one process on one database, A with the given connection string and B with extra settings
/// appended, measured in alternating rounds against the commit ceiling measured between them: on a shared,
/// noisy machine the load drifts alike for both, so the ratio B ÷ A is what to read (run with <c>--ab "settings"</c>).
/// </summary>
internal static class AbBenchmark
{
    public static async Task RunAsync(string connectionString, string extra, string? setupB = null)
    {
        const int Rounds = 4;
        const int Instances = 300;
        const int Clients = 16;
        await using var a = await PersistedBenchmark.CreateAsync(connectionString);
        var csB = connectionString.TrimEnd(';') + ";" + extra;
        if (setupB is not null)
        {
            // A schema variant: B gets its own database (created here, migrated by its host), then the SQL is run on it.
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(csB);
            var name = builder.Database + "_b";
            await using (var admin = new Npgsql.NpgsqlConnection(connectionString))
            {
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            builder.Database = name;
            csB = builder.ConnectionString;
        }

        await using var b = await PersistedBenchmark.CreateAsync(csB);
        if (setupB is not null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(csB);
            await connection.OpenAsync();
            await using var setup = new Npgsql.NpgsqlCommand(setupB, connection);
            await setup.ExecuteNonQueryAsync();
        }

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

        Console.WriteLine($"(ab) B = A + \"{extra}\"{(setupB is null ? "" : $" + \"{setupB}\"")}: A {sumA / sumCeiling:P1} of the ceiling, B {sumB / sumCeiling:P1}; B ÷ A = {sumB / sumA:F2}");
    }
}
