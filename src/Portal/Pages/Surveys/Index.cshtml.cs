using CloudpackPlus.Portal.Csat;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Surveys;

/// <summary>CSAT: one satisfaction survey; the representative answers it once (score 1-5, optional comment).</summary>
public sealed class IndexModel(SurveyDesk desk) : PageModel
{
    public SurveyView Survey { get; private set; } = null!;

    public bool IsRepresentative => User.IsInRole(PortalRoles.Representative);

    /// <summary>The resource key of why the answer was refused, shown above the form.</summary>
    public string? Error { get; private set; }

    [BindProperty]
    public int? Score { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await desk.GetAsync(id, cancellationToken) is not { } survey)
        {
            return NotFound();
        }

        Survey = survey;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (PortalClaims.PersonIdOf(User) is not { } me)
        {
            return Challenge();
        }

        var result = await desk.AnswerAsync(id, me, IsRepresentative, Score, Comment, cancellationToken);
        if (result == SurveyAnswerResult.NotFound)
        {
            return NotFound();
        }

        if (result == SurveyAnswerResult.Saved)
        {
            TempData["Flash"] = "Csat.Thanks";
            return RedirectToPage(new { id });
        }

        Error = "Csat.Error." + result;
        Survey = (await desk.GetAsync(id, cancellationToken))!;
        Response.StatusCode = result == SurveyAnswerResult.NotRepresentative ? StatusCodes.Status403Forbidden
            : result == SurveyAnswerResult.AlreadyAnswered ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }
}
