using System.Diagnostics;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Reports;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudpackPlus.Activities.Tests.Reports;

/// <summary>The whole host with the made-up TEST-RPT service's model source, and a workflow that only renders its report.</summary>
public sealed class ReportFixture : CloudpackAppFactory
{
    public const string Definition = "report-test";
    private int _companies;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.TryAddEnumerable(ServiceDescriptor.Scoped<IReportModelSource, TestReportSource>());
            services.TryAddEnumerable(ServiceDescriptor.Scoped<IReportSampleSource, TestReportSource>());
        });
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDefinitionService>().ImportAsync($$"""
            { "definitionId": "{{Definition}}", "name": "Report test",
              "activities": [ { "id": "start", "type": "Start" },
                { "id": "report", "type": "RenderReport", "inputs": { "service": "{{TestReportSource.Service}}" } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "report" }, { "from": "report", "outcome": "Done", "to": "end" } ] }
            """, "test", publish: true);
    }

    /// <summary>A training application of a new company (the report workflow is started for it separately).</summary>
    public async Task<(EnrolledCompany Company, Guid ApplicationId)> NewApplicationAsync()
    {
        var company = await ProgrammeSetup.EnrolledCompanyAsync(Services, Clock, $"r{Interlocked.Increment(ref _companies)}");
        await using var scope = Services.CreateAsyncScope();
        var request = new TrainingRequest(TrainingTopic.IntroductionId, "レポートの確認", [new(new DateOnly(2026, 5, 18), new DateOnly(2026, 5, 29))], 5);
        var applied = await scope.ServiceProvider.GetRequiredService<ApplicationDesk>()
            .ApplyAsync("TRAIN-1", Guid.CreateVersion7(), request.ToFormData(), company.RepresentativeId);
        return (company, applied.ApplicationId);
    }

    /// <summary>Runs the report workflow for an application (correlation id = application id) until it ends; returns the instance.</summary>
    public async Task<Guid> RunReportWorkflowAsync(Guid applicationId)
    {
        Guid instance;
        await using (var scope = Services.CreateAsyncScope())
        {
            instance = (await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync(Definition, null, applicationId.ToString())).InstanceId;
        }

        var ended = await Eventually.WaitAsync(async () =>
            await Database.ScalarAsync<string>($"SELECT status FROM wf.instances WHERE id = '{instance}'") is "Finished" or "Faulted", TimeSpan.FromSeconds(120));
        Assert.True(ended, "The report workflow did not end within 2 minutes.");
        return instance;
    }

    public async Task<List<GeneratedReport>> ReportsAsync(Guid applicationId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Reports.AsNoTracking()
            .Where(r => r.ApplicationId == applicationId).OrderBy(r => r.Culture).ToListAsync();
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// The text of a PDF as poppler's <c>pdftotext -layout</c> reads it, NFKC-normalised: Noto CJK's bold face maps
    /// some ideographs to their Kangxi radical code points (⾒ for 見), which NFKC folds back.
    /// </summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-layout", "-enc", "UTF-8", file, "-" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + await process.StandardError.ReadToEndAsync());
            return text.Normalize(System.Text.NormalizationForm.FormKC);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
