using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages;

/// <summary>The page for empty error answers (404, 403, 500, …): a message in the user's language, never a stack trace.</summary>
[AllowAnonymous]
[AllowDuringOnboarding]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.Title";

    public string TextKey { get; private set; } = "Error.Text";

    public void OnGet() => Show();

    // Re-executed POSTs (e.g. a form to another company's record) land here too.
    public void OnPost() => Show();

    // The code comes from the route, not from model binding: binding reads the re-executed request's form, and a form
    // that cannot be read must not turn a 4xx into a 500.
    private void Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 500;
        var status = code is >= 400 and <= 599 ? code : 500;
        Response.StatusCode = status;
        (TitleKey, TextKey) = status switch
        {
            404 => ("Error.NotFoundTitle", "Error.NotFoundText"),
            403 => ("Denied.Title", "Denied.Text"),
            429 => ("Error.TooManyTitle", "Error.TooManyText"),
            400 => ("Error.BadRequestTitle", "Error.BadRequestText"),
            _ => ("Error.Title", "Error.Text"),
        };
    }
}
