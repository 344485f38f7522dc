using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;

namespace CloudpackPlus.Workflows.Tests;

public sealed class StepTransactionTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, null, null, "tester"));

    private Task<long> Companies(string code) => fx.ScalarAsync<long>($"SELECT count(*) FROM core.companies WHERE code = '{code}'");

    [Fact]
    public async Task ActivityWriteToAnotherModule_CommitsWithTheStep()
    {
        await fx.PublishAsync(Flows.Linear("tx-commit", ("create", "Test.CreateCompany", """{ "code": "TXOK" }""")));

        var started = await Start("tx-commit");

        Assert.Equal(InstanceStatus.Finished, started.Status);
        Assert.Equal(1L, await Companies("TXOK"));
    }

    [Fact]
    public async Task FailedActivity_LeavesNoDomainWrite_ButTheIncidentIsKept()
    {
        await fx.PublishAsync(Flows.Linear("tx-fail", ("create", "Test.CreateCompany", """{ "code": "TXFAIL", "failAfterWrite": true }""")));

        var started = await Start("tx-fail");

        Assert.Equal(InstanceStatus.Faulted, started.Status);
        Assert.Equal(0L, await Companies("TXFAIL"));
        Assert.Equal(1L, await fx.ScalarAsync<long>($"SELECT count(*) FROM wf.incidents WHERE instance_id = '{started.InstanceId}'"));
    }

    [Fact]
    public async Task StepThatCannotCommit_LeavesNeitherDomainWritesNorWorkflowState()
    {
        await fx.ScalarAsync<int>("""
            CREATE TABLE IF NOT EXISTS public.deferred_parent (id int PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS public.deferred_child (id int PRIMARY KEY,
              parent_id int REFERENCES public.deferred_parent (id) DEFERRABLE INITIALLY DEFERRED)
            """);
        await fx.PublishAsync(Flows.Linear("tx-break", ("create", "Test.CreateCompany", """{ "code": "TXBREAK", "breakCommit": true }""")));

        await Assert.ThrowsAnyAsync<Exception>(() => Start("tx-break"));

        Assert.Equal(0L, await Companies("TXBREAK"));
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM wf.instances WHERE definition_id = 'tx-break'"));
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM wf.journal j JOIN wf.instances i ON i.id = j.instance_id WHERE i.definition_id = 'tx-break'"));
    }
}
