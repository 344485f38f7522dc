using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.Reports;

/// <summary>Prints HTML to PDF.</summary>
public interface IReportPdfPrinter
{
    /// <summary>An A4 PDF of <paramref name="html"/>, backgrounds printed, page numbers "n / N" in the footer.</summary>
    /// <exception cref="ReportPdfException">Chromium is missing, failed or took longer than <c>Reports:PdfTimeout</c>.</exception>
    Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken);
}

/// <summary>Why a PDF could not be printed.</summary>
public sealed class ReportPdfException : Exception
{
    /// <summary>Creates the error.</summary>
    public ReportPdfException()
    {
    }

    /// <summary>Creates the error.</summary>
    public ReportPdfException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public ReportPdfException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Headless Debian Chromium driven through the DevTools protocol: one short-lived process per PDF (its own
/// profile directory), at most <c>Reports:MaxConcurrentPdf</c> at once, scripts and network off, killed with its
/// children whatever happens, within <c>Reports:PdfTimeout</c>. Japanese text uses the system's Noto CJK fonts,
/// which Chromium embeds in the PDF.
/// </summary>
public sealed partial class ChromiumPdfPrinter(IOptions<ReportOptions> options, ILogger<ChromiumPdfPrinter> logger) : IReportPdfPrinter, IDisposable
{
    /// <summary>The flags the project runs Chromium with.</summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private const string Footer =
        "<div style=\"width:100%;font-size:8px;color:#555;text-align:center;font-family:'Noto Sans CJK JP',sans-serif;\">" +
        "<span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>";

    // The report is one self-contained file: nothing may be fetched from a network while it prints.
    private static readonly string[] BlockedUrls = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"];

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentPdf));

    /// <inheritdoc />
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        var settings = options.Value;
        if (!File.Exists(settings.ChromiumPath))
        {
            throw new ReportPdfException($"Chromium was not found at '{settings.ChromiumPath}': install Debian's chromium package (apt-get install chromium fonts-noto-cjk) or set Reports:ChromiumPath.");
        }

        // The timeout counts from when this print gets its slot, not while it queues behind others.
        await _slots.WaitAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PdfTimeout);
        DirectoryInfo? work = null;
        Process? chromium = null;
        try
        {
            // Inside the try: on a full disk (ENOSPC) this fails as a report error and the slot is given back.
            work = Directory.CreateTempSubdirectory("cloudpack-pdf-");
            var page = Path.Combine(work.FullName, "report.html");
            await File.WriteAllTextAsync(page, html, timeout.Token);
            chromium = Start(settings.ChromiumPath, Path.Combine(work.FullName, "profile"));
            var endpoint = await DevToolsEndpointAsync(chromium, timeout.Token);
            return await PrintPageAsync(endpoint, new Uri(page), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ReportPdfException($"Chromium did not print the PDF within {settings.PdfTimeout}.");
        }
        catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException or System.ComponentModel.Win32Exception or JsonException)
        {
            throw new ReportPdfException($"Chromium failed to print the PDF: {e.Message}", e);
        }
        finally
        {
            Stop(chromium);
            _slots.Release();
            if (work is not null)
            {
                TryDelete(work);
            }
        }
    }

    private static Process Start(string path, string profile)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var flag in Flags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add("--remote-debugging-port=0");
        start.ArgumentList.Add("--remote-debugging-address=127.0.0.1");
        start.ArgumentList.Add($"--user-data-dir={profile}");
        start.ArgumentList.Add("about:blank");
        return Process.Start(start) ?? throw new ReportPdfException($"Chromium at '{path}' did not start.");
    }

    // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr once it is ready.
    private static async Task<Uri> DevToolsEndpointAsync(Process chromium, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        while (await chromium.StandardError.ReadLineAsync(cancellationToken) is { } line)
        {
            const string marker = "DevTools listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining stderr so Chromium never blocks on a full pipe.
                _ = chromium.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                _ = chromium.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new Uri(line[(at + marker.Length)..].Trim());
            }

            if (seen.Count < 20)
            {
                seen.Add(line);
            }
        }

        throw new ReportPdfException("Chromium exited before opening its DevTools endpoint: " + string.Join(" | ", seen));
    }

    private static async Task<byte[]> PrintPageAsync(Uri endpoint, Uri page, CancellationToken cancellationToken)
    {
        await using var devTools = new DevToolsConnection();
        await devTools.ConnectAsync(endpoint, cancellationToken);
        var target = await devTools.SendAsync("Target.createTarget", new { url = "about:blank" }, null, cancellationToken);
        var attached = await devTools.SendAsync("Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true }, null, cancellationToken);
        var session = attached.GetProperty("sessionId").GetString();
        await devTools.SendAsync("Emulation.setScriptExecutionDisabled", new { value = true }, session, cancellationToken);
        await devTools.SendAsync("Network.enable", null, session, cancellationToken);
        await devTools.SendAsync("Network.setBlockedURLs", new { urls = BlockedUrls }, session, cancellationToken);
        await devTools.SendAsync("Page.enable", null, session, cancellationToken);
        var loaded = devTools.EventAsync("Page.loadEventFired", session);
        await devTools.SendAsync("Page.navigate", new { url = page.AbsoluteUri }, session, cancellationToken);
        await loaded.WaitAsync(cancellationToken);
        var printed = await devTools.SendAsync("Page.printToPDF", new
        {
            paperWidth = 8.27, paperHeight = 11.69, printBackground = true, preferCSSPageSize = true,
            marginTop = 0.5, marginBottom = 0.6, marginLeft = 0.5, marginRight = 0.5,
            displayHeaderFooter = true, headerTemplate = "<span></span>", footerTemplate = Footer,
            transferMode = "ReturnAsStream",
        }, session, cancellationToken);
        var stream = printed.GetProperty("stream").GetString();
        using var pdf = new MemoryStream();
        while (true)
        {
            var chunk = await devTools.SendAsync("IO.read", new { handle = stream, size = 1 << 20 }, session, cancellationToken);
            if (chunk.TryGetProperty("data", out var data) && data.GetString() is { Length: > 0 } text)
            {
                var bytes = chunk.TryGetProperty("base64Encoded", out var b64) && b64.GetBoolean() ? Convert.FromBase64String(text) : System.Text.Encoding.Latin1.GetBytes(text);
                pdf.Write(bytes);
            }

            if (chunk.TryGetProperty("eof", out var eof) && eof.GetBoolean())
            {
                break;
            }
        }

        await devTools.SendAsync("IO.close", new { handle = stream }, session, cancellationToken);
        return pdf.ToArray();
    }

    private void Stop(Process? chromium)
    {
        if (chromium is null)
        {
            return;
        }

        try
        {
            if (!chromium.HasExited)
            {
                chromium.Kill(entireProcessTree: true);
                chromium.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException e)
        {
            LogKillFailed(logger, e);
        }
        finally
        {
            chromium.Dispose();
        }
    }

    private void TryDelete(DirectoryInfo work)
    {
        try
        {
            work.Delete(recursive: true);
        }
        catch (IOException e)
        {
            LogCleanupFailed(logger, work.FullName, e);
        }
        catch (UnauthorizedAccessException e)
        {
            LogCleanupFailed(logger, work.FullName, e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium could not be killed")]
    private static partial void LogKillFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PDF work folder {Folder} could not be removed")]
    private static partial void LogCleanupFailed(ILogger logger, string folder, Exception error);
}
