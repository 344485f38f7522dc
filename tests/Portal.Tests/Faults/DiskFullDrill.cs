using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Win32.SafeHandles;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// What the disk-full drill needs besides <see cref="FaultWorkload"/>: a ballast file that fills a small disk to the
/// last page (and is deleted to free it), and signed-in users who browse and post inquiries while it is full, keeping
/// every answer's status.
/// </summary>
public static partial class DiskFullDrill
{
    /// <summary>Writes <paramref name="path"/> until the disk refuses (ENOSPC), in ever smaller chunks down to one page; answers its size.</summary>
    public static long FillWithBallast(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        long written = 0;
        for (var chunk = 1 << 20; chunk >= 4096; chunk /= 4)
        {
            var bytes = new byte[chunk];
            Array.Fill(bytes, (byte)0x5a);
            try
            {
                while (true)
                {
                    RandomAccess.Write(handle, bytes, written);
                    written += chunk;
                }
            }
            catch (IOException)
            {
                // Full at this chunk size: go on with a smaller one (a short write may have left a tail, overwritten next).
            }
        }

        return written;
    }

    /// <summary>Posts inquiries and browses pages as <paramref name="user"/> until <paramref name="stop"/>; keeps (what, status) of each answer.</summary>
    public static async Task ActAsync(PortalClient user, string name, ConcurrentBag<(string What, HttpStatusCode Status)> answers, ConcurrentBag<string> subjects, CancellationToken stop)
    {
        string[] pages = ["/", "/Applications", "/Inquiries", "/Notifications"];
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var path = pages[i % pages.Length];
            using (var page = await user.GetAsync(path))
            {
                answers.Add(($"GET {path}", page.StatusCode));
            }

            if (i % 2 == 0)
            {
                var subject = $"容量不足訓練 {name} {i}";
                var status = await PostInquiryAsync(user, subject);
                answers.Add(("POST /Inquiries/New", status));
                if (status == HttpStatusCode.Redirect)
                {
                    subjects.Add(subject);
                }
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Staff browsing their pages until <paramref name="stop"/>.</summary>
    public static async Task BrowseStaffAsync(PortalClient staff, ConcurrentBag<(string What, HttpStatusCode Status)> answers, CancellationToken stop)
    {
        string[] pages = ["/Staff/Tasks", "/Staff/Applications", "/Staff/Inquiries"];
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var path = pages[i % pages.Length];
            using var page = await staff.GetAsync(path);
            answers.Add(($"GET {path}", page.StatusCode));
            await Task.Delay(150, CancellationToken.None);
        }
    }

    /// <summary>Opens a new inquiry through the page (form token from the page when it answers); the answer's status (302 when it was made).</summary>
    public static async Task<HttpStatusCode> PostInquiryAsync(PortalClient user, string subject)
    {
        using var form = await user.GetAsync("/Inquiries/New");
        if (form.StatusCode != HttpStatusCode.OK)
        {
            return form.StatusCode;
        }

        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync());
        Assert.True(token.Success, "no antiforgery token on /Inquiries/New");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Category"] = "ProgrammeQuestion",
            ["Subject"] = subject,
            ["Body"] = "ディスクが一杯の間に送った問い合わせです。" + new string('あ', 2000),
        });
        using var posted = await user.Http.PostAsync(new Uri("/Inquiries/New", UriKind.Relative), content);
        return posted.StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
