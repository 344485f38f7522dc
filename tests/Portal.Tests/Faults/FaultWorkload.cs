using System.Globalization;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// What the fault tests keep in flight: training applications (each reserves 2 tickets in the ledger, one submission id
/// each, so a retried apply makes no second one) and instances of a workflow of chained one-second timers.
/// </summary>
public static class FaultWorkload
{
    public const string TimerDefinition = "fault-timers";

    public const int TimersPerInstance = 6;

    public const int TrainingCost = 2;

    /// <summary>start → t1 … t6 (one second each) → end.</summary>
    public static string TimerGraph(string duration = "00:00:01")
    {
        var nodes = Enumerable.Range(1, TimersPerInstance).Select(i => $$"""{ "id": "t{{i}}", "type": "Delay", "inputs": { "duration": "{{duration}}" } }""");
        var ids = new[] { "start" }.Concat(Enumerable.Range(1, TimersPerInstance).Select(i => $"t{i}")).Append("end").ToList();
        var edges = ids.Zip(ids.Skip(1), (from, to) => $$"""{ "from": "{{from}}", "outcome": "Done", "to": "{{to}}" }""");
        return $$"""
            { "definitionId": "{{TimerDefinition}}", "name": "fault drill timers",
              "activities": [ { "id": "start", "type": "Start" }, {{string.Join(", ", nodes)}}, { "id": "end", "type": "End" } ],
              "connections": [ {{string.Join(", ", edges)}} ] }
            """;
    }

    public static async Task PublishTimersAsync(IServiceProvider services, string duration = "00:00:01")
    {
        await using var scope = services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var draft = await definitions.SaveDraftAsync(WorkflowGraph.Parse(TimerGraph(duration)), "fault-drill");
        await definitions.PublishAsync(TimerDefinition, draft.Version, "fault-drill");
    }

    /// <summary>Starts the timer instances <paramref name="from"/>.. (correlation ids make a repeated start start nothing).</summary>
    public static async Task StartTimersAsync(IServiceProvider services, int from, int count)
    {
        await Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>()
                .StartWorkflowAsync(TimerDefinition, null, $"fault-timer-{i.ToString(CultureInfo.InvariantCulture)}", "fault-drill", ct);
        });
    }

    /// <summary>Enrolled companies (Gold: 15 tickets) with their representatives.</summary>
    public static async Task<IReadOnlyList<EnrolledCompany>> EnrolCompaniesAsync(IServiceProvider services, int count, string prefix)
    {
        var companies = new List<EnrolledCompany>();
        for (var i = 0; i < count; i++)
        {
            companies.Add(await ProgrammeSetup.EnrolledCompanyAsync(services, TimeProvider.System, $"{prefix}{i.ToString("D3", CultureInfo.InvariantCulture)}"));
        }

        return companies;
    }

    /// <summary>One training application per (representative, submission id); false when the database was away (try again later).</summary>
    public static async Task<bool> TryApplyAsync(IServiceProvider services, Guid representativeId, Guid submissionId)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var today = Tokyo.Today(TimeProvider.System);
            var request = new TrainingRequest(TrainingTopic.IntroductionId, "障害訓練", [new(today.AddDays(14), today.AddDays(28))], 3);
            await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync("TRAIN-1", submissionId, request.ToFormData(), representativeId);
            return true;
        }
        catch (Exception e) when (Core.Data.DatabaseOutage.IsOutage(e))
        {
            return false;
        }
    }

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The checks of a consistent workflow state after a fault: every timer of every instance fired exactly once, nothing left open, no incident.</summary>
    public static async Task AssertTimersFiredOnceAsync(string connectionString, int instances)
    {
        Assert.Equal(instances, await CountAsync(connectionString, $"SELECT count(*) FROM wf.instances WHERE definition_id = '{TimerDefinition}' AND status = 'Finished'"));
        Assert.Equal(0L, await CountAsync(connectionString, $"""
            SELECT count(*) FROM wf.instances i CROSS JOIN generate_series(1, {TimersPerInstance}) n
            WHERE i.definition_id = '{TimerDefinition}' AND (SELECT count(*) FROM wf.journal j
              WHERE j.instance_id = i.id AND j.node_id = 't' || n AND j.kind = 'bookmark-resumed') <> 1
            """));
        Assert.Equal(0L, await CountAsync(connectionString, "SELECT count(*) FROM wf.incidents"));
        Assert.Equal(0L, await CountAsync(connectionString, "SELECT count(*) FROM wf.instances WHERE status = 'Faulted'"));
    }
}
