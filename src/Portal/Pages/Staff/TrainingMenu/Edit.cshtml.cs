using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.TrainingMenu;

/// <summary>
/// Staff console, TRAIN-1: adds a training topic (no id) or changes one. The service validates
/// and audits (who, when; saving counts as reviewing the topic for this fiscal year).
/// </summary>
public sealed class EditModel(TrainingMenuService menu, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public TrainingTopicForm Form { get; set; } = new();

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is { } existing)
        {
            var topic = await menu.FindAsync(existing, cancellationToken);
            if (topic is null)
            {
                return NotFound();
            }

            Form = TrainingTopicForm.From(topic);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        // An edit of a topic that is gone must not silently re-create it under the old id.
        if (id is { } existing && await menu.FindAsync(existing, cancellationToken) is null)
        {
            return NotFound();
        }

        // The form carries no validation attributes, so the only errors here are values that do not
        // bind (text in a number field, an unknown format): one clear message in the page's language.
        if (!ModelState.IsValid || !Enum.IsDefined(Form.Format))
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["TrainingMenu.InvalidValue"]);
            return Page();
        }

        try
        {
            await menu.SaveAsync(Form.ToTopic(id), PortalClaims.PersonIdOf(User) ?? Guid.Empty, cancellationToken);
        }
        catch (ProgrammeRuleException e)
        {
            ModelState.AddModelError(string.Empty, PortalCultures.MessageOf(e));
            return Page();
        }

        TempData["Flash"] = "TrainingMenu.Saved";
        return RedirectToPage("/Staff/TrainingMenu/Index");
    }
}
