using CloudpackPlus.Activities.AccountDiagnosis;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Workflows.Persistence.Migrations;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using static CloudpackPlus.Activities.Tests.AccountDiagnosis.AccountDiagnosisFixture;

namespace CloudpackPlus.Activities.Tests.AccountDiagnosis;

/// <summary>
/// Issue #17: the external id grants access to the customer's role, so a database dump alone must not give it away.
/// It is stored encrypted (ExternalIdProtectionTests); here no other row of any table holds it in plain text while
/// ACCT-D runs through its role task, the role is still assumed, and the migration clears the links older versions stored.
/// </summary>
public sealed class ExternalIdAtRestTests(AccountDiagnosisFixture fx) : IClassFixture<AccountDiagnosisFixture>
{
    [Fact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "ACCT-D")]
    public async Task TheExternalId_IsInNoRowInPlainText_WhileTheDiagnosisAssumesTheRole()
    {
        var customer = await fx.NewCustomerAsync(findings: 12);
        var applied = await fx.ApplyAsync(customer);
        var createRole = await fx.TaskAtAsync(applied.ApplicationId, "create-role");
        string externalId;
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            externalId = (await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().FindAsync(customer.Company.CompanyId))!;
        }

        Assert.Equal(40, externalId.Length);
        Assert.Empty(await RowsHoldingAsync(externalId));

        // The role assumption reads the id back from the encrypted store: the connection test passes and the diagnosis runs.
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(createRole.Id, Representative(customer.Company), new { created = true })).Outcome);
        await fx.FireTimerAsync(applied.ApplicationId);
        Assert.True(customer.Aws.SecurityHubEnabled);
        Assert.Empty(await RowsHoldingAsync(externalId));
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task TheMigration_ReplacesTheLinksOlderVersionsStored_ByThePortalPath()
    {
        var customer = await fx.NewCustomerAsync(findings: 3);
        var applied = await fx.ApplyAsync(customer);
        var task = await fx.TaskAtAsync(applied.ApplicationId, "create-role");
        string externalId;
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            externalId = (await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().FindAsync(customer.Company.CompanyId))!;
        }

        // What the previous version stored: the console link, external id included, in the state, the task and the journal.
        var path = PrepareDiagnosisRole.QuickCreatePath($"/Applications/{applied.ApplicationId}/DiagnosisRole");
        var legacy = PrepareDiagnosisRole.QuickCreate(fx.Services.GetRequiredService<IOptions<AwsOptions>>().Value, externalId);
        await ExecuteAsync($"""
            UPDATE wf.instances SET state = replace(state::text, @path, @legacy)::jsonb WHERE id = '{task.InstanceId}';
            UPDATE wf.tasks SET form_schema = replace(form_schema::text, @path, @legacy)::jsonb WHERE id = '{task.Id}';
            UPDATE wf.journal SET data = jsonb_build_object('quickCreateUrl', @legacy)
            WHERE id = (SELECT max(id) FROM wf.journal WHERE instance_id = '{task.InstanceId}');
            """, ("path", path), ("legacy", legacy));
        Assert.Equal(["wf.instances", "wf.journal", "wf.tasks"], await RowsHoldingAsync(externalId));

        var up = Assert.IsType<SqlOperation>(Assert.Single(new Aws_QuickCreateLinksWithoutExternalIds().UpOperations));
        await ExecuteAsync(up.Sql);

        Assert.Empty(await RowsHoldingAsync(externalId));
        Assert.Empty(await RowsHoldingAsync("param_ExternalId="));
        var again = await fx.TaskAtAsync(applied.ApplicationId, "create-role");
        Assert.Contains(path + " ", again.FormSchema, StringComparison.Ordinal); // the help text reads on after the link
    }

    /// <summary>Every table (every schema but PostgreSQL's own) with a row whose text contains <paramref name="value"/>: what a dump would show.</summary>
    private async Task<List<string>> RowsHoldingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(fx.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE strpos(t::text, @value) > 0)", connection);
            command.Parameters.AddWithValue("value", value);
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                holding.Add(table);
            }
        }

        return holding;
    }

    private async Task ExecuteAsync(string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(fx.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
