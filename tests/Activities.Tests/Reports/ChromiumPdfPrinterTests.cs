using System.Diagnostics;
using CloudpackPlus.Activities.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.Tests.Reports;

/// <summary>HTML to PDF with Debian's headless Chromium over the DevTools protocol.</summary>
public sealed class ChromiumPdfPrinterTests
{
    private static ChromiumPdfPrinter Printer(Action<ReportOptions>? change = null)
    {
        var options = new ReportOptions();
        change?.Invoke(options);
        return new ChromiumPdfPrinter(Options.Create(options), NullLogger<ChromiumPdfPrinter>.Instance);
    }

    private static string Pages(int count) =>
        "<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\"><body style=\"font-family:'Noto Sans CJK JP'\">" +
        string.Concat(Enumerable.Range(1, count).Select(i => $"<section style=\"break-after:page\"><h1>日本語の見出し {i}</h1><p>検出事項</p></section>")) +
        "<script>document.body.innerHTML = 'SCRIPT RAN';</script></body></html>";

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public async Task Print_MakesAnA4Pdf_WithJapaneseTextAndPageNumbers_AndRunsNoScript()
    {
        using var printer = Printer();

        var pdf = await printer.PrintAsync(Pages(3), CancellationToken.None);
        var text = await ReportFixture.PdfTextAsync(pdf);

        Assert.Contains("日本語の見出し 1", text, StringComparison.Ordinal);
        Assert.Contains("日本語の見出し 3", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*1\s?/\s?3\s*$", text);
        Assert.Matches(@"(?m)^\s*3\s?/\s?3\s*$", text);
        Assert.DoesNotContain("SCRIPT RAN", text, StringComparison.Ordinal);
        Assert.Contains("(A4)", await PdfInfoAsync(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_FailsClearly_WhenChromiumIsMissing()
    {
        using var printer = Printer(o => o.ChromiumPath = "/nonexistent/chromium");

        var error = await Assert.ThrowsAsync<ReportPdfException>(() => printer.PrintAsync("<p>x</p>", CancellationToken.None));

        Assert.Contains("/nonexistent/chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reports:ChromiumPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_GivesUpAfterTheTimeout_AndLeavesNoChromiumRunning()
    {
        using var printer = Printer(o => o.PdfTimeout = TimeSpan.FromMilliseconds(300));
        var before = ChromiumProcesses();

        var error = await Assert.ThrowsAsync<ReportPdfException>(() => printer.PrintAsync(Pages(1), CancellationToken.None));

        Assert.Contains("within", error.Message, StringComparison.Ordinal);
        Assert.True(await CloudpackPlus.Testing.Eventually.WaitAsync(() => Task.FromResult(!ChromiumProcesses().Except(before).Any()), TimeSpan.FromSeconds(10)),
            "A Chromium process with a cloudpack-pdf profile is still running.");
    }

    [Fact]
    public async Task Print_RunsAtMostTheConfiguredNumberAtOnce_AndEachSucceeds()
    {
        using var printer = Printer(o => o.MaxConcurrentPdf = 1);

        var pdfs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => printer.PrintAsync(Pages(1), CancellationToken.None)));

        Assert.All(pdfs, pdf => Assert.True(pdf.Length > 1000));
    }

    private static HashSet<int> ChromiumProcesses() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _))
            .Where(pid => TryRead($"/proc/{pid}/cmdline").Contains("cloudpack-pdf-", StringComparison.Ordinal))
            .Select(int.Parse!).ToHashSet();

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task<string> PdfInfoAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdfinfo") { RedirectStandardOutput = true };
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var info = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return info;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
